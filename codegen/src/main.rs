//! The `callgen` command line.
//!
//! With no subcommand it regenerates `generated/` from the committed schema,
//! which is the project's main job (`cargo run --release`).

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: generation builds and drops
/// many small token and syntax-tree nodes, and malloc/free were about a
/// third of its instructions with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates typed Rust bindings for the Microsoft Graph beta calls API from
/// its published documentation.
///
/// Run with no subcommand to regenerate `generated/` from `schema/`.
#[derive(Debug, Parser)]
#[command(name = "callgen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract an OpenAPI 3.1 schema from a Graph docs checkout.
    Extract(cli::extract::ExtractArgs),
    /// Generate the Rust crate from an OpenAPI schema.
    Generate(cli::generate::GenerateArgs),
    /// Print the changelog between two schemas, each change marked breaking or not.
    Diff(cli::diff::DiffArgs),
    /// Draw the schema's type graph as a Mermaid class diagram.
    Diagram(cli::diagram::DiagramArgs),
    /// Fail when schema/ or generated/ is not what the docs and the schema give.
    Check(cli::check::CheckArgs),
    /// Move the committed schema to a newer docs tree: extract, changelog, regenerate.
    Update(cli::update::UpdateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Extract(args)) => cli::extract::run(args),
        Some(Command::Generate(args)) => cli::generate::run(args),
        Some(Command::Diff(args)) => cli::diff::run(args),
        Some(Command::Diagram(args)) => cli::diagram::run(args),
        Some(Command::Check(args)) => cli::check::run(args),
        Some(Command::Update(args)) => cli::update::run(args),
        None => cli::generate::run_default(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
