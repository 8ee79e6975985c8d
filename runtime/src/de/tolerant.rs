//! Tolerant decoding: a property whose value does not fit its declared type
//! is kept as the JSON received instead of failing the whole payload.
//!
//! The mode is scoped by the caller ([`tolerant`]) and read by the
//! generated code's building blocks ([`crate::de::next_field`],
//! [`crate::de::next_boxed`]); strict decoding, the default, does not
//! change. In tolerant mode a property whose value is an object streams
//! into its type when the type reads objects (so a mismatch deeper down is
//! caught deeper down); any other value is read as JSON first and then
//! into the type, and kept as that JSON when it does not fit. A kept value
//! waits here until its object's last entry has been read, and then goes
//! into that object's [`crate::UnknownFields`] with the reason
//! ([`crate::Mismatch`]): the generated code hands over the bag only for
//! unknown keys, so the value is handed to the object as an entry under a
//! reserved key ([`KEPT_KEY`]) that only this module answers.
//!
//! This module knows no particular schema.

use super::{Key, MapModel, visit_remaining};
use crate::probe;
use crate::{Field, Mismatch};
use serde::de::value::{
    BoolDeserializer, BorrowedStrDeserializer, Error as ValueError, F64Deserializer,
    I64Deserializer, MapAccessDeserializer, StrDeserializer, StringDeserializer, U64Deserializer,
};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;

/// The reserved key under which a kept value is handed to its object. No
/// schema property can have it (property names hold no NUL character).
pub(crate) const KEPT_KEY: &str = "\u{0}callgen:kept";

thread_local! {
    static TOLERANT: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static HANDOVER: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Runs `decode` with tolerant decoding on this thread: values that do not
/// fit their declared types are kept as JSON in their object's
/// [`crate::UnknownFields`] (see [`crate::UnknownFields::mismatches`]).
/// The previous mode is restored afterwards, also when `decode` panics.
///
/// ```
/// use callgen_runtime::de::tolerant;
/// let value: serde_json::Value =
///     tolerant(|| serde_json::from_str::<serde_json::Value>("[1]")).unwrap();
/// assert_eq!(value, serde_json::json!([1]));
/// ```
pub fn tolerant<T, E: de::Error>(decode: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let scope = Scope::enter(true);
    let result = decode();
    let unplaced = scope.unplaced();
    drop(scope);
    match result {
        Ok(_) if unplaced > 0 => Err(E::custom(format_args!(
            "{unplaced} value(s) that did not fit their type had no object to keep them"
        ))),
        result => result,
    }
}

/// Whether tolerant decoding is on for this thread.
#[inline]
pub fn is_tolerant() -> bool {
    TOLERANT.with(Cell::get)
}

/// Sets the mode for its lifetime and restores the previous one on drop.
struct Scope {
    previous: bool,
    pending_from: usize,
}

impl Scope {
    fn enter(tolerant: bool) -> Self {
        let previous = TOLERANT.with(|mode| mode.replace(tolerant));
        let pending_from = PENDING.with(|pending| pending.borrow().len());
        Scope {
            previous,
            pending_from,
        }
    }

    /// How many kept values found no object during the scope.
    fn unplaced(&self) -> usize {
        PENDING.with(|pending| pending.borrow().len().saturating_sub(self.pending_from))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        TOLERANT.with(|mode| mode.set(self.previous));
        PENDING.with(|pending| pending.borrow_mut().truncate(self.pending_from));
    }
}

/// A value kept for the property `name` of the object holding `slot`.
pub(crate) struct Pending {
    slot: usize,
    pub(crate) name: &'static str,
    pub(crate) value: Value,
    pub(crate) mismatch: Mismatch,
}

fn pending_len() -> usize {
    PENDING.with(|pending| pending.borrow().len())
}

fn truncate_pending(len: usize) {
    PENDING.with(|pending| pending.borrow_mut().truncate(len));
}

fn is_pending(slot: usize) -> bool {
    PENDING.with(|pending| pending.borrow().iter().any(|p| p.slot == slot))
}

fn push_pending(kept: Pending) {
    PENDING.with(|pending| pending.borrow_mut().push(kept));
}

/// The first kept value whose slot lies in `start..end`.
fn take_pending_in(start: usize, end: usize) -> Option<Pending> {
    PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let position = pending
            .iter()
            .position(|p| (start..end).contains(&p.slot))?;
        Some(pending.remove(position))
    })
}

/// The kept value being handed to an object, taken by
/// [`crate::de::next_unknown`] when it meets [`KEPT_KEY`].
pub(crate) fn take_handover() -> Option<Pending> {
    HANDOVER.with(|handover| handover.borrow_mut().take())
}

fn address<T>(value: &T) -> usize {
    value as *const T as usize
}

/// Hands every kept value read for a property of `object` to it, as
/// entries of its unknown-fields bag.
pub(crate) fn place_kept<'de, T: MapModel<'de>, E: de::Error>(object: &mut T) -> Result<(), E> {
    let start = address(object);
    let end = start + size_of::<T>();
    while let Some(kept) = take_pending_in(start, end) {
        let name = kept.name;
        HANDOVER.with(|handover| *handover.borrow_mut() = Some(kept));
        object.visit_entry(Key::Borrowed(KEPT_KEY), &mut NoEntries(PhantomData::<E>))?;
        if take_handover().is_some() {
            return Err(E::custom(format_args!(
                "`{name}` did not fit its type and {} keeps no unknown properties",
                T::EXPECTING
            )));
        }
    }
    Ok(())
}

/// A map with nothing left to read: the handover needs no input.
struct NoEntries<E>(PhantomData<E>);

impl<'de, E: de::Error> MapAccess<'de> for NoEntries<E> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _seed: K) -> Result<Option<K::Value>, E> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _seed: V) -> Result<V::Value, E> {
        Err(E::custom("a kept value is handed over without input"))
    }
}

/// [`crate::de::next_field`] in tolerant mode.
pub(crate) fn next_field<'de, T: DeserializeOwned, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<T>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    let slot_address = address(slot);
    if slot.is_present() || is_pending(slot_address) {
        return Err(de::Error::duplicate_field(wire_name));
    }
    let read = map.next_value_seed(Fitting::<T>(PhantomData))?;
    store(slot, slot_address, wire_name, read);
    Ok(())
}

/// [`crate::de::next_boxed`] in tolerant mode.
pub(crate) fn next_boxed<'de, T: MapModel<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Field<Box<T>>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    let slot_address = address(slot);
    if slot.is_present() || is_pending(slot_address) {
        return Err(de::Error::duplicate_field(wire_name));
    }
    let read = map.next_value_seed(FittingBox::<T>(PhantomData))?;
    store(slot, slot_address, wire_name, read);
    Ok(())
}

/// Puts what a tolerant read gave into its slot, or keeps a value that did
/// not fit until its object takes it.
fn store<T>(slot: &mut Field<T>, slot_address: usize, wire_name: &'static str, read: Read<T>) {
    match read {
        Read::Null => *slot = Field::Null,
        Read::Value(value) => *slot = Field::Value(value),
        Read::Kept(value, mismatch) => push_pending(Pending {
            slot: slot_address,
            name: wire_name,
            value,
            mismatch,
        }),
    }
}

/// What a tolerant read gave.
enum Read<T> {
    Null,
    Value(T),
    Kept(Value, Mismatch),
}

/// Reads a value of `T`, or keeps the JSON when it does not fit.
struct Fitting<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Fitting<T> {
    type Value = Read<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Tries a scalar: through `deserializer` (no copy) first, as JSON when
/// it does not fit.
fn scalar<'de, T: DeserializeOwned, D: Deserializer<'de, Error = ValueError>>(
    deserializer: D,
    json: impl FnOnce() -> Value,
) -> Read<T> {
    match T::deserialize(deserializer) {
        Ok(value) => Read::Value(value),
        Err(error) => Read::Kept(json(), mismatch::<T>(error)),
    }
}

/// Tries a buffered array or object.
fn buffered<T: DeserializeOwned>(json: Value) -> Read<T> {
    let mark = pending_len();
    match T::deserialize(&json) {
        Ok(value) => Read::Value(value),
        Err(error) => {
            truncate_pending(mark);
            Read::Kept(json, mismatch::<T>(error))
        }
    }
}

fn mismatch<T: DeserializeOwned>(error: impl fmt::Display) -> Mismatch {
    Mismatch {
        expected: probe::expected::<T>(),
        reason: error.to_string(),
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Fitting<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Read<T>, E> {
        Ok(Read::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<T>, E> {
        Ok(scalar(BoolDeserializer::new(v), || Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<T>, E> {
        Ok(scalar(I64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<T>, E> {
        Ok(scalar(U64Deserializer::new(v), || Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<T>, E> {
        let Some(number) = serde_json::Number::from_f64(v) else {
            return Err(E::custom("a number JSON cannot hold"));
        };
        Ok(scalar(F64Deserializer::new(v), || Value::Number(number)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Read<T>, E> {
        Ok(scalar(BorrowedStrDeserializer::new(v), || {
            Value::String(v.to_owned())
        }))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<T>, E> {
        Ok(scalar(StrDeserializer::new(v), || {
            Value::String(v.to_owned())
        }))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<T>, E> {
        let copy = v.clone();
        Ok(scalar(StringDeserializer::new(v), || Value::String(copy)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(buffered(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<T>, A::Error> {
        if probe::accepts_map::<T>() {
            return T::deserialize(MapAccessDeserializer::new(map)).map(Read::Value);
        }
        Ok(buffered(Value::Object(buffer_map(map)?)))
    }
}

/// Reads the rest of a JSON object as JSON.
fn buffer_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Map<String, Value>, A::Error> {
    let mut object = Map::new();
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        if object.contains_key(&key) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        object.insert(key, value);
    }
    Ok(object)
}

/// Reads a boxed generated struct in place, or keeps the JSON when the
/// value is not an object.
struct FittingBox<T>(PhantomData<T>);

impl<'de, T: MapModel<'de>> DeserializeSeed<'de> for FittingBox<T> {
    type Value = Read<Box<T>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: MapModel<'de>> FittingBox<T> {
    fn keep<E>(json: Value) -> Result<Read<Box<T>>, E> {
        let reason = de::Error::invalid_type(unexpected(&json), &T::EXPECTING);
        let reason: ValueError = reason;
        Ok(Read::Kept(
            json,
            Mismatch {
                expected: T::EXPECTING.to_owned(),
                reason: reason.to_string(),
            },
        ))
    }
}

impl<'de, T: MapModel<'de>> Visitor<'de> for FittingBox<T> {
    type Value = Read<Box<T>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Read::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Read::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Self::keep(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::keep(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Self::keep(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        match serde_json::Number::from_f64(v) {
            Some(number) => Self::keep(Value::Number(number)),
            None => Err(E::custom("a number JSON cannot hold")),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Self::keep(Value::String(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Self::keep(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut boxed = Box::<T>::default();
        visit_remaining(&mut *boxed, &mut map)?;
        Ok(Read::Value(boxed))
    }
}

/// How serde names the kind of a JSON value in its messages.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (None, Some(i), _) => Unexpected::Signed(i),
            (None, None, Some(f)) => Unexpected::Float(f),
            (None, None, None) => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
