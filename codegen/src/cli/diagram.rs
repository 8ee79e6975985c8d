//! `callgen diagram`: draws the schema's type graph as a Mermaid class diagram.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `callgen diagram`.
#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// The OpenAPI document to draw.
    #[arg(long, value_name = "FILE")]
    pub schema: PathBuf,
    /// Where to write the diagram (written atomically); standard output when absent.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Runs `callgen diagram`.
pub fn run(args: DiagramArgs) -> anyhow::Result<ExitCode> {
    let document = super::diff::read_document(&args.schema)?;
    let view = callgen::diff::schema::SchemaView::read(&document);
    for problem in &view.problems {
        eprintln!(
            "warning: {}: {}: {}",
            args.schema.display(),
            problem.pointer,
            problem.message
        );
    }
    let diagram = callgen::diagram::mermaid_of(&view);
    match &args.out {
        Some(path) => callgen::write::write_file_atomically(path, diagram.as_bytes())?,
        None => print!("{diagram}"),
    }
    Ok(ExitCode::SUCCESS)
}
