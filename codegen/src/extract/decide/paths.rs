//! Method pages -> [`Operation`]s: path templates, parameter names,
//! operation ids, bodies, responses, and the examples of each.
//!
//! A page's request lines are grouped into operations by
//! [`crate::extract::decide::path_forms`]: `/app/calls/{id}/mute` and
//! `/communications/calls/{id}/mute` are one operation keyed by the current
//! `/communications` form, the `/app` form recorded as deprecated; another
//! line for the same method and action (`/applications/{id}/calls/{id}/redirect`)
//! is an alternate path of the operation, reported when its walk does not
//! reach the same resource. A page that documents only `/app` forms (the
//! 2019 docs) is keyed by that form.
//!
//! Operation ids are `<type>.<verb>`: `call.get`, `call.update`,
//! `call.delete` on an item; `call.list` and `call.create` on a root
//! collection; `call.listParticipants` and `call.createAudioRoutingGroup`
//! on a collection of an item; `call.mute` and `participant.invite` for an
//! action bound to an item or to a collection.
//!
//! Bodies and responses are typed by [`crate::extract::decide::operation_types`],
//! decided for the pass or shaped for walking the examples before it; the
//! same walk of the paths serves both.

use std::path::Path;

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location};

use crate::docs::http::HttpRequestLine as RequestLine;
use crate::extract::decide::attribution::{report_left_out, with_own_examples};
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::decide::navigate::{
    Navigator, Place, is_key, split_namespace, target_fits, url_segments,
};
use crate::extract::decide::operation_types::Typing;
use crate::extract::decide::path_forms::{Forms, group_request_lines, namespace_of};
use crate::extract::read::examples::{ExampleDoc, Role};
use crate::extract::read::operations::MethodDoc;
use crate::extract::read::template::odata_type_name;
use crate::extract::render::api::{Body, Operation, PathParameter};

/// A path template with what the walk found.
#[derive(Debug, Clone, PartialEq)]
struct Template {
    path: String,
    parameters: Vec<PathParameter>,
    places: Vec<Place>,
    /// Whether every key follows a collection the walk recognised (else a
    /// parameter is named after the placeholder itself: `{id-id}`).
    keys_recognised: bool,
}

/// Builds the operations of one method page, typed by `typing`.
pub(crate) fn page_operations(
    method: &MethodDoc,
    nav: &Navigator<'_>,
    typing: &mut impl Typing,
) -> Vec<Operation> {
    if let Some(diags) = typing.diags() {
        report_left_out(method, diags);
    }
    let mut own = with_own_examples(method);
    let method = &own;
    let file = method.page.as_path();
    let groups: Vec<Forms> = group_request_lines(&method.requests)
        .into_iter()
        .map(|forms| prefer_recognised(forms, nav))
        .collect();
    let mut operations = Vec::new();
    for forms in &groups {
        let current = &forms.current;
        let template = build_template(current, nav);
        let deprecated = forms
            .deprecated
            .iter()
            .map(|r| build_template(r, nav).path)
            .collect();
        let operation_id = operation_id(&current.method, &template);
        let alternates =
            alternate_paths(forms, &template, &operation_id, file, nav, typing.diags());
        let body = typing.body(method, &operation_id);
        let response = typing.response(method);
        operations.push(Operation {
            path: template.path.clone(),
            method: current.method.to_ascii_lowercase(),
            operation_id,
            summary: method.title.clone(),
            description: method.description.clone(),
            parameters: template.parameters.clone(),
            deprecated_paths: deprecated,
            alternate_paths: alternates,
            callback_key: callback_key(body.as_ref(), nav),
            body,
            request_examples: Vec::new(),
            response,
            notifications: Vec::new(),
            notification_type: None,
            page: slash_path(file),
            line: current.line,
        });
    }
    let examples = std::mem::take(&mut own.examples);
    attach_examples(
        &own,
        examples,
        &mut operations,
        nav.resolver,
        typing.diags(),
    );
    operations
}

/// The page path with `/` separators.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Without a `/communications` form or deprecated forms, the first form
/// whose keys the walk recognises (`/users/{id}/events/{id}`, not
/// `/me/events/{id}`) is the current one; the others are alternates, in
/// page order.
fn prefer_recognised(forms: Forms, nav: &Navigator<'_>) -> Forms {
    let keyed_by_communications = namespace_of(&forms.current.target) == Some("communications");
    if keyed_by_communications
        || !forms.deprecated.is_empty()
        || build_template(&forms.current, nav).keys_recognised
    {
        return forms;
    }
    let Some(index) = forms
        .alternates
        .iter()
        .position(|line| build_template(line, nav).keys_recognised)
    else {
        return forms;
    };
    let mut alternates = forms.alternates;
    let current = alternates.remove(index);
    alternates.push(forms.current);
    alternates.sort_by_key(|line| line.line);
    Forms {
        current,
        deprecated: forms.deprecated,
        alternates,
    }
}

/// The templates of a group's alternate forms. A form whose walk ends
/// elsewhere than the current form's (another type, or an action bound to
/// something else) is still recorded, with an `alternate-path` warning.
fn alternate_paths(
    forms: &Forms,
    current: &Template,
    operation_id: &str,
    file: &Path,
    nav: &Navigator<'_>,
    mut diags: Option<&mut Diagnostics>,
) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for line in &forms.alternates {
        let template = build_template(line, nav);
        if template.path == current.path || paths.contains(&template.path) {
            continue;
        }
        if let Some(diags) = diags
            .as_deref_mut()
            .filter(|_| !same_target(&template, current))
        {
            diags.push(
                Diagnostic::warning(
                    Location::line(file, line.line),
                    "alternate-path",
                    format!(
                        "{} {} names the same action as {operation_id} ({} {}) but is not recognised as the same resource; it is recorded as an alternate path",
                        line.method, line.target, forms.current.method, current.path
                    ),
                )
                .with_note(format!(
                    "it reaches {}, the operation's path reaches {}",
                    describe_target(&template),
                    describe_target(current)
                )),
            );
        }
        paths.push(template.path);
    }
    paths
}

/// Whether two walks end at the same place: the same item or collection
/// type, or the same action bound to the same place.
fn same_target(a: &Template, b: &Template) -> bool {
    let tail = |t: &Template| -> Vec<Place> {
        let mut places = t.places.iter().rev();
        match places.next() {
            Some(last @ Place::Action(_)) => vec![
                last.clone(),
                places.next().cloned().unwrap_or(Place::Namespace),
            ],
            Some(last) => vec![last.clone()],
            None => Vec::new(),
        }
    };
    tail(a) == tail(b)
}

fn describe_target(template: &Template) -> String {
    let describe = |place: &Place| match place {
        Place::Namespace => "the namespace".to_string(),
        Place::Collection(item) => format!("a collection of `{item}`"),
        Place::Item(item) if item.is_empty() => "the root".to_string(),
        Place::Item(item) => format!("an item of `{item}`"),
        Place::Action(action) => format!("action `{action}`"),
    };
    let mut places = template.places.iter().rev();
    match (places.next(), places.next()) {
        (Some(action @ Place::Action(_)), Some(owner)) => {
            format!("{} on {}", describe(action), describe(owner))
        }
        (Some(last), _) => describe(last),
        (None, _) => "nothing".to_string(),
    }
}

/// Walks a request line's path, naming keys after their collections.
fn build_template(request: &RequestLine, nav: &Navigator<'_>) -> Template {
    let segments = url_segments(&request.target);
    let (namespace, rest) = split_namespace(&segments);
    let mut path = String::new();
    if let Some(namespace) = namespace {
        path.push('/');
        path.push_str(namespace);
    }
    let mut place = if namespace.is_some() {
        Place::Namespace
    } else {
        Place::Item(String::new())
    };
    let mut parameters: Vec<PathParameter> = Vec::new();
    let mut places = Vec::new();
    let mut keys_recognised = true;
    for (index, segment) in rest.iter().enumerate() {
        if is_key(segment) {
            let item = match &place {
                Place::Collection(item) => item.clone(),
                _ => {
                    keys_recognised = false;
                    segment.trim_matches(['{', '}']).to_string()
                }
            };
            let name = unique_parameter(&format!("{item}-id"), &parameters);
            path.push_str(&format!("/{{{name}}}"));
            parameters.push(PathParameter {
                name,
                item_type: item.clone(),
            });
            place = Place::Item(item);
        } else {
            let next_is_key = rest.get(index + 1).is_some_and(|s| is_key(s));
            place = nav.step(&place, segment, next_is_key);
            path.push('/');
            path.push_str(segment);
        }
        places.push(place.clone());
    }
    Template {
        path,
        parameters,
        places,
        keys_recognised,
    }
}

fn unique_parameter(name: &str, existing: &[PathParameter]) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while existing.iter().any(|p| p.name == candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    candidate
}

/// `<type>.<verb>` from the walk (see the module doc).
fn operation_id(method: &str, template: &Template) -> String {
    let places = &template.places;
    let last = places.last().cloned().unwrap_or(Place::Namespace);
    let previous = places
        .len()
        .checked_sub(2)
        .and_then(|i| places.get(i))
        .cloned()
        .unwrap_or(Place::Namespace);
    match (last, previous) {
        (Place::Item(item), _) => format!("{item}.{}", item_verb(method)),
        (Place::Collection(item), Place::Item(parent)) if !parent.is_empty() => {
            let segment = template.path.rsplit('/').next().unwrap_or("");
            match method {
                "POST" => format!("{parent}.create{}", item.to_upper_camel_case()),
                _ => format!("{parent}.list{}", segment.to_upper_camel_case()),
            }
        }
        (Place::Collection(item), _) => match method {
            "POST" => format!("{item}.create"),
            _ => format!("{item}.list"),
        },
        (Place::Action(action), Place::Item(owner) | Place::Collection(owner))
            if !owner.is_empty() =>
        {
            format!("{owner}.{action}")
        }
        (Place::Action(action), _) => action,
        (Place::Namespace, _) => method.to_ascii_lowercase(),
    }
}

fn item_verb(method: &str) -> &'static str {
    match method {
        "PATCH" => "update",
        "PUT" => "replace",
        "DELETE" => "delete",
        "POST" => "post",
        _ => "get",
    }
}

/// `{$request.body#/callbackUri}` when the body has a callbackUri, else
/// `{callbackUri}` (the call's callback URI given when it was created).
fn callback_key(body: Option<&Body>, nav: &Navigator<'_>) -> String {
    let has_callback = match body {
        Some(Body::Parameters(properties)) => properties.iter().any(|p| p.name == "callbackUri"),
        Some(Body::Type(Resolved::Object(name))) => {
            nav.property_type(name, "callbackUri").is_some()
        }
        _ => false,
    };
    if has_callback {
        "{$request.body#/callbackUri}".to_string()
    } else {
        "{callbackUri}".to_string()
    }
}

/// Puts each of the page's (own) examples on its operation (by request
/// line where the page has several operations) and records the
/// notification type.
fn attach_examples(
    method: &MethodDoc,
    examples: Vec<ExampleDoc>,
    operations: &mut [Operation],
    resolver: &Resolver,
    mut diags: Option<&mut Diagnostics>,
) {
    if operations.is_empty() {
        if let Some(diags) = diags.filter(|_| !examples.is_empty()) {
            // Without a request section, the first example is the place.
            let line = match method.requests_line {
                0 => examples.first().map_or(0, |e| e.line),
                line => line,
            };
            diags.warn(
                &method.page,
                line,
                "examples-without-operation",
                "the page shows examples but documents no request line; they are not attached",
            );
        }
        return;
    }
    let mut current = 0;
    for example in examples {
        if let (Role::Request, Some(request)) = (example.role, &example.request) {
            current = matching_operation(request, operations).unwrap_or(current);
        }
        let operation = &mut operations[current];
        match example.role {
            Role::Request => operation.request_examples.push(example),
            Role::Response => {
                if let Some(diags) = diags.as_deref_mut() {
                    report_status(&example, operation.response.status, diags);
                }
                operation.response.examples.push(example);
            }
            Role::Notification => {
                if operation.notification_type.is_none() {
                    operation.notification_type = notification_type(&example, resolver);
                }
                operation.notifications.push(example);
            }
            Role::Resource => {}
        }
    }
}

/// The operation one of whose paths (current or alternate; namespaces
/// ignored) the request line fits.
fn matching_operation(request: &RequestLine, operations: &[Operation]) -> Option<usize> {
    operations.iter().position(|op| {
        op.method.eq_ignore_ascii_case(&request.method)
            && std::iter::once(&op.path)
                .chain(&op.alternate_paths)
                .any(|path| target_fits(path, &request.target))
    })
}

fn report_status(example: &ExampleDoc, documented: u16, diags: &mut Diagnostics) {
    if let Some(status) = example.status.filter(|s| *s != documented) {
        diags.warn(
            &example.page,
            example.line,
            "status-mismatch",
            format!("the response example shows status {status} but the Response section documents {documented}"),
        );
    }
}

/// The payload type a notification example names (by metadata, else by
/// its body's `@odata.type`).
fn notification_type(example: &ExampleDoc, resolver: &Resolver) -> Option<Resolved> {
    let name = example.odata_type.clone().or_else(|| {
        example
            .value
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| odata_type_name(t).to_string())
    })?;
    Some(resolver.lookup_name(&name, None))
}
