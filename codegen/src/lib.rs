//! callgen: generates a typed Rust crate from the Microsoft Graph beta
//! cloud-communications documentation.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`docs`] (markdown -> page model) -> [`extract`] (page model -> OpenAPI)
//! -> [`ir`] (OpenAPI -> intermediate representation) -> [`emit`] (IR -> Rust
//! files) -> [`write`] (atomic output). [`diag`] carries diagnostics between
//! them. Around the pipeline: [`generate`] (schema -> crate, the library
//! entry, also for build scripts), [`check`] (is the committed output what
//! its inputs give?, comparing with [`file_tree`]), [`diff`] (changelog between two schemas) and
//! [`diagram`] (Mermaid class diagram); [`source`] records which docs tree
//! the committed schema comes from.

pub mod check;
pub mod contract;
pub mod diag;
pub mod diagram;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod extract;
pub mod file_tree;
pub mod generate;
pub mod ir;
pub mod placeholders;
pub mod source;
pub mod unique_keys;
pub mod update;
pub mod write;
