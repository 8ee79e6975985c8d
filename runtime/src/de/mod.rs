//! Deserialization building blocks for the generated `Deserialize` impls.
//!
//! A generated struct implements [`MapModel`]: it says what to do with one
//! entry of a JSON object, matching the key as a string. This module supplies
//! the visitor loop, key decoding without allocation, three-state property
//! reading, duplicate detection and the enum catch-all. It knows nothing of a
//! particular schema and never recurses by itself: nesting depth is bounded
//! by the deserializer (serde_json's recursion limit).
//!
//! Decoding is strict unless the caller asks for tolerant decoding
//! ([`from_slice_tolerant`]), which keeps a value that does not fit its
//! declared type as JSON (see [`crate::UnknownFields::mismatches`]). Both
//! use the same decoder: tolerant decoding repairs the text and reads it
//! again. The building blocks note the JSON path of an error on their error
//! branches ([`from_slice`] reports it).

use crate::odata::{ODATA_TYPE, ReadOdataType};
use crate::{Field, UnknownFields};
use failure::Cause;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

mod decode;
mod enums;
mod expected;
pub(crate) mod failure;
mod locate;
mod tolerant;

use decode::without_position;
pub use decode::{DecodeError, from_slice};
pub use enums::{WireEnum, deserialize_enum, next_enum};
pub use expected::Expected;
pub use tolerant::{MAX_REREAD_BYTES, from_slice_tolerant, is_tolerant};
pub(crate) use tolerant::{converting, write_key};

/// A key of a JSON object, borrowed from the input when the deserializer
/// allows it, so known keys cost no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the input had escapes, or the deserializer cannot lend).
    Owned(String),
}

impl<'de> Key<'de> {
    /// The key's text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    /// The key as an owned string.
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Text {
            expected: "a property name",
        })
    }
}

/// Text read as a [`Key`], borrowed when the input allows it: a property
/// name, or an enumeration's value. `expected` says what it is, for errors.
/// One visitor for all of them, so its code is compiled once per
/// deserializer.
#[derive(Clone, Copy)]
pub(crate) struct Text {
    pub(crate) expected: &'static str,
}

impl<'de> de::DeserializeSeed<'de> for Text {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expected)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// A generated struct that is read from a JSON object one entry at a time.
///
/// Implemented by every generated struct; the generated `Deserialize` impl
/// calls [`deserialize_struct`]. What the input should have been, for error
/// messages, is its [`Expected`] (`a microsoft.graph.call object`).
pub trait MapModel<'de>: Default + Expected {
    /// The type's own `@odata.type` value (with `#`), or `""` when it has
    /// none: a received value equal to it is kept without a copy.
    const DECLARED_ODATA_TYPE: &'static str;

    /// The `@odata.type` received or set, exactly as written.
    fn odata_type(&self) -> Option<&str>;

    /// Records the `@odata.type` read before the rest of the object.
    fn set_odata_type(&mut self, odata_type: Cow<'static, str>);

    /// Reads the value of the entry `key` from `map` into `self`.
    fn visit_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// Reads the remaining entries of `map` into `value`.
#[inline]
pub fn visit_remaining<'de, T: MapModel<'de>, A: MapAccess<'de>>(
    value: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        value.visit_entry(key, map)?;
    }
    Ok(())
}

/// Deserializes a generated struct from a JSON object. The struct is read
/// in place, with the visitor boxed properties use too: one visitor per
/// type.
pub fn deserialize_struct<'de, T: MapModel<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut value = T::default();
    deserializer.deserialize_map(InPlace(&mut value))?;
    Ok(value)
}

/// Reads a schema property into its three-state slot: `null` becomes
/// [`Field::Null`]. A property given twice is an error. On an error the
/// property notes its name for the error's path.
///
/// [`next_list`], [`next_boxed`] and [`next_enum`] repeat these few lines
/// on purpose: a shared generic helper is one more instantiation per
/// property type (measured: 1-2% more LLVM IR in the generated crate).
#[inline]
pub fn next_field<'de, T: DeserializeOwned + Expected, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<T>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    if !matches!(slot, Field::Absent) {
        return Err(duplicate(wire_name));
    }
    match map.next_value::<Option<T>>() {
        Ok(Some(value)) => *slot = Field::Value(value),
        Ok(None) => *slot = Field::Null,
        Err(error) => return Err(misfit(wire_name, T::EXPECTED, error)),
    }
    Ok(())
}

/// Reads a schema property holding a list, like [`next_field`], noting the
/// index of an item that fails for the error's path.
#[inline]
pub fn next_list<'de, T: DeserializeOwned, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<Vec<T>>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    if !matches!(slot, Field::Absent) {
        return Err(duplicate(wire_name));
    }
    match map.next_value_seed(Nullable(Items::<T>(PhantomData))) {
        Ok(read) => *slot = read,
        Err(error) => return Err(misfit(wire_name, Vec::<T>::EXPECTED, error)),
    }
    Ok(())
}

/// Reads a schema property holding a boxed generated struct, like
/// [`next_field`], but straight into its box: the struct is built in place
/// on the heap instead of on the stack and then moved.
#[inline]
pub fn next_boxed<'de, T: MapModel<'de> + DeserializeOwned, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<Box<T>>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    if !matches!(slot, Field::Absent) {
        return Err(duplicate(wire_name));
    }
    match map.next_value_seed(Nullable(Boxed::<T>(PhantomData))) {
        Ok(read) => *slot = read,
        Err(error) => return Err(misfit(wire_name, T::EXPECTED, error)),
    }
    Ok(())
}

/// The error for a property given twice, noted for the path.
#[cold]
fn duplicate<E: de::Error>(wire_name: &'static str) -> E {
    failure::property(Cow::Borrowed(wire_name), Cause::Other);
    E::duplicate_field(wire_name)
}

/// Notes that the value of `wire_name`, whose type expects `expected`,
/// failed. Generic over the error type only: one copy per deserializer,
/// not per property type.
#[cold]
fn misfit<E>(wire_name: &'static str, expected: &'static str, error: E) -> E {
    failure::property(Cow::Borrowed(wire_name), Cause::Misfit { expected });
    error
}

/// A nullable value: `null` is [`Field::Null`], anything else is read by
/// the seed `S` (a list's items, a boxed struct).
struct Nullable<S>(S);

impl<'de, S: de::DeserializeSeed<'de>> de::DeserializeSeed<'de> for Nullable<S> {
    type Value = Field<S::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: de::DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Field<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match self.0.deserialize(deserializer) {
            Ok(value) => Ok(Field::Value(value)),
            Err(error) => Err(error),
        }
    }
}

/// The items of a list, each failure noting its index.
struct Items<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> de::DeserializeSeed<'de> for Items<T> {
    type Value = Vec<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Items<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let mut items = Vec::new();
        loop {
            match seq.next_element::<T>() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(items),
                Err(error) => {
                    failure::index(items.len());
                    return Err(error);
                }
            }
        }
    }
}

/// A generated struct read in place into its box.
struct Boxed<T>(PhantomData<T>);

impl<'de, T: MapModel<'de>> de::DeserializeSeed<'de> for Boxed<T> {
    type Value = Box<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Box<T>, D::Error> {
        let mut boxed = Box::<T>::default();
        deserializer.deserialize_map(InPlace(&mut *boxed))?;
        Ok(boxed)
    }
}

/// Reads a JSON object into an existing value.
struct InPlace<'a, T>(&'a mut T);

impl<'de, T: MapModel<'de>> Visitor<'de> for InPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        visit_remaining(self.0, &mut map)
    }
}

/// Reads `@odata.type`, which must be a string given once, for a type whose
/// own value is `declared` (see [`MapModel::DECLARED_ODATA_TYPE`]).
#[inline]
pub fn next_odata_type<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<Cow<'static, str>>,
    declared: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        failure::property(Cow::Borrowed(ODATA_TYPE), Cause::Other);
        return Err(de::Error::duplicate_field(ODATA_TYPE));
    }
    match map.next_value_seed(ReadOdataType(declared)) {
        Ok(odata_type) => *slot = Some(odata_type),
        Err(error) => {
            failure::property(Cow::Borrowed(ODATA_TYPE), Cause::Other);
            return Err(error);
        }
    }
    Ok(())
}

/// Keeps a property the schema does not know. A property given twice is an
/// error, as for known properties. In tolerant decoding this is also where
/// a known property's value that did not fit its type comes back, under a
/// placeholder key, to be kept in the bag under its own name.
pub fn next_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    bag: &mut UnknownFields,
    key: Key<'de>,
) -> Result<(), A::Error> {
    if let Some(kept) = tolerant::take_placeholder(key.as_str()) {
        map.next_value::<IgnoredAny>()?;
        return keep_mismatch(bag, kept);
    }
    if bag.contains(key.as_str()) {
        let name = key.into_owned();
        let error = de::Error::custom(format_args!("duplicate field `{name}`"));
        failure::property(Cow::Owned(name), Cause::Other);
        return Err(error);
    }
    match map.next_value::<Value>() {
        Ok(value) => bag.push_new(key.into_owned(), value),
        Err(error) => {
            failure::property(Cow::Owned(key.into_owned()), Cause::Other);
            return Err(error);
        }
    }
    Ok(())
}

/// Puts a kept value into `bag` under its property's name.
fn keep_mismatch<E: de::Error>(bag: &mut UnknownFields, kept: tolerant::Kept) -> Result<(), E> {
    if bag.contains(&kept.name) {
        let error = E::custom(format_args!("duplicate field `{}`", kept.name));
        failure::property(Cow::Owned(kept.name), Cause::Other);
        return Err(error);
    }
    bag.push_mismatch(kept.name, kept.value, kept.mismatch);
    Ok(())
}

/// Converts one serializable model into another through JSON text,
/// losslessly for generated types (unknown properties travel along).
pub fn convert<T: DeserializeOwned, E: de::Error>(from: &impl serde::Serialize) -> Result<T, E> {
    match converting(|| crate::json::to_vec(from)) {
        Ok(text) => from_buffer(&text),
        Err(error) => Err(E::custom(error)),
    }
}

/// The JSON text of `value` (a buffered object, a typed value kept raw),
/// written by the runtime's writer.
pub(crate) fn to_text<E: de::Error>(value: &impl serde::Serialize) -> Result<Vec<u8>, E> {
    match crate::json::to_vec(value) {
        Ok(text) => Ok(text),
        Err(error) => Err(E::custom(error)),
    }
}

/// Reads `T` from JSON text made in memory (a buffered object, a base read
/// again as a family member) with the deserializer whole bodies use, so a
/// type has no second decoder. A path noted inside stays noted; the error
/// keeps serde_json's message without a position in text nobody sent.
pub(crate) fn from_buffer<T: DeserializeOwned, E: de::Error>(text: &[u8]) -> Result<T, E> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    match T::deserialize(&mut deserializer) {
        Ok(value) => Ok(value),
        Err(error) => Err(E::custom(without_position(&error))),
    }
}
