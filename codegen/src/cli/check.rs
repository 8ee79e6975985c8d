//! `callgen check`: fails when `schema/` or `generated/` is not what the
//! inputs give.

use callgen::check::{CheckConfig, check, render_report};
use callgen::generate::{DEFAULT_OUT, DEFAULT_SCHEMA, default_emit_config, workspace_root};
use callgen::source::SchemaSource;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `callgen check`.
///
/// Re-extracts the schema from `--docs` (when given, with the default
/// roots), regenerates the crate in memory with the committed crate's
/// settings (what `cargo run --release` writes), and compares both with the
/// files on disk. Writes nothing. Exit code 0 and one line when everything
/// is up to date; 1 with the differing files (changed, missing, extra), line
/// counts and diff excerpts when something is stale.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A docs tree to re-extract the schema from; without it the schema
    /// file is taken as the input and only the generated crate is checked.
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    /// The corpora folder: re-extract from the docs tree inside it that
    /// `schema/source.json` names (what CI runs with `GRAPH_DOCS_DIR`).
    #[arg(long, value_name = "DIR", conflicts_with = "docs")]
    pub docs_root: Option<PathBuf>,
    /// The committed schema [default: schema/graph-calls.beta.json in the workspace].
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// The committed generated crate [default: generated/ in the workspace].
    #[arg(long, value_name = "DIR")]
    pub generated: Option<PathBuf>,
    /// Fail when generating from the schema gives any warning (such as a
    /// value typed as any JSON although the schema states more).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Runs `callgen check`. The refresh commands are printed for the
/// workspace's own paths only: `cargo run --release` writes those.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir()?;
    let root = workspace_root(&cwd);
    let default_paths = args.schema.is_none() && args.generated.is_none();
    let docs = match (args.docs, &args.docs_root) {
        (Some(docs), _) => Some(docs),
        (None, Some(corpora)) => Some(SchemaSource::read(&root)?.docs_dir(corpora)),
        (None, None) => None,
    };
    let config = CheckConfig {
        schema: args
            .schema
            .unwrap_or_else(|| shown(&root.join(DEFAULT_SCHEMA), &cwd)),
        generated: args
            .generated
            .unwrap_or_else(|| shown(&root.join(DEFAULT_OUT), &cwd)),
        docs,
        emit: default_emit_config(),
    };
    let report = check(&config)?;
    let schema_stale = report
        .differences
        .first()
        .is_some_and(|d| d.path == config.schema);
    let mut refresh = Vec::new();
    if let (true, Some(docs)) = (schema_stale, &config.docs) {
        refresh.push(format!(
            "cargo run --release -- extract --docs {} --out {}",
            docs.display(),
            config.schema.display()
        ));
    }
    let generated_stale = report.differences.iter().any(|d| d.path != config.schema);
    if default_paths && (generated_stale || schema_stale) {
        refresh.push(config.emit.regenerate_command.clone());
    }
    for warning in &report.generate_warnings {
        eprintln!("warning: {warning}");
    }
    print!("{}", render_report(&report, &config, &refresh));
    let denied = args.deny_warnings && !report.generate_warnings.is_empty();
    if denied {
        eprintln!(
            "check: {} generator warning(s) denied (--deny-warnings)",
            report.generate_warnings.len()
        );
    }
    Ok(if report.is_up_to_date() && !denied {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `path` relative to the working directory when it lies below it, for
/// shorter messages.
fn shown(path: &Path, cwd: &Path) -> PathBuf {
    path.strip_prefix(cwd).unwrap_or(path).to_path_buf()
}
