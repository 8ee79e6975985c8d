//! `callgen extract` as a user runs it: diagnostics on stderr, a summary
//! line, the output file, and exit codes (warnings pass unless
//! `--deny-warnings`; a missing root or docs tree fails).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(case)
}

fn callgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callgen"))
        .args(args)
        .output()
        .expect("the callgen binary runs")
}

#[test]
fn warnings_are_printed_and_the_document_written() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("schema.json");
    let docs = fixture("messy");
    let output = callgen(&[
        "extract",
        "--docs",
        docs.to_str().unwrap(),
        "--root",
        "meeting",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("api-reference/beta/resources/meeting.md:14: warning[table-json-mismatch]: meeting.owner"),
        "{stderr}"
    );
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("extract: 3 types, 1 enums, 0 operations, 0 examples,")
            && summary.contains(" warnings -> "),
        "{summary}"
    );
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
}

#[test]
fn deny_warnings_fails_on_a_warning_and_passes_without_one() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("schema.json");
    let messy = fixture("messy");
    let denied = callgen(&[
        "extract",
        "--docs",
        messy.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--root",
        "meeting",
        "--deny-warnings",
    ]);
    assert_eq!(denied.status.code(), Some(1));
    let clean = fixture("family");
    let passed = callgen(&[
        "extract",
        "--docs",
        clean.to_str().unwrap(),
        "--root",
        "part",
        "--out",
        out.to_str().unwrap(),
        "--deny-warnings",
    ]);
    assert!(
        passed.status.success(),
        "{}",
        String::from_utf8_lossy(&passed.stderr)
    );
}

#[test]
fn a_missing_root_or_docs_tree_is_an_error_and_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("schema.json");
    let docs = fixture("family");
    let missing_root = callgen(&[
        "extract",
        "--docs",
        docs.to_str().unwrap(),
        "--root",
        "noSuchType",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing_root.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing_root.stderr).contains("root `noSuchType`"));
    let missing_docs = callgen(&[
        "extract",
        "--docs",
        "/no/such/docs",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing_docs.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing_docs.stderr).contains("/no/such/docs"));
    assert!(!out.exists());
}

#[test]
fn help_explains_the_subcommand() {
    let output = callgen(&["extract", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--docs",
        "--root",
        "--all-pages",
        "--out",
        "--deny-warnings",
    ] {
        assert!(help.contains(flag), "{help}");
    }
}

#[test]
fn all_pages_makes_every_resource_and_method_page_a_root() {
    let out_dir = tempfile::tempdir().unwrap();
    let docs = fixture("family");
    let all = out_dir.path().join("all.json");
    let output = callgen(&[
        "extract",
        "--docs",
        docs.to_str().unwrap(),
        "--all-pages",
        "--out",
        all.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let roots = callgen::extract::all_pages::every_page_root(&docs).unwrap();
    assert!(roots.len() > 1, "{roots:?}");
    let listed = out_dir.path().join("listed.json");
    let mut args = vec!["extract", "--docs", docs.to_str().unwrap()];
    for root in &roots {
        args.extend(["--root", root.as_str()]);
    }
    args.extend(["--out", listed.to_str().unwrap()]);
    let output = callgen(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&all).unwrap(),
        std::fs::read_to_string(&listed).unwrap()
    );

    let both = callgen(&[
        "extract",
        "--docs",
        docs.to_str().unwrap(),
        "--all-pages",
        "--root",
        "call",
        "--out",
        all.to_str().unwrap(),
    ]);
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("--all-pages"));
}
