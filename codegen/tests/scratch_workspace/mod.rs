//! Scratch workspaces under `target/` for the tests that compile generated
//! crates: the generated crate written as files, and a workspace manifest
//! whose members depend on this workspace's real runtime and client crates,
//! built offline against this workspace's `Cargo.lock`.

#![allow(dead_code)]

use callgen::emit::EmitConfig;
use callgen::generate::generate_files_with;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The workspace root (the parent of the codegen crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Generates the crate of `document` with `config` into `dir`.
pub fn write_crate(dir: &Path, document: &Value, config: &EmitConfig) {
    let generated = generate_files_with(document, config)
        .unwrap_or_else(|e| panic!("{}: generation failed: {e}", config.crate_name));
    let files: Vec<(PathBuf, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|f| (f.path, f.contents.into_bytes()))
        .collect();
    callgen::write::write_dir_atomically(dir, &files).unwrap();
}

/// Writes `dir/Cargo.toml`, a workspace of `members` (directories of
/// `dir`) at `version`, and copies this workspace's `Cargo.lock` beside it.
pub fn write_workspace_manifest(dir: &Path, members: &[String], version: &str) {
    let root = workspace_root();
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[workspace.package]\nedition = \"2024\"\nversion = \"{version}\"\nlicense = \"MIT OR Apache-2.0\"\nrust-version = \"1.85\"\n\n[workspace.dependencies]\ncallgen-client = {{ path = {:?}, default-features = false }}\ncallgen-runtime = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n",
        members.join(", "),
        root.join("client").display().to_string(),
        root.join("runtime").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}
