//! `callgen generate` and the default run.

use std::process::ExitCode;

/// Arguments of `callgen generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {}

/// Runs `callgen generate`.
pub fn run(_args: GenerateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("generate is being built")
}

/// Regenerates `generated/` from the committed schema.
pub fn run_default() -> anyhow::Result<ExitCode> {
    anyhow::bail!("generate is being built")
}
