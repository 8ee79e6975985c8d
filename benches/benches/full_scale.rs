//! Full-scale generation: the whole beta reference (en-full-2021-07, every
//! resource page and every method page a root) extracted once, generated in
//! memory (median of a few runs; operations whose paths no request function
//! can be built from are left out and counted), every Rust file parsed with
//! syn, and the
//! crate checked once with `cargo check` in a temporary workspace (path
//! dependencies on this workspace's crates; its dependencies are checked
//! first, untimed, so the figure is the generated crate's own).
//!
//! Run: `GRAPH_DOCS_DIR=../shared/graph-docs cargo bench -p callgen-benches
//! --bench full_scale`. `CALLGEN_BENCH_SKIP_CHECK=1` leaves out the
//! `cargo check` (minutes of CPU and several GB of memory);
//! `CALLGEN_BENCH_BUILD=1` adds a `cargo build` of the crate (dev profile,
//! dependencies built first, untimed). Skips when the
//! corpus is absent unless `CALLGEN_REQUIRE_CORPUS=1`.

use callgen::generate::generate_files_leaving_out_operations;
use callgen_benches::cargo_build::{human, median, rust_lines, standalone_crate, timed_cargo};
use callgen_benches::{full_scale, workspace};
use std::time::{Duration, Instant};

/// Generation runs; the median is reported.
const RUNS: usize = 3;

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!("machine: {}", workspace::machine());
    let Some(docs) = workspace::docs_dir() else {
        return;
    };
    let tree = docs.join("en-full-2021-07");
    let start = Instant::now();
    let (extraction, diags) = full_scale::extract_everything(&tree);
    println!(
        "input: {} pages extracted into {} types and {} operations in {} ({} diagnostics; extraction figures: the extract bench)",
        extraction.pages.len(),
        extraction.summary.types + extraction.summary.enums,
        extraction.summary.operations,
        human(start.elapsed()),
        diags.sorted().len()
    );
    let config = full_scale::emit_config();
    let mut times = Vec::new();
    let mut generated = None;
    for _ in 0..RUNS {
        drop(generated.take());
        let start = Instant::now();
        let crate_files = generate_files_leaving_out_operations(&extraction.document, &config)
            .unwrap_or_else(|e| panic!("full-scale generation failed: {e}"));
        times.push(start.elapsed());
        generated = Some(crate_files);
    }
    let Some((generated, left_out)) = generated else {
        return;
    };
    println!(
        "left out: {} operations whose paths no request function can be built from (docs placeholders such as `{{period_value}}` inside function calls, `<address>`, `** Collection URI ... not found`)",
        left_out.len()
    );
    let stats = generated.stats;
    let lines = rust_lines(&generated.files);
    println!(
        "generate (in memory): median {} of {RUNS} runs; {} types ({} structs, {} enums, {} families), {} operations, {} files, {lines} lines of Rust",
        human(median(&mut times)),
        stats.types(),
        stats.structs,
        stats.enums,
        stats.families,
        stats.operations,
        stats.files,
    );
    let start = Instant::now();
    let unparsable: Vec<String> = generated
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        .filter_map(|f| {
            syn::parse_file(&f.contents)
                .err()
                .map(|e| format!("{}: {e}", f.path.display()))
        })
        .collect();
    println!(
        "syn parse of every Rust file: {} unparsable, in {}",
        unparsable.len(),
        human(start.elapsed())
    );
    for problem in &unparsable {
        println!("  {problem}");
    }
    if std::env::var("CALLGEN_BENCH_BUILD").as_deref() == Ok("1") {
        let build = cargo_timed("build", &generated.files);
        println!(
            "cargo build of the generated crate (dependencies already built): {} for {lines} lines ({:.0} lines/s)",
            human(build),
            lines as f64 / build.as_secs_f64()
        );
    }
    if std::env::var("CALLGEN_BENCH_SKIP_CHECK").as_deref() == Ok("1") {
        println!("cargo check: skipped (CALLGEN_BENCH_SKIP_CHECK=1)");
        return;
    }
    let check = cargo_timed("check", &generated.files);
    println!(
        "cargo check of the generated crate (dependencies already checked): {} for {lines} lines ({:.0} lines/s)",
        human(check),
        lines as f64 / check.as_secs_f64()
    );
}

/// Runs `cargo <command>` (`check` or `build`) on the crate in a temporary
/// workspace: its dependencies first (untimed), then the crate itself
/// (timed).
fn cargo_timed(command: &str, files: &[callgen::emit::GeneratedFile]) -> Duration {
    let root = workspace::root();
    // The compile bench's target directory: the dependencies (the client's
    // TLS stack among them) are built once for both.
    let target = root.join("target/bench-compile");
    let krate = standalone_crate(&root, files);
    let manifest = files
        .iter()
        .find(|f| f.path.as_os_str() == "Cargo.toml")
        .map(|f| f.contents.as_str())
        .unwrap_or_default();
    let mut deps = vec![command, "--offline"];
    for dependency in dependencies(manifest) {
        deps.extend(["-p", dependency]);
    }
    timed_cargo(&krate.dir, &target, &deps);
    timed_cargo(
        &krate.dir,
        &target,
        &[command, "--offline", "-p", full_scale::CRATE_NAME],
    )
}

/// The names in the `[dependencies]` table of a generated `Cargo.toml`.
fn dependencies(manifest: &str) -> Vec<&str> {
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split(['.', '=', ' ']).next())
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect()
}
