//! What a type expects to be deserialized from, asked without any input:
//! the words of its own visitor (`i32`, `a string`), for the tests that hold
//! [`crate::de::Expected`]'s constants to serde's words. The probe is a
//! deserializer that answers every request with an error carrying the
//! visitor's description, so it reads nothing. Test-only: a probe per type
//! in the decoders cost 5% of a generated crate's code.

use serde::de::{self, Deserialize, Deserializer, Expected, Visitor};
use std::fmt;

/// What `T` expects, in the words of its own visitor.
pub(crate) fn expected<T: for<'de> Deserialize<'de>>() -> String {
    match T::deserialize(Probe) {
        Err(Answer(Some(expected))) => expected,
        _ => "another type".to_owned(),
    }
}

/// The probe's answer, carried as its error.
#[derive(Debug)]
struct Answer(Option<String>);

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the probe reads no input")
    }
}

impl std::error::Error for Answer {}

impl de::Error for Answer {
    fn custom<M: fmt::Display>(_message: M) -> Self {
        Answer(None)
    }
}

struct Probe;

impl<'de> Deserializer<'de> for Probe {
    type Error = Answer;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Answer> {
        Err(Answer(Some(format!("{}", &visitor as &dyn Expected))))
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

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn expectations_are_the_visitors_own_words() {
        assert_eq!(expected::<i32>(), "i32");
        assert_eq!(expected::<String>(), "a string");
        assert_eq!(expected::<Vec<u8>>(), "a sequence");
        assert_eq!(expected::<Option<bool>>(), "a boolean");
        assert_eq!(expected::<Value>(), "any valid JSON value");
    }
}
