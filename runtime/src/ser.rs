//! Serialization building blocks for the generated `Serialize` impls: write
//! a property only when it is present, `null` when it is an explicit null.
//! This module knows nothing of a particular schema.

use crate::Field;
use crate::odata::ODATA_TYPE;
use serde::Serialize;
use serde::ser::SerializeMap;
use std::borrow::Cow;

/// Writes `@odata.type` when it is set.
#[inline]
pub fn odata_type<M: SerializeMap>(
    map: &mut M,
    odata_type: &Option<Cow<'static, str>>,
) -> Result<(), M::Error> {
    match odata_type {
        Some(value) => map.serialize_entry(ODATA_TYPE, value.as_ref()),
        None => Ok(()),
    }
}

/// Writes a schema property: nothing when absent, `null`, or the value.
#[inline]
pub fn field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    wire_name: &'static str,
    field: &Field<T>,
) -> Result<(), M::Error> {
    match field {
        Field::Absent => Ok(()),
        Field::Null => map.serialize_entry(wire_name, &()),
        Field::Value(value) => map.serialize_entry(wire_name, value),
    }
}
