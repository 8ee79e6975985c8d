//! The Graph calls models generated at build time: `build.rs` calls
//! `callgen::generate::generate_for_build_script` on the workspace's schema
//! and writes one file into `OUT_DIR`, included here at the crate root (the
//! generated code refers to its types as `crate::models::...`).
//!
//! The same types as the committed `graph-calls` crate, without committing
//! them: a schema change shows up at the next build.

include!(concat!(env!("OUT_DIR"), "/graph_calls.rs"));

/// The repository README's Rust examples, compiled and run as doc tests of
/// this crate (they use the committed `graph-calls` crate, a dev-dependency).
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
