//! `callgen check` on temporary copies of the committed schema and crate:
//! a fresh copy passes, a deliberately stale file (changed, missing, extra,
//! or a schema the docs no longer give) fails and is named.

use callgen::check::{CheckConfig, CheckReport, DifferenceKind, check, render_report};
use callgen::generate::default_emit_config;
use std::path::{Path, PathBuf};
use std::process::Command;

mod extract_support;
use extract_support::{corpus_root, workspace_root};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary copy of `schema/` and `generated/`.
struct Copy {
    _dir: tempfile::TempDir,
    schema: PathBuf,
    generated: PathBuf,
}

fn committed_copy() -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let root = workspace_root();
    let schema = dir.path().join("schema/graph-calls.beta.json");
    std::fs::create_dir_all(schema.parent().unwrap()).unwrap();
    std::fs::copy(root.join("schema/graph-calls.beta.json"), &schema).unwrap();
    let generated = dir.path().join("generated");
    copy_dir(&root.join("generated"), &generated);
    Copy {
        _dir: dir,
        schema,
        generated,
    }
}

fn config(copy: &Copy, docs: Option<PathBuf>) -> CheckConfig {
    CheckConfig {
        docs,
        schema: copy.schema.clone(),
        generated: copy.generated.clone(),
        emit: default_emit_config(),
    }
}

/// Edits the schema file as if the docs had not documented `call.callChainId`.
fn remove_call_chain_id(path: &Path) {
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let properties = schema
        .pointer_mut("/components/schemas/microsoft.graph.call/properties")
        .and_then(|p| p.as_object_mut())
        .unwrap();
    assert!(properties.shift_remove("callChainId").is_some());
    std::fs::write(path, serde_json::to_string_pretty(&schema).unwrap() + "\n").unwrap();
}

fn kinds(report: &CheckReport) -> Vec<(DifferenceKind, PathBuf)> {
    report
        .differences
        .iter()
        .map(|d| (d.kind, d.path.clone()))
        .collect()
}

#[test]
fn a_fresh_copy_of_the_committed_crate_is_up_to_date() {
    let copy = committed_copy();
    let config = config(&copy, None);
    let report = check(&config).unwrap();
    assert!(report.is_up_to_date(), "{:#?}", report.differences);
    let rendered = render_report(&report, &config, &[]);
    assert!(rendered.starts_with("check: up to date: "), "{rendered}");
    assert_eq!(rendered.lines().count(), 1, "{rendered}");
}

#[test]
fn a_changed_a_missing_and_an_extra_file_are_each_reported() {
    let copy = committed_copy();
    let call = copy.generated.join("src/models/call.rs");
    let text = std::fs::read_to_string(&call).unwrap();
    let edited = text.replacen(
        "pub struct Call {",
        "pub struct Call {\n    pub edited_by_hand: u8,",
        1,
    );
    assert_ne!(
        text, edited,
        "the committed call.rs declares `pub struct Call {{`"
    );
    std::fs::write(&call, edited).unwrap();
    std::fs::remove_file(copy.generated.join("src/models/tone.rs")).unwrap();
    std::fs::write(copy.generated.join("src/stray.rs"), "// not generated\n").unwrap();

    let config = config(&copy, None);
    let report = check(&config).unwrap();
    assert_eq!(
        kinds(&report),
        vec![
            (DifferenceKind::Changed, call.clone()),
            (
                DifferenceKind::Missing,
                copy.generated.join("src/models/tone.rs")
            ),
            (
                DifferenceKind::NotGenerated,
                copy.generated.join("src/stray.rs")
            ),
        ]
    );
    let changed = &report.differences[0];
    assert_eq!((changed.lines_added, changed.lines_removed), (0, 1));
    assert!(
        changed
            .excerpt
            .iter()
            .any(|l| l == "-    pub edited_by_hand: u8,"),
        "{:#?}",
        changed.excerpt
    );
    let rendered = render_report(&report, &config, &["cargo run --release".to_owned()]);
    assert!(
        rendered.starts_with("check: stale: 3 files differ"),
        "{rendered}"
    );
    assert!(rendered.contains("missing  "), "{rendered}");
    assert!(rendered.contains("extra    "), "{rendered}");
    assert!(
        rendered.ends_with("refresh with: cargo run --release\n"),
        "{rendered}"
    );
}

#[test]
fn a_schema_edited_by_hand_makes_the_crate_stale() {
    let copy = committed_copy();
    remove_call_chain_id(&copy.schema);

    let report = check(&config(&copy, None)).unwrap();
    let paths: Vec<PathBuf> = report.differences.iter().map(|d| d.path.clone()).collect();
    assert!(
        paths.contains(&copy.generated.join("src/models/call.rs")),
        "{paths:#?}"
    );
    assert!(
        !paths.contains(&copy.schema),
        "without --docs the schema is the input"
    );
}

#[test]
fn with_docs_a_stale_schema_is_reported_with_its_changelog_counts() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let source = callgen::source::SchemaSource::read(&workspace_root()).unwrap();
    let docs = source.docs_dir(&corpus);
    let copy = committed_copy();
    let fresh = check(&config(&copy, Some(docs.clone()))).unwrap();
    assert!(fresh.is_up_to_date(), "{:#?}", fresh.differences);
    let facts = fresh.extraction.unwrap();
    assert!(facts.summary.types > 0 && facts.summary.operations > 0);

    remove_call_chain_id(&copy.schema);
    let report = check(&config(&copy, Some(docs))).unwrap();
    assert_eq!(
        kinds(&report),
        vec![(DifferenceKind::Changed, copy.schema.clone())],
        "the crate is compared with what the re-extracted schema generates, which the copy still is"
    );
    let changes = report.schema_changes.unwrap();
    assert_eq!((changes.total, changes.breaking), (1, 0), "{changes:?}");
    assert_eq!(changes.by_kind["property-added"].total, 1, "{changes:?}");
    let excerpt = &report.differences[0].excerpt;
    assert!(excerpt[0].starts_with("@@ -"), "{excerpt:#?}");
    assert!(excerpt.iter().any(|l| l.starts_with('+')), "{excerpt:#?}");
}

#[test]
fn the_command_exits_zero_when_up_to_date_and_one_when_stale() {
    let copy = committed_copy();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_callgen"))
            .arg("check")
            .arg("--schema")
            .arg(&copy.schema)
            .arg("--generated")
            .arg(&copy.generated)
            .output()
            .unwrap()
    };
    let output = run();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.starts_with("check: up to date: "), "{stdout}");

    std::fs::write(copy.generated.join("README.md"), "stale\n").unwrap();
    let output = run();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("check: stale: 1 file differs"),
        "{stdout}"
    );
    assert!(stdout.contains("README.md"), "{stdout}");
}

#[test]
fn an_unreadable_schema_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.json");
    std::fs::write(&schema, "{ not json").unwrap();
    let config = CheckConfig {
        docs: None,
        schema: schema.clone(),
        generated: dir.path().join("generated"),
        emit: default_emit_config(),
    };
    let error = check(&config).unwrap_err().to_string();
    assert!(error.contains("schema.json"), "{error}");
}
