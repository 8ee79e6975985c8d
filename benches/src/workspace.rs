//! Where things are: the workspace root, the committed schema, the docs
//! corpora (`GRAPH_DOCS_DIR`, default `../shared/graph-docs` next to the
//! workspace), and a description of the machine for the reports.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The committed schema document.
pub fn committed_schema() -> serde_json::Value {
    let path = root().join(callgen::generate::DEFAULT_SCHEMA);
    callgen::generate::read_schema(&path)
        .unwrap_or_else(|e| panic!("cannot read the committed schema: {e}"))
}

/// The docs corpora folder, or `None` (with a message) when it is absent.
/// Panics when absent and `CALLGEN_REQUIRE_CORPUS=1`.
pub fn docs_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/graph-docs"));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CALLGEN_REQUIRE_CORPUS").as_deref() != Ok("1"),
        "the docs corpora are required but {} is missing",
        dir.display()
    );
    eprintln!("skipping: the docs corpora are not at {}", dir.display());
    None
}

/// One line describing the machine: cores, memory and CPU model (Linux
/// `/proc`; `unknown` elsewhere).
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = proc_field("/proc/meminfo", "MemTotal")
        .and_then(|kb| kb.trim_end_matches(" kB").trim().parse::<u64>().ok())
        .map_or_else(
            || "unknown memory".to_owned(),
            |kb| format!("{:.1} GiB", kb as f64 / 1024.0 / 1024.0),
        );
    let cpu = proc_field("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".to_owned());
    format!("{cores} cores, {memory}, {cpu}")
}

fn proc_field(file: &str, name: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines()
        .find(|line| line.starts_with(name))
        .and_then(|line| line.split_once(':'))
        .map(|(_, value)| value.trim().to_owned())
}
