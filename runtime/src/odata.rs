//! `@odata.type` values: the qualified type name with or without the `#`
//! that the service and the docs use interchangeably.
//!
//! The generated code keeps `@odata.type` exactly as received. A value that
//! is the type's own name (with or without `#`, by far the common case) is
//! kept as a borrowed `'static` string, any other value as an owned copy:
//! the text is the same either way, only the storage differs. These helpers
//! compare, read and build values; they know nothing of a particular schema.

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The name of the discriminator property.
pub const ODATA_TYPE: &str = "@odata.type";

/// The qualified type name an `@odata.type` value names, without the leading
/// `#`: `#microsoft.graph.call` and `microsoft.graph.call` both give
/// `microsoft.graph.call`.
#[inline]
pub fn type_name(odata_type: &str) -> &str {
    odata_type.strip_prefix('#').unwrap_or(odata_type)
}

/// The `@odata.type` value the service expects for a qualified type name:
/// `microsoft.graph.call` gives `#microsoft.graph.call`.
pub fn odata_type_for(qualified_name: &str) -> String {
    format!("#{}", type_name(qualified_name))
}

/// `received` kept exactly as it is: borrowed from `declared` (a type's own
/// `@odata.type`, written with `#`) when it is that value with or without
/// the `#`, else an owned copy.
#[inline]
pub(crate) fn keep(received: &str, declared: &'static str) -> Cow<'static, str> {
    keep_cow(Cow::Borrowed(received), declared)
}

/// [`keep`] for a value that may already be owned (it then moves, no copy).
#[inline]
pub(crate) fn keep_cow(received: Cow<'_, str>, declared: &'static str) -> Cow<'static, str> {
    match recognise(received.as_bytes(), declared) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(received.into_owned()),
    }
}

/// `declared` or `declared` without its `#`, whichever `received` is.
#[inline]
fn recognise(received: &[u8], declared: &'static str) -> Option<&'static str> {
    if received == declared.as_bytes() {
        return Some(declared);
    }
    let bare = type_name(declared);
    (bare.len() < declared.len() && received == bare.as_bytes()).then_some(bare)
}

/// Reads an `@odata.type` string value for a type whose own value is
/// `declared` (empty when the type has none), without copying it when it is
/// the declared one (with or without `#`).
pub(crate) struct ReadOdataType(pub(crate) &'static str);

impl<'de> DeserializeSeed<'de> for ReadOdataType {
    type Value = Cow<'static, str>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(OdataTypeVisitor(self.0))
    }
}

struct OdataTypeVisitor(&'static str);

impl<'de> Visitor<'de> for OdataTypeVisitor {
    type Value = Cow<'static, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an `@odata.type` string")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(keep(v, self.0))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(keep_cow(Cow::Owned(v), self.0))
    }
}

/// An `@odata.type` string value read before its type is known: borrowed
/// from the input when the deserializer allows it.
pub(crate) struct Received<'de>(pub(crate) Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Received<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ReceivedVisitor)
    }
}

struct ReceivedVisitor;

impl<'de> Visitor<'de> for ReceivedVisitor {
    type Value = Received<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an `@odata.type` string")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Received(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Received(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Received(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hash_is_optional_when_reading_and_added_when_building() {
        assert_eq!(type_name("#microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(type_name("microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(
            odata_type_for("microsoft.graph.call"),
            "#microsoft.graph.call"
        );
        assert_eq!(
            odata_type_for("#microsoft.graph.call"),
            "#microsoft.graph.call"
        );
    }

    fn read(json: &str, declared: &'static str) -> Result<Cow<'static, str>, serde_json::Error> {
        ReadOdataType(declared).deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn the_declared_value_is_borrowed_and_any_other_copied_as_received() {
        let declared = "#microsoft.graph.call";
        for (json, text, borrowed) in [
            (
                r##""#microsoft.graph.call""##,
                "#microsoft.graph.call",
                true,
            ),
            (r#""microsoft.graph.call""#, "microsoft.graph.call", true),
            (
                r#""\u0023microsoft.graph.call""#,
                "#microsoft.graph.call",
                true,
            ),
            (
                r##""#microsoft.graph.callX""##,
                "#microsoft.graph.callX",
                false,
            ),
            (
                r##""#Microsoft.Graph.Call""##,
                "#Microsoft.Graph.Call",
                false,
            ),
            (r#""é\n""#, "é\n", false),
            (r#""""#, "", false),
        ] {
            let value = read(json, declared).unwrap();
            assert_eq!(value, text, "{json}");
            assert_eq!(matches!(value, Cow::Borrowed(_)), borrowed, "{json}");
        }
        assert!(matches!(read(r#""""#, "").unwrap(), Cow::Borrowed("")));
        assert!(matches!(read(r#""x""#, "").unwrap(), Cow::Owned(x) if x == "x"));
    }

    #[test]
    fn anything_but_a_valid_json_string_is_an_error() {
        let declared = "#microsoft.graph.call";
        for json in [
            "[35, 99]",
            "7",
            "null",
            "{}",
            "\"a\u{1}b\"",
            r#""\ud800""#,
            "\"#microsoft.graph.call",
        ] {
            assert!(read(json, declared).is_err(), "{json}");
        }
        let value = json!("#microsoft.graph.call");
        assert_eq!(
            ReadOdataType(declared).deserialize(&value).unwrap(),
            Cow::Borrowed(declared)
        );
        assert!(ReadOdataType(declared).deserialize(&json!([1])).is_err());
    }
}
