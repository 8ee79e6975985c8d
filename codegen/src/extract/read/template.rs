//! JSON representation templates -> type hints.
//!
//! A resource page's JSON representation block is a template, not an
//! example: `"id": "String (identifier)"`, `"state": "incoming | outgoing"`,
//! `"answeredBy": {"@odata.type": "#microsoft.graph.participantInfo"}`,
//! `"ringingTimeoutInSeconds": 99`. Its keys are the real property names in
//! their documented order; its values hint at the types. This module reads
//! those hints; it does not decide between a hint and the property table.

use serde_json::Value;

use crate::extract::read::enums::placeholder_choices;
use crate::extract::read::type_expr::{Primitive, TypeExpr};

/// What a template value says about a property's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Hint {
    /// `{"@odata.type": "#microsoft.graph.x"}`: the named type `x`.
    Named(String),
    /// `[ <hint> ]`.
    Collection(Box<Hint>),
    /// A primitive placeholder: `"String"`, `true`, `99`, `"String (timestamp)"`.
    Primitive(Primitive),
    /// `"a | b | c"`: a string with these possible values.
    Choices(Vec<String>),
    /// An object without `@odata.type`, `null`, `[]`, or anything else.
    Unknown,
}

impl Hint {
    /// Whether a JSON value's hint is compatible with a table type.
    pub(crate) fn agrees_with(&self, ty: Option<&TypeExpr>) -> bool {
        let Some(ty) = ty else {
            return false;
        };
        match (self, ty) {
            (Hint::Collection(h), TypeExpr::Collection(t)) => h.agrees_with(Some(t)),
            (Hint::Named(h), TypeExpr::Named { name, .. }) => h.eq_ignore_ascii_case(name),
            (Hint::Named(_), TypeExpr::Union(_)) => true,
            (Hint::Primitive(h), TypeExpr::Primitive(t)) => h.json_type() == t.json_type(),
            (Hint::Primitive(h), TypeExpr::Named { .. }) => h.json_type() == "string",
            (Hint::Choices(_), TypeExpr::Primitive(t)) => t.json_type() == "string",
            (Hint::Choices(_), TypeExpr::Named { .. }) => true,
            (Hint::Unknown, TypeExpr::Named { .. }) => true,
            _ => false,
        }
    }

    /// The hint of a template value.
    pub(crate) fn of(value: &Value) -> Hint {
        match value {
            Value::Object(map) => match map.get("@odata.type").and_then(Value::as_str) {
                Some(odata_type) => Hint::Named(odata_type_name(odata_type).to_string()),
                None => Hint::Unknown,
            },
            Value::Array(items) => match items.first() {
                Some(first) => Hint::Collection(Box::new(Hint::of(first))),
                None => Hint::Unknown,
            },
            Value::Bool(_) => Hint::Primitive(Primitive::Boolean),
            Value::Number(n) if n.is_i64() || n.is_u64() => Hint::Primitive(Primitive::Int32),
            Value::Number(_) => Hint::Primitive(Primitive::Double),
            Value::String(text) => string_hint(text),
            Value::Null => Hint::Unknown,
        }
    }

    /// The element hint of collections, the hint itself otherwise.
    pub(crate) fn element(&self) -> &Hint {
        match self {
            Hint::Collection(inner) => inner.element(),
            other => other,
        }
    }
}

/// `#microsoft.graph.call` / `microsoft.graph.call` / `call` -> `call`.
pub(crate) fn odata_type_name(odata_type: &str) -> &str {
    let name = odata_type.trim().trim_start_matches('#');
    name.strip_prefix("microsoft.graph.").unwrap_or(name)
}

fn string_hint(text: &str) -> Hint {
    if let Some(choices) = placeholder_choices(text) {
        return Hint::Choices(choices);
    }
    let lower = text.trim().to_ascii_lowercase();
    if lower.contains("duration") {
        return Hint::Primitive(Primitive::Duration);
    }
    if lower.contains("timestamp") || lower.contains("datetime") {
        return Hint::Primitive(Primitive::DateTimeOffset);
    }
    let word = lower.split(['(', ' ']).next().unwrap_or("");
    match Primitive::parse(word) {
        Some(primitive) => Hint::Primitive(primitive),
        None => Hint::Primitive(Primitive::String),
    }
}

/// The `@odata.type` names a template mentions anywhere (for the closure).
pub(crate) fn mentioned_types(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_types(value, &mut out);
    out
}

fn collect_types(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if key == "@odata.type" {
                    if let Some(text) = item.as_str() {
                        out.push(odata_type_name(text).to_string());
                    }
                } else {
                    collect_types(item, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_types(i, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hints_of_template_values() {
        assert_eq!(
            Hint::of(&json!({"@odata.type": "#microsoft.graph.participantInfo"})),
            Hint::Named("participantInfo".into())
        );
        assert_eq!(
            Hint::of(&json!([{"@odata.type": "microsoft.graph.callRoute"}])),
            Hint::Collection(Box::new(Hint::Named("callRoute".into())))
        );
        assert_eq!(
            Hint::of(&json!("String (identifier)")),
            Hint::Primitive(Primitive::String)
        );
        assert_eq!(
            Hint::of(&json!("String (timestamp)")),
            Hint::Primitive(Primitive::DateTimeOffset)
        );
        assert_eq!(
            Hint::of(&json!("String (ISO 8601 duration)")),
            Hint::Primitive(Primitive::Duration)
        );
        assert_eq!(Hint::of(&json!("Guid")), Hint::Primitive(Primitive::Guid));
        assert_eq!(Hint::of(&json!(99)), Hint::Primitive(Primitive::Int32));
        assert_eq!(Hint::of(&json!(true)), Hint::Primitive(Primitive::Boolean));
        assert_eq!(
            Hint::of(&json!(["unknown | audio"])),
            Hint::Collection(Box::new(Hint::Choices(vec![
                "unknown".into(),
                "audio".into()
            ])))
        );
        assert_eq!(Hint::of(&json!({})), Hint::Unknown);
    }

    #[test]
    fn mentioned_types_are_found_at_any_depth() {
        let value =
            json!({"a": {"@odata.type": "#microsoft.graph.x"}, "b": [{"c": {"@odata.type": "y"}}]});
        assert_eq!(
            mentioned_types(&value),
            vec!["x".to_string(), "y".to_string()]
        );
    }
}
