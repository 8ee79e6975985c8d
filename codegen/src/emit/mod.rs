//! Intermediate representation -> Rust source files.
//!
//! Builds the syntax trees of every type ([`structs`], [`enums`],
//! [`families`], [`notifications`]; [`returned_by`] adds the operations
//! returning a type to its docs) and of every operation's request type
//! ([`request_type`]), most of them by filling in templates parsed once per
//! thread ([`template`]: parsing is the dominant cost otherwise, and the
//! code repeats), groups them one module per type (a family's enum shares its
//! base's module, an operation's bodies share the operation's module), adds
//! the crate root, module indexes and the type-name registry ([`crate_files`]),
//! and formats each file with prettyplease on a `syn::File`, the files in
//! parallel ([`format`]); for a build script, the same trees with every
//! file module inlined, formatted once ([`single_file`]). Every file
//! starts with an `@generated` header naming the regenerating command.
//!
//! This module knows syn/quote and the runtime crate's API; it does not know
//! OpenAPI or markdown input. The output depends only on the IR and the
//! config: same input, byte-identical files.

mod conformance;
mod crate_files;
mod doc_text;
mod enum_templates;
mod enums;
pub mod example;
mod families;
mod family_accessors;
mod family_templates;
mod format;
mod notifications;
mod operation_templates;
mod operations;
mod registry_templates;
mod request_type;
mod returned_by;
mod single_file;
mod struct_templates;
mod structs;
mod template;
mod tokens;

pub use crate_files::ReadmeExample;

use std::path::PathBuf;

/// Settings of one emission.
#[derive(Debug, Clone, PartialEq)]
pub struct EmitConfig {
    /// The generated crate's package name (`graph-calls`).
    pub crate_name: String,
    /// The schema file, as named in headers (`schema/graph-calls.beta.json`).
    pub schema_label: String,
    /// The command that regenerates the files, as named in headers.
    pub regenerate_command: String,
    /// The documented example shown as builder code in the README.
    pub readme_example: Option<ReadmeExample>,
    /// Whether the conformance support (`Inspect` impls, the type registry)
    /// sits behind the crate's `conformance` feature; without it, it is
    /// always built (a build script's file, whose crate has no feature).
    pub conformance_feature: bool,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root (`src/models/call.rs`).
    pub path: PathBuf,
    /// The file's text.
    pub contents: String,
}

/// A generator bug: tokens that do not parse as a Rust file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("generator bug: the tokens for {path} do not parse as Rust: {message}")]
pub struct EmitError {
    /// The file being generated.
    pub path: PathBuf,
    /// The parser's message.
    pub message: String,
}

/// What an emission produced besides its files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmitNotes {
    /// Why the README example could not be shown, if it could not.
    pub readme_example_problem: Option<String>,
}

/// Parses this thread's templates now rather than on first use. The CLI
/// runs it on every worker thread while the main thread reads the schema,
/// so that template parsing overlaps schema reading.
pub fn prepare_templates() {
    // A template that does not parse is reported by the emission itself.
    let _ = struct_templates::with(|_| ());
    let _ = enum_templates::with(|_| ());
    let _ = family_templates::with(|_| ());
    let _ = operation_templates::with(|_| ());
}

/// Emits the crate's Rust modules as one formatted source text (after the
/// `header` comment lines), for a build script to `include!` at a crate
/// root: the same syntax trees as [`emit_crate`]'s files, with every file
/// module inlined.
pub fn emit_single_file(
    ir: &crate::ir::Ir,
    config: &EmitConfig,
    header: &str,
) -> Result<String, EmitError> {
    crate_files::emit_single_file(ir, config, header)
}

/// Emits every file of the generated crate, sorted by path.
pub fn emit_crate(
    ir: &crate::ir::Ir,
    config: &EmitConfig,
) -> Result<(Vec<GeneratedFile>, EmitNotes), EmitError> {
    crate_files::emit(ir, config)
}
