//! Documented examples: reading them from the schema, and listing every
//! example with the registry name of the type it documents, for the
//! conformance suite.

use super::builder::{Builder, flag_at, pointer_segment, text_at};
use super::model::*;
use serde_json::Value;

/// Reads examples from an `x-callgen-examples` array or an OpenAPI
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
    let source = item.get("x-callgen-source");
    Example {
        name: text_at(item, "x-callgen-name").unwrap_or(fallback_name),
        summary: text_at(item, "summary"),
        value: item.get("value").cloned().unwrap_or(Value::Null),
        page: source.and_then(|s| text_at(s, "page")),
        line: source.and_then(|s| s.get("line")).and_then(Value::as_u64),
        truncated: flag_at(item, "x-callgen-truncated"),
    }
}

/// One documented example and the type it should be read as.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleUse<'a> {
    /// What the example documents: `microsoft.graph.call` (a resource page),
    /// `call.mute request`, `call.mute response 200`,
    /// `call.mute callback notifications`.
    pub context: String,
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
                    ty: ty.clone(),
                    example,
                });
            }
        }
        for op in &self.operations {
            let id = &op.operation_id;
            push_body(&mut out, format!("{id} request"), op.request_body.as_ref());
            for response in &op.responses {
                push_body(
                    &mut out,
                    format!("{id} response {}", response.status),
                    response.body.as_ref(),
                );
            }
            for callback in &op.callbacks {
                push_body(
                    &mut out,
                    format!("{id} callback {}", callback.name),
                    callback.body.as_ref(),
                );
            }
        }
        out
    }

    /// The reference a field of component type `schema_name` has: the
    /// family for a base with descendants, else the type itself.
    pub fn reference_to(&self, schema_name: &str) -> Option<TypeRef> {
        self.find(schema_name).map(|def| TypeRef::Named(def.id))
    }
}

fn push_body<'a>(out: &mut Vec<ExampleUse<'a>>, context: String, body: Option<&'a Body>) {
    let Some(body) = body else { return };
    for example in &body.examples {
        out.push(ExampleUse {
            context: context.clone(),
            ty: body.ty.clone(),
            example,
        });
    }
}
