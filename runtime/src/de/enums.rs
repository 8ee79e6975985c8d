//! Generated string enumerations: read through one string visitor shared by
//! all of them and by property names ([`super::Text`]), which carries the
//! enumeration's [`Expected`] words for its errors. An enumeration then
//! costs no visitor and no deserializer code of its own, only the lookup of
//! its members.

use super::{Expected, Key, Nullable, Text, duplicate, misfit};
use crate::Field;
use serde::de::{DeserializeSeed, Deserializer, MapAccess};

/// A generated string enumeration with a catch-all for values the schema
/// does not list. What the input should have been, for error messages, is
/// its [`Expected`].
pub trait WireEnum: Sized + Expected {
    /// The member whose wire value is `value`, if the schema lists it.
    fn from_known(value: &str) -> Option<Self>;

    /// The catch-all member keeping a value the schema does not list.
    fn from_unrecognized(value: String) -> Self;
}

/// Deserializes a generated enumeration from a JSON string.
pub fn deserialize_enum<'de, T: WireEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = Text {
        expected: T::EXPECTED,
    }
    .deserialize(deserializer)?;
    Ok(member(text))
}

/// Reads a schema property holding a generated enumeration, like
/// [`super::next_field`]: `null` becomes [`Field::Null`], a property given
/// twice is an error, a failure notes the property's name.
#[inline]
pub fn next_enum<'de, T: WireEnum, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<T>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    if !matches!(slot, Field::Absent) {
        return Err(duplicate(wire_name));
    }
    let seed = Nullable(Text {
        expected: T::EXPECTED,
    });
    match map.next_value_seed(seed) {
        Ok(Field::Value(text)) => *slot = Field::Value(member(text)),
        Ok(_) => *slot = Field::Null,
        Err(error) => return Err(misfit(wire_name, T::EXPECTED, error)),
    }
    Ok(())
}

/// The member of `T` whose wire value is `text`, or its catch-all.
fn member<T: WireEnum>(text: Key<'_>) -> T {
    match T::from_known(text.as_str()) {
        Some(known) => known,
        None => T::from_unrecognized(text.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownFields;
    use crate::de::{MapModel, from_slice, from_slice_tolerant, next_unknown};
    use serde::Deserialize;
    use std::borrow::Cow;

    #[derive(Debug, PartialEq)]
    enum Mode {
        Audio,
        Unrecognized(String),
    }

    impl Expected for Mode {
        const EXPECTED: &'static str = "a test.mode value";
    }

    impl WireEnum for Mode {
        fn from_known(value: &str) -> Option<Self> {
            (value == "audio").then_some(Mode::Audio)
        }
        fn from_unrecognized(value: String) -> Self {
            Mode::Unrecognized(value)
        }
    }

    impl<'de> Deserialize<'de> for Mode {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_enum(deserializer)
        }
    }

    #[derive(Debug, Default, PartialEq)]
    struct Holder {
        mode: Field<Mode>,
        unknown_fields: UnknownFields,
    }

    impl Expected for Holder {
        const EXPECTED: &'static str = "a test.holder object";
    }

    impl<'de> MapModel<'de> for Holder {
        const DECLARED_ODATA_TYPE: &'static str = "";
        fn odata_type(&self) -> Option<&str> {
            None
        }
        fn set_odata_type(&mut self, _odata_type: Cow<'static, str>) {}
        fn visit_entry<A: MapAccess<'de>>(
            &mut self,
            key: Key<'de>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match key.as_str() {
                "mode" => next_enum(map, &mut self.mode, "mode"),
                _ => next_unknown(map, &mut self.unknown_fields, key),
            }
        }
    }

    impl<'de> Deserialize<'de> for Holder {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::de::deserialize_struct(deserializer)
        }
    }

    #[test]
    fn members_come_from_borrowed_escaped_and_unknown_text() {
        let read = |text: &str| serde_json::from_str::<Mode>(text).unwrap();
        assert_eq!(read(r#""audio""#), Mode::Audio);
        assert_eq!(read(r#""\u0061udio""#), Mode::Audio);
        assert_eq!(read(r#""video""#), Mode::Unrecognized("video".to_owned()));
        let from_value = Mode::deserialize(serde_json::json!("audio")).unwrap();
        assert_eq!(from_value, Mode::Audio);
    }

    #[test]
    fn errors_use_the_enumerations_words() {
        let error = serde_json::from_str::<Mode>("5").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `5`, expected a test.mode value at line 1 column 1"
        );
    }

    #[test]
    fn a_property_is_null_given_once_and_kept_when_it_does_not_fit() {
        let holder: Holder = from_slice(br#"{"mode": null}"#).unwrap();
        assert_eq!(holder.mode, Field::Null);
        let holder: Holder = from_slice(br#"{"mode": "audio"}"#).unwrap();
        assert_eq!(holder.mode, Field::Value(Mode::Audio));
        let twice = from_slice::<Holder>(br#"{"mode": "audio", "mode": null}"#).unwrap_err();
        assert_eq!(twice.path(), "mode");
        let misfit = from_slice::<Holder>(br#"{"mode": 5}"#).unwrap_err();
        assert_eq!(misfit.path(), "mode");
        let kept: Holder = from_slice_tolerant(br#"{"mode": 5}"#).unwrap();
        assert!(kept.mode.is_absent());
        let (name, value, why) = kept.unknown_fields.mismatches().next().unwrap();
        assert_eq!((name, value), ("mode", &serde_json::json!(5)));
        assert_eq!(why.expected, "a test.mode value");
    }
}
