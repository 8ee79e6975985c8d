//! Documented examples: reading them from the schema, and listing every
//! example with the registry name of the type it documents, for the
//! conformance suite.

use super::builder::{Builder, pointer_segment, text_at, trimmed};
use super::model::*;
use crate::contract::ExampleExtensions;
use serde_json::Value;

/// Reads examples from a [`crate::contract::EXAMPLES`] array or an OpenAPI
/// `examples` map.
pub(super) fn read(b: &mut Builder, value: Option<&Value>, pointer: &str) -> Vec<Example> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| example(b, index.to_string(), item, &format!("{pointer}/{index}")))
            .collect(),
        Some(Value::Object(items)) => items
            .iter()
            .map(|(name, item)| {
                example(
                    b,
                    name.clone(),
                    item,
                    &format!("{pointer}/{}", pointer_segment(name)),
                )
            })
            .collect(),
        Some(_) => {
            b.problem(pointer, "examples must be an array or an object");
            Vec::new()
        }
    }
}

fn example(b: &mut Builder, fallback_name: String, item: &Value, pointer: &str) -> Example {
    if item.get("value").is_none() {
        b.problem(pointer, "an example must have a `value`");
    }
    let extensions: ExampleExtensions = b.extensions(item, pointer);
    let source = extensions.source.unwrap_or_default();
    Example {
        name: trimmed(extensions.name).unwrap_or(fallback_name),
        summary: text_at(item, "summary"),
        value: item.get("value").cloned().unwrap_or(Value::Null),
        page: trimmed(source.page),
        line: source.line,
        truncated: extensions.truncated,
    }
}

/// What an example documents.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExampleRole {
    /// An instance of a type, shown on the type's page.
    Resource {
        /// The type's qualified name (`microsoft.graph.call`).
        type_name: String,
    },
    /// An operation's request body.
    Request {
        /// The operation (`call.mute`).
        operation_id: String,
    },
    /// An operation's response body.
    Response {
        /// The operation.
        operation_id: String,
        /// The status (`200`).
        status: String,
    },
    /// A notification posted to an operation's callback.
    Callback {
        /// The operation.
        operation_id: String,
        /// The callback's name (`notifications`).
        name: String,
    },
}

/// One documented example and the type it should be read as.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleUse<'a> {
    /// What the example documents: `microsoft.graph.call` (a resource page),
    /// `call.mute request`, `call.mute response 200`,
    /// `call.mute callback notifications`.
    pub context: String,
    /// The same, as data.
    pub role: ExampleRole,
    /// The type the example's JSON is read as.
    pub ty: Option<TypeRef>,
    /// The example.
    pub example: &'a Example,
}

impl Ir {
    /// Every example in the document: resource-page examples first (by type),
    /// then request, response and callback examples (by operation).
    pub fn examples(&self) -> Vec<ExampleUse<'_>> {
        let mut out = Vec::new();
        for def in &self.types {
            let TypeKind::Struct(st) = &def.kind else {
                continue;
            };
            let name = def.schema_name.trim_end_matches("#base");
            let ty = self.reference_to(name);
            for example in &st.examples {
                out.push(ExampleUse {
                    context: name.to_owned(),
                    role: ExampleRole::Resource {
                        type_name: name.to_owned(),
                    },
                    ty: ty.clone(),
                    example,
                });
            }
        }
        for op in &self.operations {
            let id = &op.operation_id;
            let request = ExampleRole::Request {
                operation_id: id.clone(),
            };
            push_body(
                &mut out,
                format!("{id} request"),
                request,
                op.request_body.as_ref(),
            );
            for response in &op.responses {
                let role = ExampleRole::Response {
                    operation_id: id.clone(),
                    status: response.status.clone(),
                };
                let context = format!("{id} response {}", response.status);
                push_body(&mut out, context, role, response.body.as_ref());
            }
            for callback in &op.callbacks {
                let role = ExampleRole::Callback {
                    operation_id: id.clone(),
                    name: callback.name.clone(),
                };
                let context = format!("{id} callback {}", callback.name);
                push_body(&mut out, context, role, callback.body.as_ref());
            }
        }
        out
    }

    /// The type this IR reads an example of `role` as: the resource type,
    /// or the body type of the operation's request, response (same status,
    /// else the only response with a body) or callback (same name, else the
    /// only callback with a body). `None` when this IR has no such thing.
    pub fn type_for(&self, role: &ExampleRole) -> Option<TypeRef> {
        let operation = |id: &str| self.operations.iter().find(|op| op.operation_id == id);
        match role {
            ExampleRole::Resource { type_name } => self.reference_to(type_name),
            ExampleRole::Request { operation_id } => {
                operation(operation_id)?.request_body.as_ref()?.ty.clone()
            }
            ExampleRole::Response {
                operation_id,
                status,
            } => {
                let responses = &operation(operation_id)?.responses;
                let with_body: Vec<&Response> =
                    responses.iter().filter(|r| r.body.is_some()).collect();
                let chosen = responses
                    .iter()
                    .find(|r| &r.status == status && r.body.is_some())
                    .or(match with_body.as_slice() {
                        [only] => Some(*only),
                        _ => None,
                    })?;
                chosen.body.as_ref()?.ty.clone()
            }
            ExampleRole::Callback { operation_id, name } => {
                let callbacks = &operation(operation_id)?.callbacks;
                let with_body: Vec<&Callback> =
                    callbacks.iter().filter(|c| c.body.is_some()).collect();
                let chosen = callbacks
                    .iter()
                    .find(|c| &c.name == name && c.body.is_some())
                    .or(match with_body.as_slice() {
                        [only] => Some(*only),
                        _ => None,
                    })?;
                chosen.body.as_ref()?.ty.clone()
            }
        }
    }

    /// The reference a field of component type `schema_name` has: the
    /// family for a base with descendants, else the type itself.
    pub fn reference_to(&self, schema_name: &str) -> Option<TypeRef> {
        self.find(schema_name).map(|def| TypeRef::Named(def.id))
    }
}

fn push_body<'a>(
    out: &mut Vec<ExampleUse<'a>>,
    context: String,
    role: ExampleRole,
    body: Option<&'a Body>,
) {
    let Some(body) = body else { return };
    for example in &body.examples {
        out.push(ExampleUse {
            context: context.clone(),
            role: role.clone(),
            ty: body.ty.clone(),
            example,
        });
    }
}
