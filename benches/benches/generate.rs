//! Generation of the calls crate from the committed schema, in memory:
//! the whole pipeline (schema document -> files), its two stages (IR, then
//! tokens and formatting), the same pipeline on one thread (to show what
//! the parallel formatting buys), and the CLI's path (read the schema,
//! generate, compare with / write the output directory).
//!
//! Run: `cargo bench -p callgen-benches --bench generate`. Target: the
//! whole pipeline under 20 ms. The bench uses the CLI's allocator
//! (mimalloc), so that it measures what `cargo run --release` runs.

use callgen::generate::{GenerateConfig, default_emit_config, generate, generate_files};
use callgen_benches::workspace;
use divan::Bencher;
use std::sync::LazyLock;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

static SCHEMA: LazyLock<serde_json::Value> = LazyLock::new(workspace::committed_schema);

fn main() {
    println!("machine: {}", workspace::machine());
    let generated = generate_files(&SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "calls crate: {} types, {} files, {} lines",
        generated.stats.types(),
        generated.stats.files,
        generated.stats.lines
    );
    divan::main();
}

/// Schema document -> every file's text (IR, tokens, formatting).
#[divan::bench(sample_count = 50)]
fn pipeline(bencher: Bencher) {
    bencher.bench(|| generate_files(&SCHEMA));
}

/// The same on a single thread.
#[divan::bench(sample_count = 20)]
fn pipeline_one_thread(bencher: Bencher) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    bencher.bench(|| pool.install(|| generate_files(&SCHEMA)));
}

/// Schema document -> IR.
#[divan::bench(sample_count = 50)]
fn ir(bencher: Bencher) {
    bencher.bench(|| callgen::ir::from_openapi(&SCHEMA));
}

/// IR -> every file's text (tokens and formatting).
#[divan::bench(sample_count = 50)]
fn emit(bencher: Bencher) {
    let ir = callgen::ir::from_openapi(&SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    let config = default_emit_config();
    bencher.bench(|| callgen::emit::emit_crate(&ir, &config));
}

/// What `cargo run --release` does when nothing changed: read the schema,
/// generate, find the output directory up to date.
#[divan::bench(sample_count = 20)]
fn cli_unchanged(bencher: Bencher) {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = GenerateConfig {
        schema: workspace::root().join(callgen::generate::DEFAULT_SCHEMA),
        out: out.path().join("generated"),
        emit: default_emit_config(),
        deny_warnings: false,
    };
    generate(&config).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench(|| generate(&config));
}
