//! The types of an operation: its request body and its success response.
//!
//! The body is the type the Request body section names, or an object of
//! its parameter table (names aligned to the request examples', types
//! decided like properties, inline enums named `<action><Parameter>`, or
//! `<type><Parameter>` for create and update).
//!
//! The response: the status named by the Response section's text (else by
//! the response example); the type named by the response example's
//! metadata `@odata.type`, else linked in the text, else the example body's
//! `@odata.type`; a list when the text speaks of a collection. 202 and 204
//! responses carry no content.
//!
//! Both are read in one of two ways ([`Typing`]): decided, for the pass
//! (enums made, every problem reported), or shaped, for walking the
//! examples before the pass (object types only, nothing reported: the
//! pass reports what the page says, once).

use std::path::Path;

use crate::diag::Diagnostics;

use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::decide::schema::{Context, decide_property, property_shape};
use crate::extract::decide::spelling::ObservedValues;
use crate::extract::read::align::{align, align_names};
use crate::extract::read::examples::{ExampleDoc, Role};
use crate::extract::read::operations::{BodyDoc, MethodDoc};
use crate::extract::read::template::{Hint, odata_type_name};
use crate::extract::read::type_doc::{PropertyDoc, PropertyRow};
use crate::extract::render::api::{Body, Response, ResponseContent};

/// How [`crate::extract::decide::paths::page_operations`] types an
/// operation, and whether it reports what it meets.
pub(crate) trait Typing {
    /// The request body of the operation `operation_id`.
    fn body(&mut self, method: &MethodDoc, operation_id: &str) -> Option<Body>;
    /// The success response, without its examples.
    fn response(&mut self, method: &MethodDoc) -> Response;
    /// Where problems go; `None` when nothing is reported.
    fn diags(&mut self) -> Option<&mut Diagnostics>;
}

/// Decided: the pass's typing.
impl Typing for Context<'_, '_> {
    fn body(&mut self, method: &MethodDoc, operation_id: &str) -> Option<Body> {
        request_body(method, operation_id, self)
    }

    fn response(&mut self, method: &MethodDoc) -> Response {
        response(method, self)
    }

    fn diags(&mut self) -> Option<&mut Diagnostics> {
        Some(self.diags)
    }
}

/// Shaped: object types only, as far as walking the examples needs
/// them; reports nothing.
pub(crate) struct Shaping<'a> {
    pub(crate) resolver: &'a Resolver,
    pub(crate) hierarchy: &'a Hierarchy,
}

impl Typing for Shaping<'_> {
    fn body(&mut self, method: &MethodDoc, _operation_id: &str) -> Option<Body> {
        match &method.body {
            BodyDoc::Resource(expr, _) => Some(Body::Type(self.resolver.lookup(expr))),
            BodyDoc::Parameters(rows, _) => {
                let rows = align(rows.clone(), &request_example_keys(method)).rows;
                let parameters = rows
                    .into_iter()
                    .map(|row| {
                        let doc = parameter_doc(row);
                        crate::extract::render::api::Property {
                            ty: property_shape(&doc, self.resolver, self.hierarchy),
                            name: doc.name,
                            description: None,
                            read_only: false,
                            nullable: false,
                            documented_as: None,
                        }
                    })
                    .collect();
                Some(Body::Parameters(parameters))
            }
            BodyDoc::None | BodyDoc::NotSupplied(_) | BodyDoc::Unknown(_) => None,
        }
    }

    fn response(&mut self, method: &MethodDoc) -> Response {
        let examples = response_examples(method);
        let content = has_content(method, &examples)
            .then(|| candidates(method, &examples, self.resolver).chosen())
            .flatten()
            .map(|(ty, _)| content(method, &examples, ty));
        Response {
            status: success_status(method, &examples).unwrap_or(200),
            content,
            examples: Vec::new(),
        }
    }

    fn diags(&mut self) -> Option<&mut Diagnostics> {
        None
    }
}

/// The request body: a type, or an object of the parameter table.
fn request_body(method: &MethodDoc, operation_id: &str, ctx: &mut Context<'_, '_>) -> Option<Body> {
    let file = method.page.as_path();
    match &method.body {
        BodyDoc::Resource(expr, line) => {
            let ty = ctx.resolver.resolve(expr, file, *line, ctx.diags);
            warn_unresolved(&ty, "request body", file, *line, ctx.diags);
            Some(Body::Type(ty))
        }
        BodyDoc::Parameters(rows, _) => {
            let owner = enum_owner(operation_id);
            let keys = request_example_keys(method);
            let rows = align_names(
                file,
                operation_id,
                "the request examples",
                rows.clone(),
                &keys,
                ctx.diags,
            );
            let observed =
                ObservedValues::of(method.examples.iter().filter(|e| e.role == Role::Request));
            let properties = rows
                .into_iter()
                .map(|row| {
                    let doc = parameter_doc(row);
                    let seen = observed.for_key(&doc.name);
                    decide_property(&owner, file, &doc, false, seen, ctx)
                })
                .collect();
            Some(Body::Parameters(properties))
        }
        BodyDoc::None | BodyDoc::NotSupplied(_) | BodyDoc::Unknown(_) => None,
    }
}

/// A parameter table row as a property (a parameter has no template).
fn parameter_doc(row: PropertyRow) -> PropertyDoc {
    PropertyDoc {
        name: row.written_name.clone(),
        row: Some(row),
        template: None,
    }
}

/// The top-level keys of the page's request examples, in order of first
/// appearance, with the hint of their first value.
fn request_example_keys(method: &MethodDoc) -> Vec<(String, Hint)> {
    let mut keys: Vec<(String, Hint)> = Vec::new();
    let bodies = method.examples.iter().filter(|e| e.role == Role::Request);
    for map in bodies.filter_map(|e| e.value.as_object()) {
        for (key, value) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
            if !keys.iter().any(|(k, _)| k == key) {
                keys.push((key.clone(), Hint::of(value)));
            }
        }
    }
    keys
}

/// The prefix of inline enums of a body: the action (`reject` ->
/// `rejectReason`), or the type for create and update.
fn enum_owner(operation_id: &str) -> String {
    let (owner, verb) = operation_id.split_once('.').unwrap_or(("", operation_id));
    match verb {
        "update" | "replace" | "create" | "post" => owner.to_string(),
        _ => verb.to_string(),
    }
}

/// The success response (see the module doc).
fn response(method: &MethodDoc, ctx: &mut Context<'_, '_>) -> Response {
    let file = method.page.as_path();
    let examples = response_examples(method);
    let doc = &method.response;
    let status = success_status(method, &examples).unwrap_or_else(|| {
        ctx.diags.warn(
            file,
            doc.line,
            "no-success-status",
            "neither the Response section nor an example names the success status; 200 is assumed",
        );
        200
    });
    let content = if has_content(method, &examples) {
        response_type(method, &examples, file, ctx).map(|ty| content(method, &examples, ty))
    } else {
        None
    };
    Response {
        status,
        content,
        examples: Vec::new(),
    }
}

fn response_examples(method: &MethodDoc) -> Vec<&ExampleDoc> {
    method
        .examples
        .iter()
        .filter(|e| e.role == Role::Response)
        .collect()
}

/// The status the Response section names, else the examples'.
fn success_status(method: &MethodDoc, examples: &[&ExampleDoc]) -> Option<u16> {
    method
        .response
        .status
        .or_else(|| examples.iter().find_map(|e| e.status))
}

/// Whether the response has content: it is not a 202 or 204 (or a
/// response the page says has no body), or the page shows one anyway.
fn has_content(method: &MethodDoc, examples: &[&ExampleDoc]) -> bool {
    let status = success_status(method, examples).unwrap_or(200);
    let bodiless = matches!(status, 202 | 204) || method.response.no_body;
    !(bodiless && examples.is_empty())
}

/// The response's type, a list when the text or an example says so.
fn content(method: &MethodDoc, examples: &[&ExampleDoc], ty: Resolved) -> ResponseContent {
    if method.response.collection || examples.iter().any(|e| e.is_collection) {
        ResponseContent::List(ty)
    } else {
        ResponseContent::Single(ty)
    }
}

/// The types a page names for its response, each with the line it was
/// read from.
struct Candidates {
    metadata: Option<(Resolved, usize)>,
    text: Option<(Resolved, usize)>,
    body: Option<(Resolved, usize)>,
}

impl Candidates {
    /// The metadata's, else the text's, else the body's.
    fn chosen(self) -> Option<(Resolved, usize)> {
        self.metadata.or(self.text).or(self.body)
    }
}

fn candidates(method: &MethodDoc, examples: &[&ExampleDoc], resolver: &Resolver) -> Candidates {
    let metadata = examples
        .iter()
        .find_map(|e| e.odata_type.as_ref().map(|t| (t, e.line)))
        .map(|(name, line)| (resolver.lookup_name(name, None), line));
    let text = method
        .response
        .ty
        .as_ref()
        .map(|t| (resolver.lookup(t), method.response.line));
    let body = examples.iter().find_map(|e| {
        let odata = e.value.get("@odata.type")?.as_str()?;
        Some((resolver.lookup_name(odata_type_name(odata), None), e.line))
    });
    Candidates {
        metadata,
        text,
        body,
    }
}

fn response_type(
    method: &MethodDoc,
    examples: &[&ExampleDoc],
    file: &Path,
    ctx: &mut Context<'_, '_>,
) -> Option<Resolved> {
    if let Some(text) = &method.response.ty {
        let line = method.response.line;
        ctx.resolver.report_links(text, file, line, ctx.diags);
    }
    let found = candidates(method, examples, ctx.resolver);
    if let (Some((Resolved::Object(meta), _)), Some((Resolved::Object(text), _))) =
        (&found.metadata, &found.text)
    {
        if !ctx.hierarchy.is_a(meta, text) && !ctx.hierarchy.is_a(text, meta) {
            ctx.diags.warn(
                file,
                method.response.line,
                "response-type-mismatch",
                format!("the Response text names {text} but the response example's metadata says {meta}; {meta} is used"),
            );
        }
    }
    let (ty, source_line) = found.chosen()?;
    // The Response section where the page has one, else the source.
    let line = match method.response.line {
        0 => source_line,
        line => line,
    };
    warn_unresolved(&ty, "response", file, line, ctx.diags);
    Some(ty)
}

/// A body or response type that no page of the closure documents.
fn warn_unresolved(ty: &Resolved, what: &str, file: &Path, line: usize, diags: &mut Diagnostics) {
    if let Resolved::Unresolved(name) = ty.element() {
        diags.warn(
            file,
            line,
            "unresolved-type",
            format!(
                "the {what} is a `{name}`, which no page of the docs documents; it is left untyped"
            ),
        );
    }
}
