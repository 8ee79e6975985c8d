//! One step to move the committed schema to a newer docs tree: extract it,
//! compare with the committed schema (the changelog), generate the crate,
//! and only when all of that succeeded write the schema, the record of
//! its docs tree ([`crate::source`]) and the generated crate, each
//! atomically. What is left for people is reviewing: the changelog, the
//! snapshots, the README's figures.

use crate::diag::{Diagnostics, Severity};
use crate::diff::{self, Changelog};
use crate::extract::{self, ExtractConfig};
use crate::generate::{
    DEFAULT_OUT, DEFAULT_SCHEMA, GenerateError, Stats, default_emit_config, generate_files_with,
};
use crate::source::{SchemaSource, SourceError};
use crate::write::{WriteError, write_dir_atomically, write_file_atomically};
use std::path::{Path, PathBuf};

/// What to update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateConfig {
    /// The workspace root (holding `schema/` and `generated/`).
    pub root: PathBuf,
    /// The newer docs tree.
    pub docs: PathBuf,
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct UpdateReport {
    /// From the committed schema to the new one.
    pub changelog: Changelog,
    /// The new schema's extraction counts.
    pub extraction: extract::Summary,
    /// The docs warnings of the extraction, rendered (`file:line: warning[...]`).
    pub docs_warnings: Vec<String>,
    /// The generator's warnings for the new schema.
    pub generate_warnings: Vec<String>,
    /// What was generated.
    pub stats: Stats,
    /// The record written.
    pub source: SchemaSource,
}

impl UpdateReport {
    /// Whether any change breaks users of the generated crate.
    pub fn is_breaking(&self) -> bool {
        self.changelog.summary.breaking > 0
    }
}

/// Why an update stopped; nothing was written unless the error says so.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The docs tree has no folder name to record.
    #[error("{0} has no folder name to record as the docs tree")]
    NoTreeName(PathBuf),
    /// Extraction failed or reported errors.
    #[error("extracting from {docs}: {message}")]
    Extract {
        /// The docs tree.
        docs: PathBuf,
        /// The error or the errors, one per line.
        message: String,
    },
    /// The committed schema could not be read.
    #[error(transparent)]
    ReadSchema(GenerateError),
    /// The new schema does not generate.
    #[error("the new schema does not generate: {0}")]
    Generate(GenerateError),
    /// Writing an output failed (outputs before it were written).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Writing the docs-tree record failed (the schema and the crate were
    /// written).
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// Extracts `config.docs`, generates, and writes schema, record and crate.
pub fn update(config: &UpdateConfig) -> Result<UpdateReport, UpdateError> {
    let tree = tree_name(&config.docs)?;
    let (extraction, docs_warnings) = extract_tree(&config.docs)?;
    let schema_path = config.root.join(DEFAULT_SCHEMA);
    let old = match schema_path.exists() {
        true => crate::generate::read_schema(&schema_path).map_err(UpdateError::ReadSchema)?,
        false => serde_json::json!({}),
    };
    let changelog = diff::compare(&old, &extraction.document);
    let generated = generate_files_with(&extraction.document, &default_emit_config())
        .map_err(UpdateError::Generate)?;
    let files: Vec<(PathBuf, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|file| (file.path, file.contents.into_bytes()))
        .collect();
    write_file_atomically(&schema_path, extract::document_text(&extraction).as_bytes())?;
    write_dir_atomically(&config.root.join(DEFAULT_OUT), &files)?;
    let source = SchemaSource::new(tree);
    source.write(&config.root)?;
    Ok(UpdateReport {
        changelog,
        extraction: extraction.summary,
        docs_warnings,
        generate_warnings: generated.warnings,
        stats: generated.stats,
        source,
    })
}

/// The folder name of a docs tree, recorded as the schema's source.
fn tree_name(docs: &Path) -> Result<String, UpdateError> {
    docs.file_name()
        .and_then(|name| name.to_str())
        .filter(|name| *name != "." && *name != "..")
        .map(str::to_owned)
        .ok_or_else(|| UpdateError::NoTreeName(docs.to_path_buf()))
}

/// Extracts with the default roots; errors stop the update.
fn extract_tree(docs: &Path) -> Result<(extract::Extraction, Vec<String>), UpdateError> {
    let config = ExtractConfig {
        docs: Some(docs.to_path_buf()),
        roots: Vec::new(),
    };
    let mut diags = Diagnostics::new();
    let failed = |message: String| UpdateError::Extract {
        docs: docs.to_path_buf(),
        message,
    };
    let extraction = extract::extract(&config, &mut diags).map_err(|e| failed(e.to_string()))?;
    let sorted = diags.sorted();
    let (warnings, errors): (Vec<_>, Vec<_>) =
        sorted.iter().partition(|d| d.severity == Severity::Warning);
    if !errors.is_empty() {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(failed(lines.join("\n")));
    }
    Ok((
        extraction,
        warnings.iter().map(ToString::to_string).collect(),
    ))
}
