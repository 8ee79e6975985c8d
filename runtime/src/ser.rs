//! Serialization building blocks for the generated `Serialize` impls: write
//! a property only when it is present, `null` when it is an explicit null.
//! Property names that need no JSON escaping (nearly all) are copied by
//! the runtime's JSON writer without scanning them.
//! This module knows nothing of a particular schema.

use crate::Field;
use crate::json::is_plain;
use crate::odata::ODATA_TYPE;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// The newtype name a property name is serialized under: serializers pass
/// it through as a string; the runtime's JSON writer skips the escape scan.
pub(crate) const WIRE_NAME: &str = "\u{0}callgen:wire-name";

/// A property name that needs no JSON escaping (no `"`, `\\` or control
/// character), serialized as a string through a newtype the runtime's JSON
/// writer recognises.
#[derive(Clone, Copy)]
struct WireName(&'static str);

impl Serialize for WireName {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(WIRE_NAME, self.0)
    }
}

const ODATA_TYPE_NAME: WireName = WireName(ODATA_TYPE);

/// Writes `@odata.type` when it is set.
#[inline]
pub fn odata_type<M: SerializeMap>(
    map: &mut M,
    odata_type: &Option<Cow<'static, str>>,
) -> Result<(), M::Error> {
    match odata_type {
        Some(value) => map.serialize_entry(&ODATA_TYPE_NAME, value.as_ref()),
        None => Ok(()),
    }
}

/// Writes a schema property: nothing when absent, `null`, or the value.
///
/// `wire_name` must need no JSON escaping (no `"`, `\\` or control
/// character; checked in debug builds), so the runtime's JSON writer copies
/// it without scanning it: the generator passes any other name to
/// [`field_escaped`].
#[inline]
pub fn field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    wire_name: &'static str,
    field: &Field<T>,
) -> Result<(), M::Error> {
    debug_assert!(is_plain(wire_name), "{wire_name:?} needs JSON escaping");
    entry(map, &WireName(wire_name), field)
}

/// [`field`] for a property whose name needs JSON escaping: the name is
/// written as any string is.
#[inline]
pub fn field_escaped<M: SerializeMap, T: Serialize>(
    map: &mut M,
    wire_name: &'static str,
    field: &Field<T>,
) -> Result<(), M::Error> {
    entry(map, wire_name, field)
}

/// Writes `field` under `key`: nothing when absent, `null`, or the value.
#[inline]
fn entry<M: SerializeMap, K: Serialize + ?Sized, T: Serialize>(
    map: &mut M,
    key: &K,
    field: &Field<T>,
) -> Result<(), M::Error> {
    match field {
        Field::Absent => Ok(()),
        Field::Null => map.serialize_entry(key, &()),
        Field::Value(value) => map.serialize_entry(key, value),
    }
}
