//! What a type expects to be deserialized from, asked without any input.
//!
//! Tolerant decoding must decide, before a JSON object is consumed, whether
//! the declared type of a property reads objects (a generated struct, a
//! family, a union, raw JSON) or not (a string, a number, an enumeration, a
//! list): only then can the object be streamed into the type without the
//! risk of losing it. The probe is a deserializer that records which
//! `deserialize_*` method the type calls and answers with an error, so it
//! reads nothing and costs no allocation unless a description is asked for.
//! This module knows no particular type.

use serde::de::{self, Deserialize, Deserializer, Expected, Visitor};
use std::fmt;

/// Whether `T` reads a JSON object (its deserializer asks for a map, a
/// struct or any value).
pub(crate) fn accepts_map<'de, T: Deserialize<'de>>() -> bool {
    match T::deserialize(Probe { describe: false }) {
        Err(answer) => answer.accepts_map,
        Ok(_) => false,
    }
}

/// What `T` expects, in the words of its own visitor (`i32`, `a string`,
/// `a microsoft.graph.resultInfo object`).
pub(crate) fn expected<'de, T: Deserialize<'de>>() -> String {
    match T::deserialize(Probe { describe: true }) {
        Err(answer) => answer.expected.unwrap_or_else(|| "another type".to_owned()),
        Ok(_) => "another type".to_owned(),
    }
}

/// The probe's answer, carried as its error.
#[derive(Debug)]
pub(crate) struct Answer {
    accepts_map: bool,
    expected: Option<String>,
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the probe reads no input")
    }
}

impl std::error::Error for Answer {}

impl de::Error for Answer {
    fn custom<M: fmt::Display>(_message: M) -> Self {
        Answer {
            accepts_map: false,
            expected: None,
        }
    }
}

struct Probe {
    describe: bool,
}

impl Probe {
    fn answer<'de, V: Visitor<'de>, T>(self, accepts_map: bool, visitor: V) -> Result<T, Answer> {
        let expected = self
            .describe
            .then(|| format!("{}", &visitor as &dyn Expected));
        Err(Answer {
            accepts_map,
            expected,
        })
    }
}

macro_rules! refuses_maps {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Answer> {
            $(let _ = $arg;)*
            self.answer(false, visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Probe {
    type Error = Answer;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Answer> {
        self.answer(true, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Answer> {
        self.answer(true, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Answer> {
        self.answer(true, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Answer> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Answer> {
        visitor.visit_newtype_struct(self)
    }

    refuses_maps!(
        deserialize_bool(),
        deserialize_i8(),
        deserialize_i16(),
        deserialize_i32(),
        deserialize_i64(),
        deserialize_i128(),
        deserialize_u8(),
        deserialize_u16(),
        deserialize_u32(),
        deserialize_u64(),
        deserialize_u128(),
        deserialize_f32(),
        deserialize_f64(),
        deserialize_char(),
        deserialize_str(),
        deserialize_string(),
        deserialize_bytes(),
        deserialize_byte_buf(),
        deserialize_unit(),
        deserialize_unit_struct(name: &'static str),
        deserialize_seq(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(),
        deserialize_ignored_any(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    #[test]
    fn objects_are_told_apart_from_everything_else() {
        assert!(accepts_map::<Value>());
        assert!(accepts_map::<BTreeMap<String, u8>>());
        assert!(accepts_map::<Box<Option<Value>>>());
        assert!(!accepts_map::<i32>());
        assert!(!accepts_map::<String>());
        assert!(!accepts_map::<Vec<Value>>());
        assert!(!accepts_map::<bool>());
    }

    #[test]
    fn expectations_are_the_visitors_own_words() {
        assert_eq!(expected::<i32>(), "i32");
        assert_eq!(expected::<String>(), "a string");
        assert_eq!(expected::<Vec<u8>>(), "a sequence");
    }
}
