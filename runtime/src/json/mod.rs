//! A direct JSON writer for the generated types: the same bytes as
//! `serde_json::to_vec`, written faster.
//!
//! The generated types implement serde's `Serialize`, so any serde format
//! takes them. This module is a serde `Serializer` of its own that writes
//! compact JSON into a byte vector. It differs from serde_json's only in how
//! it escapes strings: it scans eight bytes at a time for the three things
//! JSON must escape (`"`, `\`, control characters) and copies clean runs
//! whole, where serde_json looks at every byte. Property names, `@odata.type`
//! values, identifiers and most text of a Graph payload need no escape.
//!
//! The output is byte-for-byte serde_json's (compact, with its escapes and
//! number formatting); the conformance suite checks that for every
//! documented example. The client writes request bodies with it.

mod escape;
mod key;
mod writer;

use serde::Serialize;
use std::io;

pub(crate) use escape::is_plain;
pub use writer::Writer;

/// Writes `value` as compact JSON: the bytes `serde_json::to_vec` gives.
///
/// Fails where serde_json fails: a map key that is not a string, number,
/// boolean or character, or a `Serialize` impl that reports an error.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut writer = Writer::with_capacity(128);
    value.serialize(&mut writer)?;
    Ok(writer.into_inner())
}

/// Writes `value` as compact JSON to `out` (built in memory first, then
/// written with one `write_all`).
pub fn to_writer<W: io::Write, T: Serialize + ?Sized>(
    mut out: W,
    value: &T,
) -> Result<(), serde_json::Error> {
    let bytes = to_vec(value)?;
    out.write_all(&bytes).map_err(serde_json::Error::io)
}

#[cfg(test)]
mod tests;
