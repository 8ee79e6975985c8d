//! Timed cargo runs over generated crates: a generated crate written as the
//! only member of a temporary workspace (its `Cargo.toml` used verbatim,
//! with the real workspace's dependency table and lock file, path
//! dependencies made absolute), and cargo commands timed by wall clock.

use callgen::emit::GeneratedFile;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A generated crate inside a temporary workspace, removed on drop.
pub struct StandaloneCrate {
    /// The temporary workspace root.
    pub workspace: tempfile::TempDir,
    /// The crate's folder inside it.
    pub dir: PathBuf,
}

/// Writes `files` as the member `crate` of a new temporary workspace that
/// copies the dependency table of the workspace at `root` and its lock file.
pub fn standalone_crate(root: &Path, files: &[GeneratedFile]) -> StandaloneCrate {
    let workspace = tempfile::Builder::new()
        .prefix("callgen-bench-")
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap_or_else(|e| panic!("cannot read the workspace manifest: {e}"));
    write(
        &workspace.path().join("Cargo.toml"),
        &workspace_manifest(&manifest, root),
    );
    if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
        write(
            &workspace.path().join("Cargo.lock"),
            &String::from_utf8_lossy(&lock),
        );
    }
    let dir = workspace.path().join("crate");
    for file in files {
        write(&dir.join(&file.path), &file.contents);
    }
    StandaloneCrate { workspace, dir }
}

/// The workspace manifest with `crate` as its only member and every
/// relative `path = "..."` made absolute under `root`.
fn workspace_manifest(manifest: &str, root: &Path) -> String {
    let root = root.display().to_string();
    manifest
        .lines()
        .filter(|line| !line.starts_with("default-members"))
        .map(|line| {
            if line.starts_with("members") {
                "members = [\"crate\"]".to_owned()
            } else {
                line.replace("path = \"", &format!("path = \"{root}/"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    std::fs::write(path, contents)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Runs `cargo <args>` in `dir` with `target` as its target directory and
/// returns the wall-clock time. Panics with cargo's output if it fails.
pub fn timed_cargo(dir: &Path, target: &Path, args: &[&str]) -> Duration {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = Instant::now();
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

/// Lines of the Rust files among `files`.
pub fn rust_lines(files: &[GeneratedFile]) -> usize {
    files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        .map(|f| f.contents.lines().count())
        .sum()
}

/// The median of `samples` (the upper one of an even count).
pub fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// A duration for a report: seconds with one decimal, or milliseconds
/// below a second.
pub fn human(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.1} s", duration.as_secs_f64())
    } else {
        format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
    }
}
