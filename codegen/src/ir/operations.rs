//! `paths` -> operations: method, path, parameters, and the request,
//! response and callback bodies with their examples. Inline body schemas
//! become named types in the operation's module.

use super::builder::{Builder, pointer_segment, str_at, text_at, trimmed};
use super::model::*;
use super::naming::ModuleHint;
use super::path_template;
use super::schema::{examples_at, type_ref};
use super::site::Site;
use crate::contract::OperationExtensions;
use serde_json::{Map, Value};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Converts every operation of every path item.
pub(super) fn convert(b: &mut Builder) {
    let doc = b.doc;
    let Some(paths) = doc.get("paths") else {
        return;
    };
    let Some(paths) = paths.as_object() else {
        b.problem("/paths", "paths must be an object");
        return;
    };
    for (path, item) in paths {
        let pointer = format!("/paths/{}", pointer_segment(path));
        let Some(item) = item.as_object() else {
            b.problem(&pointer, "a path item must be an object");
            continue;
        };
        for method in METHODS {
            if let Some(op) = item.get(*method) {
                let at = format!("{pointer}/{method}");
                if let Some(operation) = operation(b, path, method, op, item, &at) {
                    b.operations.push(operation);
                }
            }
        }
    }
    report_duplicate_ids(b);
}

fn report_duplicate_ids(b: &mut Builder) {
    let mut ids: Vec<&str> = b
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    ids.sort_unstable();
    let duplicates: Vec<String> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].to_owned())
        .collect();
    for id in duplicates {
        b.problem(
            "/paths",
            format!("operationId `{id}` is used more than once"),
        );
    }
}

fn operation(
    b: &mut Builder,
    path: &str,
    method: &str,
    op: &Value,
    item: &Map<String, Value>,
    pointer: &str,
) -> Option<Operation> {
    let Some(operation_id) = text_at(op, "operationId") else {
        b.problem(pointer, "an operation must have an operationId");
        return None;
    };
    let site = |suffix: &str, segment: &str| Site {
        pointer: format!("{pointer}/{segment}"),
        schema_name: format!("{operation_id}#{suffix}"),
        name_hint: format!("{operation_id} {suffix}"),
        group: Group::Operations,
        module: ModuleHint::Operation(operation_id.clone()),
    };
    let mut parameters = Vec::new();
    let shared = item.get("parameters");
    for (list, at) in [
        (shared, format!("{}/parameters", parent(pointer))),
        (op.get("parameters"), format!("{pointer}/parameters")),
    ] {
        for (index, value) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let param_site = site(
                &format!("parameter.{index}"),
                &format!("parameters/{index}"),
            );
            if let Some(p) = parameter(b, value, &format!("{at}/{index}"), &param_site) {
                parameters
                    .retain(|q: &Parameter| q.wire_name != p.wire_name || q.location != p.location);
                parameters.push(p);
            }
        }
    }
    let extensions: OperationExtensions = b.extensions(op, pointer);
    let request_body = op.get("requestBody").and_then(|body| {
        self::body(
            b,
            body,
            &format!("{pointer}/requestBody"),
            &site("request", "requestBody"),
        )
    });
    let responses = responses(b, op, pointer, &site);
    let callbacks = callbacks(b, op, pointer, &operation_id);
    let path_pieces = match path_template::parse(path, &parameters) {
        Ok(template) => {
            parameters.extend(template.undeclared.into_iter().map(undeclared_parameter));
            template.pieces
        }
        Err(message) => {
            b.problem(pointer, message);
            Vec::new()
        }
    };
    Some(Operation {
        rust_name: String::new(),
        type_name: String::new(),
        module: String::new(),
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        path_pieces,
        deprecated_paths: extensions.deprecated_paths,
        summary: text_at(op, "summary"),
        docs: text_at(op, "description"),
        page: trimmed(extensions.page),
        parameters,
        request_body,
        responses,
        callbacks,
        operation_id,
    })
}

/// A path parameter the template uses but the schema does not declare.
fn undeclared_parameter(name: String) -> Parameter {
    Parameter {
        rust_name: String::new(),
        location: ParameterLocation::Path,
        required: true,
        ty: TypeRef::Primitive(Primitive::String { format: None }),
        docs: Some(
            "A placeholder of the path template that the schema does not declare as a parameter"
                .to_owned(),
        ),
        wire_name: name,
    }
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map(|(p, _)| p).unwrap_or(pointer)
}

fn parameter(b: &mut Builder, value: &Value, pointer: &str, site: &Site) -> Option<Parameter> {
    let Some(name) = text_at(value, "name") else {
        b.problem(pointer, "a parameter must have a name");
        return None;
    };
    let location = match str_at(value, "in") {
        Some("path") => ParameterLocation::Path,
        Some("query") => ParameterLocation::Query,
        Some("header") => ParameterLocation::Header,
        Some("cookie") => return None,
        other => {
            b.problem(pointer, format!("unknown parameter location {other:?}"));
            return None;
        }
    };
    let ty = match value.get("schema") {
        Some(schema) => type_ref(b, schema, site).0,
        None => TypeRef::Primitive(Primitive::String { format: None }),
    };
    Some(Parameter {
        rust_name: String::new(),
        location,
        required: value
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(location == ParameterLocation::Path),
        ty,
        docs: text_at(value, "description"),
        wire_name: name,
    })
}

/// A request, response or callback body (`content` with `application/json`).
fn body(b: &mut Builder, value: &Value, pointer: &str, site: &Site) -> Option<Body> {
    let content = value.get("content")?;
    let (media_type, media) = content
        .as_object()?
        .iter()
        .find(|(k, _)| k.starts_with("application/json"))
        .or_else(|| content.as_object()?.iter().next())?;
    let media_pointer = format!("{pointer}/content/{}", pointer_segment(media_type));
    let schema_site = Site {
        pointer: format!("{media_pointer}/schema"),
        ..site.clone()
    };
    let ty = media
        .get("schema")
        .map(|schema| type_ref(b, schema, &schema_site).0);
    let examples = examples_at(
        b,
        media.get("examples"),
        &format!("{media_pointer}/examples"),
    );
    Some(Body {
        ty,
        required: value
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        examples,
    })
}

fn responses(
    b: &mut Builder,
    op: &Value,
    pointer: &str,
    site: &dyn Fn(&str, &str) -> Site,
) -> Vec<Response> {
    let mut out = Vec::new();
    for (status, response) in op
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let at = format!("{pointer}/responses/{}", pointer_segment(status));
        let body_site = site(
            &format!("response.{status}"),
            &format!("responses/{}", pointer_segment(status)),
        );
        out.push(Response {
            status: status.clone(),
            docs: text_at(response, "description"),
            body: body(b, response, &at, &body_site),
        });
    }
    out.sort_by(|a, c| a.status.cmp(&c.status));
    out
}

fn callbacks(b: &mut Builder, op: &Value, pointer: &str, operation_id: &str) -> Vec<Callback> {
    let mut out = Vec::new();
    for (name, callback) in op
        .get("callbacks")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (expression, item) in callback.as_object().into_iter().flatten() {
            for method in METHODS {
                let Some(callback_op) = item.get(*method) else {
                    continue;
                };
                let at = format!(
                    "{pointer}/callbacks/{}/{}/{method}",
                    pointer_segment(name),
                    pointer_segment(expression)
                );
                let site = Site {
                    pointer: at.clone(),
                    schema_name: format!("{operation_id}#callback.{name}"),
                    name_hint: format!("{operation_id} {name} notification"),
                    group: Group::Operations,
                    module: ModuleHint::Operation(operation_id.to_owned()),
                };
                let body = callback_op
                    .get("requestBody")
                    .and_then(|v| self::body(b, v, &format!("{at}/requestBody"), &site));
                out.push(Callback {
                    name: name.clone(),
                    expression: expression.clone(),
                    method: method.to_ascii_uppercase(),
                    body,
                });
            }
        }
    }
    out
}
