//! `callgen update`: moves the committed schema to a newer docs tree in one
//! step and says what is left to review.

use anyhow::Context;
use callgen::generate::workspace_root;
use callgen::update::{UpdateConfig, UpdateReport, update};
use callgen::write::write_file_atomically;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit code when the update changed something that breaks users of
/// the generated crate (0: nothing breaking; 1: the update failed).
pub const BREAKING_EXIT_CODE: u8 = 3;

/// Arguments of `callgen update`.
///
/// Extracts the newer docs tree (default roots), writes the changelog from
/// the committed schema as Markdown, then writes `schema/`, its docs-tree
/// record `schema/source.json` and the regenerated `generated/`. Nothing
/// is written when extraction or generation fails. Exit code 0 when no
/// change is breaking, 3 when some change is, 1 on failure.
#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The newer docs tree, a folder of the corpora folder
    /// (`../shared/graph-docs/en-2021-07`).
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// Where to write the changelog as Markdown, for the pull-request
    /// description.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "target/schema-changelog.md"
    )]
    pub changelog: PathBuf,
}

/// Runs `callgen update`.
pub fn run(args: UpdateArgs) -> anyhow::Result<ExitCode> {
    let root = workspace_root(&std::env::current_dir()?);
    let report = update(&UpdateConfig {
        root: root.clone(),
        docs: args.docs.clone(),
    })?;
    let changelog_path = root.join(&args.changelog);
    if let Some(parent) = changelog_path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let markdown = callgen::diff::render_markdown(&report.changelog);
    write_file_atomically(&changelog_path, markdown.as_bytes())
        .with_context(|| format!("writing {}", changelog_path.display()))?;
    print_report(&report, &args.docs, &changelog_path);
    Ok(match report.is_breaking() {
        true => ExitCode::from(BREAKING_EXIT_CODE),
        false => ExitCode::SUCCESS,
    })
}

fn print_report(report: &UpdateReport, docs: &Path, changelog: &Path) {
    for warning in &report.docs_warnings {
        eprintln!("{warning}");
    }
    for warning in &report.generate_warnings {
        eprintln!("warning: {warning}");
    }
    let s = report.extraction;
    let summary = &report.changelog.summary;
    println!(
        "update: {} types, {} enums, {} operations, {} examples, {} docs warnings from {}",
        s.types,
        s.enums,
        s.operations,
        s.examples,
        report.docs_warnings.len(),
        docs.display()
    );
    println!(
        "update: {} changes, {} breaking; changelog (Markdown) -> {}",
        summary.total,
        summary.breaking,
        changelog.display()
    );
    println!(
        "update: wrote schema/graph-calls.beta.json, schema/source.json (docs tree `{}`) and generated/ ({})",
        report.source.docs_tree,
        report.stats.summary()
    );
    println!("left to review:");
    println!(
        "  1. the changelog, for the pull-request description: {}",
        changelog.display()
    );
    println!(
        "  2. CALLGEN_UPDATE_README=1 cargo test -p callgen --test check_readme   (rewrites the README's schema figures and diagram)"
    );
    println!("  3. cargo test --workspace   (a changed example snapshot is written as .snap.new)");
    println!("  4. cargo insta review   (read each changed snapshot before accepting it)");
}
