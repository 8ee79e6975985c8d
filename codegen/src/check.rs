//! Staleness check: is the committed output exactly what its inputs give?
//!
//! [`check`] re-extracts the schema from a docs tree (when one is given,
//! with the default roots), regenerates the crate in memory from that
//! schema (or from the schema file on disk), and compares both with the
//! files on disk. Nothing is written. The result lists every differing file
//! as changed, missing (regeneration would add it) or not generated
//! (regeneration would remove it), with line counts and the start of a
//! unified diff; [`render_report`] prints it.
//!
//! The crate is regenerated with the [`EmitConfig`] given, so the headers
//! must match the command that wrote the files (the committed crate:
//! [`crate::generate::default_emit_config`]). This module wires the stages
//! together and compares text; it knows nothing of markdown, OpenAPI or
//! Rust syntax.

use crate::diag::{Diagnostics, Severity};
use crate::diff;
use crate::emit::EmitConfig;
use crate::extract::{self, ExtractConfig, ExtractError};
use crate::file_tree::{self, compare_text, compare_trees, read_optional, read_tree};
pub use crate::file_tree::{DifferenceKind, FileDifference};
use crate::generate::{GenerateError, generate_files_with};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Files shown with an excerpt; later ones are listed with counts only.
pub const FILES_WITH_EXCERPT: usize = 6;

/// What to check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConfig {
    /// A docs tree to re-extract the schema from; `None` takes the schema
    /// file as the input.
    pub docs: Option<PathBuf>,
    /// The committed schema file.
    pub schema: PathBuf,
    /// The committed generated crate directory.
    pub generated: PathBuf,
    /// The settings the crate was generated with (headers, crate name).
    pub emit: EmitConfig,
}

/// What a re-extraction found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractionFacts {
    /// Counts of the extracted document.
    pub summary: extract::Summary,
    /// Warnings reported about the docs (the run carries on).
    pub warnings: usize,
}

/// The outcome of [`check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// Present when the schema was re-extracted from docs.
    pub extraction: Option<ExtractionFacts>,
    /// When the schema is stale: the changelog counts from the committed
    /// schema to the re-extracted one (what `callgen diff` would list).
    pub schema_changes: Option<diff::Summary>,
    /// Files of the generated crate compared.
    pub generated_files: usize,
    /// Every differing file, the schema first, then by path.
    pub differences: Vec<FileDifference>,
    /// The generator's warnings for the schema (values typed as any JSON
    /// although the schema states more, ...), as `generate` prints them.
    pub generate_warnings: Vec<String>,
}

impl CheckReport {
    /// Whether everything on disk is what the inputs give.
    pub fn is_up_to_date(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Why the check could not run.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The docs tree could not be read at all.
    #[error("cannot re-extract the schema: {0}")]
    Extract(#[from] ExtractError),
    /// The extraction reported errors.
    #[error("re-extracting from {docs} reported {count} errors:\n{first}")]
    ExtractionErrors {
        /// The docs tree.
        docs: PathBuf,
        /// How many errors.
        count: usize,
        /// The first few, one per line.
        first: String,
    },
    /// The schema could not be read or does not generate.
    #[error(transparent)]
    Generate(#[from] GenerateError),
    /// A file on disk could not be read.
    #[error(transparent)]
    Read(#[from] file_tree::ReadError),
}

/// Re-extracts (when docs are given) and regenerates in memory, and
/// compares with the schema file and the generated directory.
pub fn check(config: &CheckConfig) -> Result<CheckReport, CheckError> {
    let mut differences = Vec::new();
    let mut extraction = None;
    let mut schema_changes = None;
    let document = match &config.docs {
        Some(docs) => {
            let (document, text, facts) = re_extract(docs)?;
            extraction = Some(facts);
            let on_disk = read_optional(&config.schema)?;
            if let Some(difference) = compare_text(&config.schema, on_disk.as_deref(), Some(&text))
            {
                schema_changes = on_disk
                    .as_deref()
                    .and_then(|old| serde_json::from_str(old).ok())
                    .map(|old| diff::compare(&old, &document).summary);
                differences.push(difference);
            }
            document
        }
        None => crate::generate::read_schema(&config.schema)?,
    };
    let generated = generate_files_with(&document, &config.emit)?;
    let generate_warnings = generated.warnings;
    let expected: BTreeMap<PathBuf, String> = generated
        .files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect();
    let on_disk = read_tree(&config.generated)?;
    differences.extend(compare_trees(&config.generated, &on_disk, &expected));
    Ok(CheckReport {
        extraction,
        schema_changes,
        generated_files: expected.len(),
        differences,
        generate_warnings,
    })
}

/// Extracts with the default roots; errors in the docs stop the check.
fn re_extract(docs: &Path) -> Result<(serde_json::Value, String, ExtractionFacts), CheckError> {
    let config = ExtractConfig {
        docs: Some(docs.to_path_buf()),
        roots: Vec::new(),
    };
    let mut diags = Diagnostics::new();
    let extraction = extract::extract(&config, &mut diags)?;
    let sorted = diags.sorted();
    let errors: Vec<String> = sorted
        .iter()
        .filter(|d| d.severity != Severity::Warning)
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        return Err(CheckError::ExtractionErrors {
            docs: docs.to_path_buf(),
            count: errors.len(),
            first: errors
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    let facts = ExtractionFacts {
        summary: extraction.summary,
        warnings: sorted.len(),
    };
    let text = extract::document_text(&extraction);
    Ok((extraction.document, text, facts))
}

/// The report as printed by `callgen check`: one line when up to date,
/// else every differing file with counts and the first excerpts, and the
/// commands that refresh them. `refresh` names those commands.
pub fn render_report(report: &CheckReport, config: &CheckConfig, refresh: &[String]) -> String {
    if report.is_up_to_date() {
        return up_to_date_line(report, config);
    }
    let mut out = String::new();
    let count = report.differences.len();
    let _ = writeln!(
        out,
        "check: stale: {count} file{} differ{} from what the inputs give",
        if count == 1 { "" } else { "s" },
        if count == 1 { "s" } else { "" }
    );
    for (index, difference) in report.differences.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:<8} {} ({}{})",
            difference.kind.label(),
            difference.path.display(),
            counts(difference),
            schema_note(report, difference, config)
        );
        if index < FILES_WITH_EXCERPT {
            for line in &difference.excerpt {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
    if count > FILES_WITH_EXCERPT {
        let _ = writeln!(
            out,
            "  (diff excerpts shown for the first {FILES_WITH_EXCERPT} files)"
        );
    }
    for command in refresh {
        let _ = writeln!(out, "refresh with: {command}");
    }
    out
}

fn up_to_date_line(report: &CheckReport, config: &CheckConfig) -> String {
    let generated = format!(
        "{} ({} files) is what {} generates",
        config.generated.display(),
        report.generated_files,
        config.schema.display()
    );
    match (&report.extraction, &config.docs) {
        (Some(facts), Some(docs)) => format!(
            "check: up to date: {} is what {} gives ({} types, {} enums, {} operations, {} examples; {} docs warnings); {generated}\n",
            config.schema.display(),
            docs.display(),
            facts.summary.types,
            facts.summary.enums,
            facts.summary.operations,
            facts.summary.examples,
            facts.warnings
        ),
        _ => format!("check: up to date: {generated} (schema not re-extracted: no --docs)\n"),
    }
}

fn counts(difference: &FileDifference) -> String {
    match difference.kind {
        DifferenceKind::Changed => format!(
            "+{} -{} lines",
            difference.lines_added, difference.lines_removed
        ),
        DifferenceKind::Missing => {
            format!("{}, regeneration adds it", lines(difference.lines_added))
        }
        DifferenceKind::NotGenerated => format!(
            "{}, not generated: regeneration removes it",
            lines(difference.lines_removed)
        ),
    }
}

fn lines(count: usize) -> String {
    if count == 1 {
        "1 line".to_owned()
    } else {
        format!("{count} lines")
    }
}

fn schema_note(report: &CheckReport, difference: &FileDifference, config: &CheckConfig) -> String {
    match &report.schema_changes {
        Some(summary) if difference.path == config.schema => format!(
            "; {} schema changes, {} breaking: see `callgen diff`",
            summary.total, summary.breaking
        ),
        _ => String::new(),
    }
}
