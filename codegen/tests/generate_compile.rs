//! Compile what is generated: every fixture schema's crate is built with
//! clippy and warnings denied, in a scratch workspace under `target/` that
//! depends on the real runtime crate.

mod scratch_workspace;

use callgen::emit::EmitConfig;
use callgen::generate::default_emit_config;
use scratch_workspace::{workspace_root, write_crate, write_workspace_manifest};
use std::path::PathBuf;
use std::process::Command;

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
        let document: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
        let config = EmitConfig {
            crate_name: name.clone(),
            ..default_emit_config()
        };
        write_crate(&scratch.join(&name), &document, &config);
        members.push(name);
    }
    write_workspace_manifest(&scratch, &members, "0.0.0");
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
