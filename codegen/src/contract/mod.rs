//! The schema contract: the conventions of the committed OpenAPI document
//! that the stages exchange through it (ARCHITECTURE.md, "The schema
//! conventions").
//!
//! [`keys`] spells every `x-callgen-*` extension key and the other
//! convention strings once. The typed records ([`ObjectExtensions`],
//! [`EnumExtensions`], [`PropertyExtensions`], [`OperationExtensions`],
//! [`ExampleExtensions`]) are what those keys describe: the extractor
//! writes them into the document, and the readers get them back in one of
//! two modes. The **strict** read ([`Extensions::strict`]) reports every
//! malformed value as a [`ContractProblem`] at its JSON pointer; the IR
//! uses it. The **lenient** read ([`Extensions::lenient`]) takes a
//! malformed value as absent, so that older or hand-written schemas can
//! still be compared and drawn; the changelog and the diagram use it.

mod fields;
pub mod keys;
mod records;

pub use fields::{ContractProblem, Fields};
pub use keys::*;
pub use records::{
    EnumExtensions, ExampleExtensions, ExampleSource, Extensions, ObjectExtensions,
    OperationExtensions, PropertyExtensions,
};

/// The `$ref` of the component named `name` (`call` gives
/// `#/components/schemas/microsoft.graph.call`).
pub fn component_ref(name: &str) -> String {
    format!("{SCHEMA_REF_PREFIX}{NAMESPACE}{name}")
}

/// The component key a `$ref` points to (`microsoft.graph.call`), if it
/// points into `components.schemas`.
pub fn ref_target(reference: &str) -> Option<&str> {
    reference.strip_prefix(SCHEMA_REF_PREFIX)
}
