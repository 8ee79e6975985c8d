//! [`Field`]: a property that may be absent, explicitly `null`, or set.
//!
//! Graph responses contain explicit `null`s and a PATCH needs `null` to clear
//! a value, so an `Option` is not enough: the generated structs keep the
//! three states apart and write back exactly the state they read. This module
//! knows nothing about the schema or about JSON beyond serde.

/// A property of a generated struct: absent, explicitly `null`, or a value.
///
/// Absent properties are not written; `Null` is written as `null`.
///
/// ```
/// use callgen_runtime::Field;
/// let mut name: Field<String> = Field::Absent;
/// assert_eq!(name.get(), None);
/// name = Field::from("Alice".to_string());
/// assert_eq!(name.get().map(String::as_str), Some("Alice"));
/// name.set_null();
/// assert!(name.is_null());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Field<T> {
    /// The property is not in the payload.
    #[default]
    Absent,
    /// The property is in the payload with the value `null`.
    Null,
    /// The property has a value.
    Value(T),
}

impl<T> Field<T> {
    /// The value, if there is one (`None` for both absent and `null`).
    pub fn get(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value through its `Deref` target, if there is one: a boxed
    /// nested object (`Field<Box<T>>`) gives an `Option<&T>`.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.get().map(|value| &**value)
    }

    /// The value, mutably, if there is one.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// Consumes the field and returns its value, if any.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// Takes the value out, leaving the field absent.
    pub fn take(&mut self) -> Option<T> {
        std::mem::take(self).into_option()
    }

    /// Sets the value.
    pub fn set(&mut self, value: T) {
        *self = Field::Value(value);
    }

    /// Makes the property an explicit `null` (clears it in a PATCH).
    pub fn set_null(&mut self) {
        *self = Field::Null;
    }

    /// Whether the property is not in the payload.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the property is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// Whether the property has a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// Whether the property is written when serializing (a value or `null`).
    pub fn is_present(&self) -> bool {
        !self.is_absent()
    }

    /// The field as a borrowed field.
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(value),
        }
    }

    /// Applies `f` to the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(f(value)),
        }
    }

    /// The field as it appears on the wire: `None` for absent, `Some(None)`
    /// for `null`, `Some(Some(value))` for a value.
    pub fn as_wire(&self) -> Option<Option<&T>> {
        match self {
            Field::Absent => None,
            Field::Null => Some(None),
            Field::Value(value) => Some(Some(value)),
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T> From<Option<T>> for Field<T> {
    /// `None` becomes an explicit `null`; use [`Field::Absent`] to leave a
    /// property out.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Field::Value(value),
            None => Field::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_states_are_kept_apart() {
        let absent: Field<u8> = Field::default();
        assert!(absent.is_absent() && !absent.is_present());
        assert_eq!(absent.as_wire(), None);
        let null: Field<u8> = None.into();
        assert!(null.is_null() && null.is_present());
        assert_eq!(null.as_wire(), Some(None));
        let value: Field<u8> = 7.into();
        assert_eq!(value.as_wire(), Some(Some(&7)));
        assert_eq!(value.map(|v| v * 2).get(), Some(&14));
        let boxed = Field::Value(Box::new(3u8));
        assert_eq!(boxed.as_deref(), Some(&3));
    }

    #[test]
    fn take_leaves_the_field_absent() {
        let mut field = Field::Value(String::from("x"));
        assert_eq!(field.take().as_deref(), Some("x"));
        assert!(field.is_absent());
        field.set("y".into());
        *field.get_mut().unwrap() += "z";
        assert_eq!(field.into_option().as_deref(), Some("yz"));
    }
}
