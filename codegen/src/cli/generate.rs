//! `callgen generate` and the default run (`cargo run --release`).

use callgen::generate::{
    DEFAULT_OUT, DEFAULT_SCHEMA, GenerateConfig, GenerateReport, default_emit_config, generate,
    workspace_root,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `callgen generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The OpenAPI schema to read.
    #[arg(long, value_name = "FILE")]
    schema: PathBuf,
    /// The crate directory to write (replaced as a whole).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Fail, writing nothing, when there is any warning (such as a value
    /// typed as any JSON although the schema states more).
    #[arg(long)]
    deny_warnings: bool,
}

/// Runs `callgen generate`.
pub fn run(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let mut emit = default_emit_config();
    emit.schema_label = args.schema.display().to_string();
    emit.regenerate_command = format!(
        "callgen generate --schema {} --out {}",
        args.schema.display(),
        args.out.display()
    );
    let config = GenerateConfig {
        schema: args.schema,
        out: args.out,
        emit,
        deny_warnings: args.deny_warnings,
    };
    let report = generate(&config)?;
    print_summary(&report, &config);
    Ok(ExitCode::SUCCESS)
}

/// Regenerates `generated/` from the committed schema.
pub fn run_default() -> anyhow::Result<ExitCode> {
    let root = workspace_root(&std::env::current_dir()?);
    let config = GenerateConfig {
        schema: root.join(DEFAULT_SCHEMA),
        out: root.join(DEFAULT_OUT),
        emit: default_emit_config(),
        deny_warnings: false,
    };
    let report = generate(&config)?;
    print_summary(&report, &config);
    Ok(ExitCode::SUCCESS)
}

fn print_summary(report: &GenerateReport, config: &GenerateConfig) {
    let stats = &report.stats;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "generated {} from {}",
        stats.summary(),
        config.schema.display()
    );
    let elapsed = report.elapsed.as_secs_f64() * 1000.0;
    let generating = report.generating.as_secs_f64() * 1000.0;
    if report.unchanged {
        println!(
            "{} already holds these {} files ({} lines); nothing written, in {elapsed:.1} ms ({generating:.1} ms generating)",
            config.out.display(),
            stats.files,
            stats.lines,
        );
    } else {
        println!(
            "wrote {} files ({} lines) to {} in {elapsed:.1} ms ({generating:.1} ms generating)",
            stats.files,
            stats.lines,
            config.out.display(),
        );
    }
}
