//! Hostile and odd generator input: small schemas in
//! `tests/fixtures/hostile/*.schema.json` with Rust keywords, names that
//! differ only in case, digits and punctuation, recursion, names that meet
//! once spelled in Rust, properties named like the generator's own fields,
//! prelude type names, dangling references and duplicate keys.
//!
//! Each schema either generates (its naming decisions are snapshotted, its
//! crate compiles with warnings denied, and every payload of the sibling
//! `*.samples.json` round-trips losslessly through the generated registry
//! with every property understood) or fails with an error naming a JSON
//! pointer into the schema (snapshotted).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

mod scratch_workspace;

use callgen::emit::EmitConfig;
use callgen::generate::{GenerateError, default_emit_config, generate_files_with, read_schema};
use callgen::ir::{Ir, TypeKind, from_openapi};
use scratch_workspace::{workspace_root, write_workspace_manifest};

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// The fixture schemas, sorted, with their stems (`keywords`).
fn schemas() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let stem = name.strip_suffix(".schema.json")?.to_owned();
            Some((stem, p))
        })
        .collect();
    out.sort();
    out
}

/// The naming decisions of a schema: every type and field, wire name to
/// Rust name.
fn outline(ir: &Ir) -> String {
    let mut out = String::new();
    for def in &ir.types {
        let kind = match &def.kind {
            TypeKind::Struct(_) => "struct",
            TypeKind::Enum(_) => "enum",
            TypeKind::Family(_) => "family",
            TypeKind::Union(_) => "union",
        };
        let (schema, rust, module) = (&def.schema_name, &def.rust_name, &def.module);
        writeln!(out, "{kind} {schema:?} -> {rust} (module {module})").unwrap();
        match &def.kind {
            TypeKind::Struct(st) => {
                for field in &st.fields {
                    let boxed = if field.boxed { " boxed" } else { "" };
                    writeln!(out, "  {:?} -> {}{boxed}", field.wire_name, field.rust_name).unwrap();
                }
            }
            TypeKind::Enum(en) => {
                for member in &en.members {
                    writeln!(out, "  {:?} -> {}", member.wire_name, member.rust_name).unwrap();
                }
                writeln!(out, "  catch-all {}", en.catch_all).unwrap();
            }
            TypeKind::Family(family) => {
                for member in &family.members {
                    writeln!(out, "  {:?} -> {}", member.type_name, member.rust_name).unwrap();
                }
                writeln!(out, "  catch-all {}", family.unrecognized).unwrap();
            }
            TypeKind::Union(union) => {
                for alternative in &union.alternatives {
                    let ty = &ir.get(alternative.ty).rust_name;
                    writeln!(out, "  {ty} -> {}", alternative.rust_name).unwrap();
                }
                writeln!(out, "  catch-all {}", union.unrecognized).unwrap();
            }
        }
    }
    for op in &ir.operations {
        writeln!(
            out,
            "operation {:?} -> fn {}, type {} (module {})",
            op.operation_id, op.rust_name, op.type_name, op.module
        )
        .unwrap();
        for parameter in &op.parameters {
            writeln!(
                out,
                "  {:?} -> {}",
                parameter.wire_name, parameter.rust_name
            )
            .unwrap();
        }
    }
    out
}

/// What generation makes of a schema file: the outline, or the error.
fn outcome(path: &Path) -> Result<Ir, String> {
    let document = read_schema(path).map_err(|error| match error {
        // The message without the absolute path of the fixture.
        GenerateError::Parse { source, .. } => format!("the schema is not valid JSON: {source}"),
        other => other.to_string(),
    })?;
    let ir = from_openapi(&document).map_err(|e| GenerateError::from(e).to_string())?;
    generate_files_with(&document, &emit_config("hostile")).map_err(|e| e.to_string())?;
    Ok(ir)
}

fn emit_config(crate_name: &str) -> EmitConfig {
    EmitConfig {
        crate_name: crate_name.to_owned(),
        readme_example: None,
        // The samples test reads payloads through the registry.
        conformance_feature: false,
        ..default_emit_config()
    }
}

#[test]
fn every_hostile_schema_generates_or_names_the_problem() {
    insta::glob!("fixtures/hostile/*.schema.json", |path| {
        let text = match outcome(path) {
            Ok(ir) => outline(&ir),
            Err(error) => {
                assert!(
                    error.contains(" at /") || error.contains("schema /"),
                    "an error must name a JSON pointer: {error}"
                );
                format!("error: {error}\n")
            }
        };
        insta::assert_snapshot!(text);
    });
}

/// The test written into each generated crate: every sample payload
/// round-trips through the registry unchanged, and no property of it lands
/// among the unknown ones unless the sample names it `unknown-*`.
const SAMPLES_TEST: &str = r#"
#[test]
fn samples_round_trip() {
    let samples: serde_json::Value =
        serde_json::from_str(include_str!("samples.json")).unwrap();
    for (schema_name, payloads) in samples.as_object().unwrap() {
        for payload in payloads.as_array().unwrap() {
            let trip = CRATE::registry::round_trip_value(schema_name, payload)
                .unwrap_or_else(|e| panic!("{schema_name}: {e}"));
            assert_eq!(&trip.json, payload, "{schema_name}: the round trip changed the payload");
            let decoded_again = CRATE::registry::round_trip_value(schema_name, &trip.json).unwrap();
            assert_eq!(decoded_again.json, trip.json, "{schema_name}: not stable");
            let not_understood: Vec<&str> = trip
                .notes
                .iter()
                .filter(|n| n.what.starts_with("unknown property"))
                .map(|n| n.path.as_str())
                .filter(|path| !path.contains("unknown-"))
                .collect();
            assert!(not_understood.is_empty(), "{schema_name}: not understood: {not_understood:?}");
        }
    }
}
"#;

#[test]
fn generated_hostile_crates_compile_and_round_trip_their_samples() {
    let root = workspace_root();
    let scratch = root.join("target/callgen-hostile-check");
    let mut members = Vec::new();
    for (stem, schema) in schemas() {
        let samples = hostile_dir().join(format!("{stem}.samples.json"));
        let Ok(document) = read_schema(&schema) else {
            continue;
        };
        let name = format!("hostile-{stem}");
        let Ok(generated) = generate_files_with(&document, &emit_config(&name)) else {
            assert!(
                !samples.exists(),
                "{stem} has samples but does not generate"
            );
            continue;
        };
        assert!(samples.exists(), "{stem} generates but has no samples");
        let mut files: Vec<(PathBuf, Vec<u8>)> = generated
            .files
            .into_iter()
            .map(|f| (f.path, f.contents.into_bytes()))
            .collect();
        let crate_ident = name.replace('-', "_");
        files.push((
            "tests/samples.rs".into(),
            SAMPLES_TEST.replace("CRATE", &crate_ident).into_bytes(),
        ));
        files.push((
            "tests/samples.json".into(),
            std::fs::read(&samples).unwrap(),
        ));
        callgen::write::write_dir_atomically(&scratch.join(&name), &files).unwrap();
        members.push(name);
    }
    assert!(
        members.len() >= 7,
        "only {} hostile crates generated",
        members.len()
    );
    write_workspace_manifest(&scratch, &members, "0.0.0");
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--workspace", "--tests"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "hostile crates do not build or round-trip:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let passed = stdout.matches("test samples_round_trip ... ok").count();
    assert_eq!(
        passed,
        members.len(),
        "every crate's samples ran:\n{stdout}"
    );
}
