//! `callgen diff`: prints the changelog between two schemas.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `callgen diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older OpenAPI document (e.g. extracted from older docs).
    pub old: PathBuf,
    /// The newer OpenAPI document.
    pub new: PathBuf,
    /// Output format: a readable changelog, the same as Markdown or as JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// How the changelog is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by type and operation, each change marked breaking or compatible.
    Text,
    /// The same as JSON.
    Json,
    /// Markdown for a pull-request description: breaking changes first.
    Markdown,
}

/// Runs `callgen diff`: prints the changelog to standard output and any
/// part of the documents that was not understood to standard error.
pub fn run(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let old = read_document(&args.old)?;
    let new = read_document(&args.new)?;
    let changelog = callgen::diff::compare(&old, &new);
    let rendered = match args.format {
        Format::Text => {
            let header = format!(
                "Changes from {} to {}\n\n",
                args.old.display(),
                args.new.display()
            );
            header + &callgen::diff::render_text(&changelog)
        }
        Format::Json => callgen::diff::render_json(&changelog),
        Format::Markdown => callgen::diff::render_markdown(&changelog),
    };
    print!("{rendered}");
    for warning in &changelog.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and parses one JSON document, naming the file (and line) on error.
pub fn read_document(path: &Path) -> anyhow::Result<serde_json::Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}
