//! Round-tripping a JSON payload through a generated type chosen by name at
//! run time: the building block of the generated `registry` module, used by
//! the conformance suite and by anyone who routes payloads by type name.
//! This module knows no particular type name.

use crate::inspect::{Inspect, Note, Walker};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a round trip understood and produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundTrip {
    /// The Rust type the payload was read into, e.g. `models::Call`.
    pub rust_type: &'static str,
    /// Polymorphic choices, enumeration values and unknown properties met.
    pub notes: Vec<Note>,
    /// The payload written back from the Rust value.
    pub json: Value,
}

/// Why a round trip failed.
#[derive(Debug, thiserror::Error)]
pub enum RoundTripError {
    /// No generated type has this schema name.
    #[error("no generated type is named `{0}`")]
    UnknownType(String),
    /// The payload does not fit the type.
    #[error("cannot read the payload as {rust_type}: {source}")]
    Decode {
        /// The Rust type tried.
        rust_type: &'static str,
        /// The decoder's error (with line and column when read from text).
        #[source]
        source: serde_json::Error,
    },
    /// The value could not be written back.
    #[error("cannot write {rust_type} back as JSON: {source}")]
    Encode {
        /// The Rust type written.
        rust_type: &'static str,
        /// The encoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// The runtime's JSON writer ([`crate::json`]) wrote other bytes than
    /// `serde_json::to_vec` for the same value.
    #[error(
        "the JSON writer and serde_json write {rust_type} differently:\n{writer}\n{serde_json}"
    )]
    WriterMismatch {
        /// The Rust type written.
        rust_type: &'static str,
        /// What the runtime's writer wrote.
        writer: String,
        /// What serde_json wrote.
        serde_json: String,
    },
}

/// Reads `json` as `T`, reports what was understood, and writes it back.
pub fn round_trip_value<T: DeserializeOwned + Serialize + Inspect>(
    rust_type: &'static str,
    json: &Value,
) -> Result<RoundTrip, RoundTripError> {
    let value =
        T::deserialize(json).map_err(|source| RoundTripError::Decode { rust_type, source })?;
    finish(rust_type, &value)
}

/// Reads the JSON text `json` as `T` (with serde_json's nesting limit),
/// reports what was understood, and writes it back.
pub fn round_trip_str<T: DeserializeOwned + Serialize + Inspect>(
    rust_type: &'static str,
    json: &str,
) -> Result<RoundTrip, RoundTripError> {
    let value: T = serde_json::from_str(json)
        .map_err(|source| RoundTripError::Decode { rust_type, source })?;
    finish(rust_type, &value)
}

fn finish<T: Serialize + Inspect>(
    rust_type: &'static str,
    value: &T,
) -> Result<RoundTrip, RoundTripError> {
    same_bytes_from_both_writers(rust_type, value)?;
    let mut walker = Walker::new();
    value.inspect(&mut walker);
    let json = serde_json::to_value(value)
        .map_err(|source| RoundTripError::Encode { rust_type, source })?;
    Ok(RoundTrip {
        rust_type,
        notes: walker.into_notes(),
        json,
    })
}

/// Checks that the runtime's JSON writer writes `value` byte for byte as
/// serde_json does (every round trip of the conformance suite proves it).
fn same_bytes_from_both_writers<T: Serialize>(
    rust_type: &'static str,
    value: &T,
) -> Result<(), RoundTripError> {
    let encode = |source| RoundTripError::Encode { rust_type, source };
    let expected = serde_json::to_vec(value).map_err(encode)?;
    let written = crate::json::to_vec(value).map_err(encode)?;
    match written == expected {
        true => Ok(()),
        false => Err(RoundTripError::WriterMismatch {
            rust_type,
            writer: String::from_utf8_lossy(&written).into_owned(),
            serde_json: String::from_utf8_lossy(&expected).into_owned(),
        }),
    }
}

/// One generated type in a registry: its names and its round-trip functions.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The schema name (`microsoft.graph.call`, `call.mute#request`).
    pub schema_name: &'static str,
    /// The Rust type, relative to the crate root (`models::Call`).
    pub rust_type: &'static str,
    value: fn(&'static str, &Value) -> Result<RoundTrip, RoundTripError>,
    text: fn(&'static str, &str) -> Result<RoundTrip, RoundTripError>,
}

impl Entry {
    /// The entry for `T`.
    pub const fn of<T: DeserializeOwned + Serialize + Inspect>(
        schema_name: &'static str,
        rust_type: &'static str,
    ) -> Entry {
        Entry {
            schema_name,
            rust_type,
            value: round_trip_value::<T>,
            text: round_trip_str::<T>,
        }
    }

    /// Round-trips a JSON value through this type.
    pub fn round_trip_value(&self, json: &Value) -> Result<RoundTrip, RoundTripError> {
        (self.value)(self.rust_type, json)
    }

    /// Round-trips JSON text through this type.
    pub fn round_trip_str(&self, json: &str) -> Result<RoundTrip, RoundTripError> {
        (self.text)(self.rust_type, json)
    }
}

/// The entry named `schema_name` in `entries`, which must be sorted by name.
pub fn find<'a>(entries: &'a [Entry], schema_name: &str) -> Option<&'a Entry> {
    entries
        .binary_search_by(|entry| entry.schema_name.cmp(schema_name))
        .ok()
        .map(|index| &entries[index])
}
