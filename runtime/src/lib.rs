//! Support types for the generated Graph calls crate.
//!
//! The generated code is thin: it matches property names and lists members.
//! Everything generic lives here, hand-written and tested once:
//!
//! - [`Field`]: a property that is absent, explicitly `null`, or set;
//! - [`UnknownFields`]: properties the schema does not know, kept and written
//!   back;
//! - [`de`] and [`ser`]: the pieces of the generated (de)serializers (no
//!   `#[serde(flatten)]` buffering: keys are matched as borrowed strings);
//! - [`family`]: polymorphic dispatch on `@odata.type`;
//! - [`union`]: one of several object types or a collection (a
//!   notification's `resourceData`);
//! - [`de::from_slice`] and [`de::from_slice_tolerant`]: whole-body decoding
//!   that names the JSON path of a problem; the tolerant one keeps a value
//!   which does not fit its declared type as JSON (in
//!   [`UnknownFields::mismatches`]) instead of failing;
//! - [`odata`]: `@odata.type` values with or without `#`;
//! - [`json`]: a JSON writer giving serde_json's bytes faster (the
//!   client's request bodies);
//! - [`inspect`] and [`registry`]: what the bindings understood of a payload,
//!   for the conformance suite.
//!
//! It knows nothing of the Graph schema itself.

pub mod de;
pub mod family;
mod field;
pub mod inspect;
pub mod json;
pub mod odata;
#[cfg(test)]
mod probe;
pub mod registry;
pub mod ser;
pub mod union;
mod unknown;

pub use field::Field;
pub use inspect::Inspect;
pub use unknown::{Mismatch, UnknownFields};

#[doc(hidden)]
pub use serde;
#[doc(hidden)]
pub use serde_json;
