//! Support for the benchmarks in `benches/`: where the workspace and the
//! docs corpora are ([`workspace`]), the payloads the codec benchmark reads
//! and writes, built from the schema's documented examples ([`payloads`]),
//! the whole beta reference as one extraction ([`full_scale`]), and timed
//! cargo builds of a generated crate ([`cargo_build`]).
//!
//! The benchmarks themselves live in `benches/*.rs` and never run under
//! `cargo test`. This crate knows nothing of how the bindings are generated
//! beyond the library entry points of `callgen`.

pub mod cargo_build;
pub mod full_scale;
pub mod payloads;
pub mod untyped;
pub mod workspace;
