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
use crate::generate::{GenerateError, generate_files_with};
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Lines of unified diff kept per changed file.
pub const EXCERPT_LINES: usize = 12;

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

/// How a file on disk differs from what the inputs give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DifferenceKind {
    /// Both exist with different contents.
    Changed,
    /// The inputs give the file; it is not on disk.
    Missing,
    /// The file is on disk; the inputs do not give it.
    NotGenerated,
}

impl DifferenceKind {
    /// The word shown in the report.
    pub fn label(self) -> &'static str {
        match self {
            DifferenceKind::Changed => "changed",
            DifferenceKind::Missing => "missing",
            DifferenceKind::NotGenerated => "extra",
        }
    }
}

/// One file that is not what the inputs give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDifference {
    /// The file: the schema path, or the generated directory joined with
    /// the file's path in the crate.
    pub path: PathBuf,
    /// How it differs.
    pub kind: DifferenceKind,
    /// Lines regeneration would add.
    pub lines_added: usize,
    /// Lines regeneration would remove.
    pub lines_removed: usize,
    /// The first lines of a unified diff (on disk -> regenerated), at most
    /// [`EXCERPT_LINES`]; empty for missing and extra files.
    pub excerpt: Vec<String>,
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
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
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

/// The file's text, `None` when it does not exist.
fn read_optional(path: &Path) -> Result<Option<String>, CheckError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(CheckError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Every file under `dir`, by path relative to `dir`; empty when `dir`
/// does not exist. Bytes that are not UTF-8 are read lossily (so they
/// differ from any generated text).
pub fn read_tree(dir: &Path) -> Result<BTreeMap<PathBuf, String>, CheckError> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|source| CheckError::Read {
            path: current.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| CheckError::Read {
                path: current.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Some(text) = read_optional(&path)? {
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                files.insert(relative, text);
            }
        }
    }
    Ok(files)
}

/// The differences between the files on disk and the expected ones, by
/// path; paths are reported joined to `dir`.
pub fn compare_trees(
    dir: &Path,
    on_disk: &BTreeMap<PathBuf, String>,
    expected: &BTreeMap<PathBuf, String>,
) -> Vec<FileDifference> {
    let mut paths: Vec<&PathBuf> = on_disk.keys().chain(expected.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|relative| {
            compare_text(
                &dir.join(relative),
                on_disk.get(relative).map(String::as_str),
                expected.get(relative).map(String::as_str),
            )
        })
        .collect()
}

/// How `on_disk` differs from `expected`, if it does.
pub fn compare_text(
    path: &Path,
    on_disk: Option<&str>,
    expected: Option<&str>,
) -> Option<FileDifference> {
    let (kind, old, new) = match (on_disk, expected) {
        (Some(old), Some(new)) if old == new => return None,
        (Some(old), Some(new)) => (DifferenceKind::Changed, old, new),
        (None, Some(new)) => (DifferenceKind::Missing, "", new),
        (Some(old), None) => (DifferenceKind::NotGenerated, old, ""),
        (None, None) => return None,
    };
    let diff = TextDiff::configure()
        .timeout(Duration::from_secs(2))
        .diff_lines(old, new);
    let mut difference = FileDifference {
        path: path.to_path_buf(),
        kind,
        lines_added: 0,
        lines_removed: 0,
        excerpt: Vec::new(),
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => difference.lines_added += 1,
            ChangeTag::Delete => difference.lines_removed += 1,
            ChangeTag::Equal => {}
        }
    }
    if kind == DifferenceKind::Changed {
        let unified = diff.unified_diff().context_radius(1).to_string();
        difference.excerpt = unified
            .lines()
            .take(EXCERPT_LINES)
            .map(str::to_owned)
            .collect();
    }
    Some(difference)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_text_is_no_difference() {
        assert_eq!(compare_text(Path::new("a"), Some("x\n"), Some("x\n")), None);
    }

    #[test]
    fn changed_text_counts_lines_and_keeps_an_excerpt() {
        let difference = compare_text(
            Path::new("a.rs"),
            Some("one\ntwo\nthree\n"),
            Some("one\n2\nthree\nfour\n"),
        )
        .unwrap();
        assert_eq!(difference.kind, DifferenceKind::Changed);
        assert_eq!((difference.lines_added, difference.lines_removed), (2, 1));
        assert!(
            difference.excerpt.iter().any(|l| l == "-two"),
            "{difference:?}"
        );
        assert!(
            difference.excerpt.iter().any(|l| l == "+2"),
            "{difference:?}"
        );
    }

    #[test]
    fn missing_and_extra_files_are_told_apart() {
        let missing = compare_text(Path::new("m"), None, Some("a\nb\n")).unwrap();
        assert_eq!(
            (missing.kind, missing.lines_added),
            (DifferenceKind::Missing, 2)
        );
        let extra = compare_text(Path::new("e"), Some("a\n"), None).unwrap();
        assert_eq!(
            (extra.kind, extra.lines_removed),
            (DifferenceKind::NotGenerated, 1)
        );
        assert!(missing.excerpt.is_empty() && extra.excerpt.is_empty());
    }
}
