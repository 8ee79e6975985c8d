//! `callgen extract`: docs tree -> OpenAPI document.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use callgen::diag::{Diagnostics, Severity};
use callgen::extract::{self, ExtractConfig};
use callgen::write::write_file_atomically;

/// Arguments of `callgen extract`.
///
/// Reads a Graph docs checkout, follows the closure of the root types
/// (default: the `call` resource and the create-call method page) and
/// writes one OpenAPI 3.1 document. Every problem in the docs is printed as
/// `file:line: warning[code]: message`; the run carries on.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The docs tree (the folder holding `api-reference/beta/`), or a single
    /// page file such as a side-by-side localized page.
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// A root to start the closure from: a type name (`call`), a page path
    /// relative to the docs tree, or a page file. Repeatable; replaces the
    /// default roots.
    #[arg(long = "root", value_name = "TYPE")]
    pub roots: Vec<String>,
    /// Make every resource page and every method page of the docs tree a
    /// root: the whole reference, every type and method, not only the
    /// closure of the calls domain. Needs `--docs` to be a tree.
    #[arg(long, conflicts_with = "roots")]
    pub all_pages: bool,
    /// Where to write the OpenAPI JSON document.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Fail (exit code 1) when any warning is reported.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Runs `callgen extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let roots = if args.all_pages {
        extract::all_pages::every_page_root(&args.docs)
            .with_context(|| format!("listing the pages of {}", args.docs.display()))?
    } else {
        args.roots.clone()
    };
    let config = ExtractConfig {
        docs: Some(args.docs.clone()),
        roots,
    };
    let mut diags = Diagnostics::new();
    let extraction = extract::extract(&config, &mut diags)
        .with_context(|| format!("extracting from {}", args.docs.display()))?;
    let sorted = diags.sorted();
    for diagnostic in &sorted {
        eprintln!("{diagnostic}");
    }
    let warnings = sorted
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let errors = sorted.len() - warnings;
    if errors > 0 {
        eprintln!(
            "extract: {errors} errors; {} not written",
            args.out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let text = extract::document_text(&extraction);
    write_file_atomically(&args.out, text.as_bytes())
        .with_context(|| format!("writing {}", args.out.display()))?;
    let s = extraction.summary;
    eprintln!(
        "extract: {} types, {} enums, {} operations, {} examples, {warnings} warnings -> {}",
        s.types,
        s.enums,
        s.operations,
        s.examples,
        args.out.display()
    );
    if args.deny_warnings && warnings > 0 {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
