//! What a declared type expects, as a constant: the
//! [`crate::Mismatch::expected`] of a value tolerant decoding keeps, and the
//! `expecting` text of the generated types' visitors. A constant costs no
//! code per type; the words are those of serde's own visitors for the
//! scalar types (`i32`, `a string`), which the tests check.

use serde_json::{Number, Value};

/// What a property's declared type expects (`i32`, `a string`,
/// `a microsoft.graph.resultInfo object`). Implemented here for every
/// scalar type the generator maps a schema type to, for lists, boxes and
/// nullable list items, and by every generated type.
pub trait Expected {
    /// The words, as serde's visitor for the type would say them.
    const EXPECTED: &'static str;
}

impl Expected for String {
    const EXPECTED: &'static str = "a string";
}

impl Expected for bool {
    const EXPECTED: &'static str = "a boolean";
}

impl Expected for u8 {
    const EXPECTED: &'static str = "u8";
}

impl Expected for i16 {
    const EXPECTED: &'static str = "i16";
}

impl Expected for i32 {
    const EXPECTED: &'static str = "i32";
}

impl Expected for i64 {
    const EXPECTED: &'static str = "i64";
}

impl Expected for f64 {
    const EXPECTED: &'static str = "f64";
}

impl Expected for Number {
    const EXPECTED: &'static str = "a JSON number";
}

impl Expected for Value {
    const EXPECTED: &'static str = "any valid JSON value";
}

impl<T> Expected for Vec<T> {
    const EXPECTED: &'static str = "a sequence";
}

impl<T: Expected> Expected for Box<T> {
    const EXPECTED: &'static str = T::EXPECTED;
}

/// A nullable list item: `null` always fits, so what is expected is the
/// item's type.
impl<T: Expected> Expected for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::expected;

    #[test]
    fn the_words_are_those_of_serdes_visitors() {
        assert_eq!(String::EXPECTED, expected::<String>());
        assert_eq!(bool::EXPECTED, expected::<bool>());
        assert_eq!(u8::EXPECTED, expected::<u8>());
        assert_eq!(i16::EXPECTED, expected::<i16>());
        assert_eq!(i32::EXPECTED, expected::<i32>());
        assert_eq!(i64::EXPECTED, expected::<i64>());
        assert_eq!(f64::EXPECTED, expected::<f64>());
        assert_eq!(Number::EXPECTED, expected::<Number>());
        assert_eq!(Value::EXPECTED, expected::<Value>());
        assert_eq!(<Vec<bool>>::EXPECTED, expected::<Vec<bool>>());
        assert_eq!(<Box<i32>>::EXPECTED, expected::<Box<i32>>());
        assert_eq!(<Option<u8>>::EXPECTED, expected::<Option<u8>>());
    }
}
