//! `callgen extract`.

use std::process::ExitCode;

/// Arguments of `callgen extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {}

/// Runs `callgen extract`.
pub fn run(_args: ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("extract is being built")
}
