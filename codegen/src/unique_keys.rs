//! Reading JSON text in which every object key is unique.
//!
//! serde_json keeps the last of two equal keys and drops the first without a
//! word; for a schema that silently loses a type or a property. This reader
//! builds the same [`Value`] (with serde_json's nesting limit) but refuses a
//! repeated key, naming it by JSON pointer, with the line and column
//! serde_json adds. It knows nothing of what the JSON means.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `text` like `serde_json::from_str::<Value>`, but a key repeated
/// within one object is an error: "duplicate key at /a/b".
pub fn from_str(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueAt { pointer: "" }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A JSON value at `pointer` in the document.
struct ValueAt<'p> {
    pointer: &'p str,
}

/// A pointer segment: `~` and `/` escaped as RFC 6901 says.
fn child(pointer: &str, segment: &str) -> String {
    format!(
        "{pointer}/{}",
        segment.replace('~', "~0").replace('/', "~1")
    )
}

impl<'de> DeserializeSeed<'de> for ValueAt<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueAt<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let pointer = child(self.pointer, &items.len().to_string());
            match seq.next_element_seed(ValueAt { pointer: &pointer })? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let pointer = child(self.pointer, &key);
            if entries.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate key at {pointer}"
                )));
            }
            let value = map.next_value_seed(ValueAt { pointer: &pointer })?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true], "b": {"c/d": {}}, "e~": []}"#;
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(from_str(text).unwrap(), expected);
    }

    #[test]
    fn repeated_key_is_named_by_pointer_and_line() {
        let text = "{\n  \"a\": {\"b/c\": {\"k\": 1,\n \"k\": 2}}\n}";
        let error = from_str(text).unwrap_err().to_string();
        assert!(error.starts_with("duplicate key at /a/b~1c/k"), "{error}");
        assert!(error.contains("line 3"), "{error}");
    }

    #[test]
    fn nesting_limit_still_holds() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(from_str(&deep).is_err());
    }
}
