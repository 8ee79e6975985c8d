//! A JSON Schema inferred from documented example payloads, for a payload
//! whose type no page of the closure documents (a notification type named
//! only by the examples' `@odata.type`): better than `{}`, which the
//! generator can only read as any JSON value. Used only with a warning.
//!
//! Objects become objects with the union of the properties seen, arrays
//! take the merged schema of their items, scalars their JSON type; a
//! property seen with two different JSON types is any value, and one seen
//! as `null` is nullable. `@odata.type` is left out: the generator handles
//! it on every object.

use crate::diag::Diagnostics;
use crate::extract::decide::names::Resolved;
use crate::extract::render::api::{Api, Operation};
use serde_json::{Map, Value, json};

/// When an operation's notification payload type is not documented: the
/// name its examples give (or `None` when they give none). `Some` only for
/// operations with notification examples.
pub(crate) fn undocumented_payload(operation: &Operation) -> Option<Option<&str>> {
    if operation.notifications.is_empty() {
        return None;
    }
    match &operation.notification_type {
        None => Some(None),
        Some(Resolved::Unresolved(name)) => Some(Some(name)),
        Some(_) => None,
    }
}

/// The callback payload schema of an operation whose payload type is not
/// documented: inferred from its notification examples, with the name the
/// examples give in [`crate::contract::DOCUMENTED_AS`].
pub(crate) fn payload_schema(operation: &Operation) -> Option<Value> {
    let named = undocumented_payload(operation)?;
    let mut schema = schema_of(operation.notifications.iter().map(|e| &*e.value));
    if let (Some(name), Value::Object(object)) = (named, &mut schema) {
        object.insert(
            crate::contract::DOCUMENTED_AS.to_owned(),
            Value::String(format!("{name} (inferred from the notification examples)")),
        );
    }
    Some(schema)
}

/// Warns, at its first notification example, about every operation whose
/// payload schema is inferred.
pub(crate) fn report_inferred_payloads(api: &Api, diags: &mut Diagnostics) {
    for operation in &api.operations {
        let (Some(named), Some(example)) = (
            undocumented_payload(operation),
            operation.notifications.first(),
        ) else {
            continue;
        };
        let what = match named {
            Some(name) => format!("`{name}`, which no page of the closure documents"),
            None => "no type (no `@odata.type`)".to_owned(),
        };
        diags.warn(
            &example.page,
            example.line,
            "notification-type-undocumented",
            format!(
                "{}: the notification examples name {what}; the payload schema is inferred from {}",
                operation.operation_id,
                match operation.notifications.len() {
                    1 => "the example".to_owned(),
                    n => format!("the {n} examples"),
                }
            ),
        );
    }
}

/// The schema of values shaped like every one of `examples`.
pub(crate) fn schema_of<'a>(examples: impl IntoIterator<Item = &'a Value>) -> Value {
    let shape = examples
        .into_iter()
        .map(Shape::of)
        .reduce(Shape::merge)
        .unwrap_or(Shape::Any);
    shape.schema()
}

/// What the examples show at one place.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Only `null`.
    Null,
    Boolean,
    Integer,
    Number,
    String,
    /// Items merged; `None` for arrays seen only empty.
    Array(Option<Box<Shape>>),
    /// Properties in first-seen order.
    Object(Vec<(String, Shape)>),
    /// Values of different JSON types.
    Any,
    /// A value or `null`.
    Nullable(Box<Shape>),
}

impl Shape {
    fn of(value: &Value) -> Shape {
        match value {
            Value::Null => Shape::Null,
            Value::Bool(_) => Shape::Boolean,
            Value::Number(n) if n.is_i64() || n.is_u64() => Shape::Integer,
            Value::Number(_) => Shape::Number,
            Value::String(_) => Shape::String,
            Value::Array(items) => Shape::Array(
                items
                    .iter()
                    .map(Shape::of)
                    .reduce(Shape::merge)
                    .map(Box::new),
            ),
            Value::Object(object) => Shape::Object(
                object
                    .iter()
                    .filter(|(key, _)| key.as_str() != "@odata.type")
                    .map(|(key, value)| (key.clone(), Shape::of(value)))
                    .collect(),
            ),
        }
    }

    fn merge(self, other: Shape) -> Shape {
        match (self, other) {
            (a, b) if a == b => a,
            (Shape::Null, other) | (other, Shape::Null) => other.nullable(),
            (Shape::Nullable(a), b) | (b, Shape::Nullable(a)) => a.merge(b).nullable(),
            (Shape::Integer, Shape::Number) | (Shape::Number, Shape::Integer) => Shape::Number,
            (Shape::Array(a), Shape::Array(b)) => Shape::Array(match (a, b) {
                (Some(a), Some(b)) => Some(Box::new(a.merge(*b))),
                (a, b) => a.or(b),
            }),
            (Shape::Object(a), Shape::Object(b)) => Shape::Object(merge_properties(a, b)),
            _ => Shape::Any,
        }
    }

    fn nullable(self) -> Shape {
        match self {
            Shape::Null | Shape::Nullable(_) | Shape::Any => self,
            other => Shape::Nullable(Box::new(other)),
        }
    }

    fn schema(&self) -> Value {
        match self {
            Shape::Null | Shape::Any => json!({}),
            Shape::Boolean => json!({"type": "boolean"}),
            Shape::Integer => json!({"type": "integer", "format": "int64"}),
            Shape::Number => json!({"type": "number", "format": "double"}),
            Shape::String => json!({"type": "string"}),
            Shape::Array(None) => json!({"type": "array", "items": {}}),
            Shape::Array(Some(item)) => json!({"type": "array", "items": item.schema()}),
            Shape::Object(properties) => {
                let properties: Map<String, Value> = properties
                    .iter()
                    .map(|(name, shape)| (name.clone(), shape.schema()))
                    .collect();
                json!({"type": "object", "properties": properties})
            }
            Shape::Nullable(inner) => nullable_schema(inner.schema()),
        }
    }
}

/// The properties of both objects, in first-seen order, merged by name.
fn merge_properties(
    mut merged: Vec<(String, Shape)>,
    other: Vec<(String, Shape)>,
) -> Vec<(String, Shape)> {
    for (name, shape) in other {
        match merged.iter_mut().find(|(known, _)| *known == name) {
            Some((_, known)) => *known = std::mem::replace(known, Shape::Any).merge(shape),
            None => merged.push((name, shape)),
        }
    }
    merged
}

/// `schema` admitting `null`, as the schema conventions write it.
fn nullable_schema(schema: Value) -> Value {
    match schema.get("type").and_then(Value::as_str) {
        Some(word) if word != "object" && word != "array" => {
            let mut schema = schema.clone();
            schema["type"] = json!([word, "null"]);
            schema
        }
        _ => json!({"anyOf": [schema, {"type": "null"}]}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_merge_into_one_object_schema() {
        let first = json!({"@odata.type": "#microsoft.graph.commsNotifications", "value": [
            {"changeType": "updated", "resourceUrl": "/calls/1", "resourceData": {"state": "established"}}
        ]});
        let second = json!({"value": [
            {"changeType": "deleted", "resourceUrl": null, "sequence": 2},
            {"changeType": "created", "sequence": 2.5}
        ]});
        let schema = schema_of([&first, &second]);
        assert_eq!(
            schema,
            json!({"type": "object", "properties": {"value": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "changeType": {"type": "string"},
                    "resourceUrl": {"type": ["string", "null"]},
                    "resourceData": {"type": "object", "properties": {"state": {"type": "string"}}},
                    "sequence": {"type": "number", "format": "double"}
                }
            }}}})
        );
    }

    #[test]
    fn different_json_types_are_any_value_and_nothing_is_any() {
        assert_eq!(schema_of([&json!("a"), &json!(1)]), json!({}));
        assert_eq!(schema_of(std::iter::empty()), json!({}));
        assert_eq!(
            schema_of([&json!([]), &json!([{"a": true}])]),
            json!({"type": "array", "items": {"type": "object", "properties": {"a": {"type": "boolean"}}}})
        );
        assert_eq!(
            schema_of([&json!({"a": null}), &json!({"a": {"b": 1}})]),
            json!({"type": "object", "properties": {"a": {"anyOf": [
                {"type": "object", "properties": {"b": {"type": "integer", "format": "int64"}}},
                {"type": "null"}
            ]}}})
        );
    }
}
