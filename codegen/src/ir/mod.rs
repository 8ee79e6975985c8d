//! OpenAPI 3.1 document -> intermediate representation.
//!
//! Reads the document written by the extractor (the conventions are in
//! ARCHITECTURE.md, "The schema conventions") into [`Ir`]: one arena of named
//! types (structs with inherited fields flattened base-first, string enums,
//! polymorphic families), and the operations with their bodies and examples.
//! The passes, in order: allocate an id for every component
//! ([`components`]), convert schemas into types referring to ids, convert
//! operations and their inline bodies ([`operations`]), flatten inheritance
//! and build families, decide every Rust name ([`naming`], through the one
//! sanitizer in [`names`]), and box the fields that close a cycle
//! ([`cycles`]); last, mark the structs that carry a resource URL
//! ([`resource_url`]). Problems are collected and reported together.
//!
//! This module knows OpenAPI and JSON Schema; it does not know syn, markdown
//! or Rust syntax beyond what a name may be spelled as.

mod builder;
mod components;
mod cycles;
mod examples;
mod model;
pub mod names;
mod naming;
mod operations;
mod path_template;
mod resource_url;
mod results;
mod schema;
mod site;
mod unions;

pub use examples::{ExampleRole, ExampleUse};
pub use model::*;
pub use results::{OperationResult, Success};

use std::fmt;

/// One problem in the schema document, at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaProblem {
    /// Where: a JSON pointer into the document
    /// (`/components/schemas/microsoft.graph.call/properties/state`).
    pub pointer: String,
    /// What is wrong, one line without a trailing period.
    pub message: String,
}

impl fmt::Display for SchemaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "schema {}: {}",
            display_pointer(&self.pointer),
            self.message
        )
    }
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// The schema could not be turned into an IR.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", render_problems(.problems))]
pub struct IrError {
    /// Every problem found, sorted by pointer.
    pub problems: Vec<SchemaProblem>,
}

fn render_problems(problems: &[SchemaProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// Reads an OpenAPI 3.1 document into the IR.
///
/// Every problem of the document is reported at once in the error.
pub fn from_openapi(document: &serde_json::Value) -> Result<Ir, IrError> {
    let mut builder = builder::Builder::new(document);
    components::allocate(&mut builder);
    components::convert(&mut builder);
    operations::convert(&mut builder);
    components::flatten_inheritance(&mut builder);
    components::build_families(&mut builder);
    let mut ir = builder.finish()?;
    resource_url::mark(&mut ir.types);
    Ok(ir)
}
