//! Compile what is generated: every fixture schema's crate is built with
//! clippy and warnings denied, in a scratch workspace under `target/` that
//! depends on the real runtime crate.

use callgen::emit::EmitConfig;
use callgen::generate::{default_emit_config, generate_files_with};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn write_crate(dir: &Path, schema: &Path, name: &str) {
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    let config = EmitConfig {
        crate_name: name.to_owned(),
        ..default_emit_config()
    };
    let generated = generate_files_with(&document, &config).unwrap();
    let files: Vec<(PathBuf, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|f| (f.path, f.contents.into_bytes()))
        .collect();
    callgen::write::write_dir_atomically(dir, &files).unwrap();
}

#[test]
fn every_fixture_crate_builds_clippy_clean() {
    let root = workspace_root();
    let scratch = root.join("target/callgen-compile-check");
    let fixtures = root.join("codegen/tests/fixtures/schemas");
    let mut members = Vec::new();
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    schemas.sort();
    for schema in &schemas {
        let stem = schema.file_stem().unwrap().to_string_lossy().to_string();
        let name = format!("fixture-{stem}");
        write_crate(&scratch.join(&name), schema, &name);
        members.push(format!("{name:?}"));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[workspace.package]\nedition = \"2024\"\nversion = \"0.0.0\"\nlicense = \"MIT OR Apache-2.0\"\nrust-version = \"1.85\"\n\n[workspace.dependencies]\ncallgen-client = {{ path = {:?}, default-features = false }}\ncallgen-runtime = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n",
        members.join(", "),
        root.join("client").display().to_string(),
        root.join("runtime").display().to_string()
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "generated fixture crates do not build clean:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docs = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--workspace", "--doc"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .unwrap();
    assert!(
        docs.status.success(),
        "doc tests of the generated fixture crates fail:\n{}{}",
        String::from_utf8_lossy(&docs.stdout),
        String::from_utf8_lossy(&docs.stderr)
    );
}
