//! Compile cost of the generated calls crate: `cargo build -p graph-calls`
//! and `cargo check -p graph-calls` after `cargo clean -p graph-calls`, its
//! dependencies already built (median of a few runs, in a separate target
//! directory so the workspace's own is left alone), and the lines of
//! generated Rust per generated type.
//!
//! Run: `cargo bench -p callgen-benches --bench compile`.

use callgen::generate::generate_files;
use callgen_benches::cargo_build::{human, median, rust_lines, timed_cargo};
use callgen_benches::workspace;
use std::time::Duration;

/// Clean builds per command; the median is reported.
const RUNS: usize = 3;

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!("machine: {}", workspace::machine());
    let generated =
        generate_files(&workspace::committed_schema()).unwrap_or_else(|e| panic!("{e}"));
    let stats = generated.stats;
    let lines = rust_lines(&generated.files);
    println!(
        "graph-calls: {lines} lines of Rust for {} types ({} structs, {} enums, {} families): {:.0} lines per type",
        stats.types(),
        stats.structs,
        stats.enums,
        stats.families,
        lines as f64 / stats.types() as f64
    );
    let root = workspace::root();
    let target = root.join("target/bench-compile");
    let first = timed_cargo(&root, &target, &["build", "--offline", "-p", "graph-calls"]);
    println!("first build, dependencies included: {}", human(first));
    for command in ["build", "check"] {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                timed_cargo(&root, &target, &["clean", "--offline", "-p", "graph-calls"]);
                timed_cargo(&root, &target, &[command, "--offline", "-p", "graph-calls"])
            })
            .collect();
        println!(
            "cargo {command} -p graph-calls after cargo clean -p graph-calls: median {} of {RUNS} ({:?})",
            human(median(&mut times)),
            times.iter().map(|t| human(*t)).collect::<Vec<_>>()
        );
    }
}
