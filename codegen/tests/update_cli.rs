//! `callgen update` moves a workspace's committed schema to another docs
//! tree in one step: schema, docs-tree record and generated crate written,
//! the changelog as Markdown, exit code 3 when something breaks; nothing
//! written when the docs cannot be extracted.

use callgen::source::SchemaSource;
use std::path::Path;
use std::process::Command;

mod extract_support;
use extract_support::{committed_schema_path, corpus_root, workspace_root};

/// A scratch workspace holding a copy of the committed schema.
fn scratch_workspace() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("schema")).unwrap();
    std::fs::copy(
        committed_schema_path(),
        root.path().join("schema/graph-calls.beta.json"),
    )
    .unwrap();
    std::fs::write(root.path().join("Cargo.toml"), "[workspace]\n").unwrap();
    root
}

fn run_update(root: &Path, docs: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_callgen"))
        .args(["update", "--docs"])
        .arg(docs)
        .current_dir(root)
        .output()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn update_moves_the_schema_and_says_whether_it_breaks() {
    let Some(corpus) = corpus_root() else { return };
    let root = scratch_workspace();
    let older = run_update(root.path(), &corpus.join("en-2019-09"));
    let stdout = String::from_utf8_lossy(&older.stdout);
    assert_eq!(older.status.code(), Some(3), "breaking: {stdout}");
    assert_eq!(
        SchemaSource::read(root.path()).unwrap().docs_tree,
        "en-2019-09"
    );
    let changelog = read(&root.path().join("target/schema-changelog.md"));
    assert!(changelog.starts_with("## Schema changes: "), "{changelog}");
    assert!(changelog.contains("### Breaking ("), "{changelog}");
    assert!(root.path().join("generated/src/lib.rs").is_file());

    // Back to the tree the committed schema comes from: the same schema
    // and the same crate as committed.
    let committed_tree = SchemaSource::read(&workspace_root()).unwrap().docs_tree;
    let newer = run_update(root.path(), &corpus.join(&committed_tree));
    let stdout = String::from_utf8_lossy(&newer.stdout);
    assert_eq!(
        newer.status.code(),
        Some(3),
        "2019 -> today breaks: {stdout}"
    );
    assert!(stdout.contains("left to review:"), "{stdout}");
    assert_eq!(
        read(&root.path().join("schema/graph-calls.beta.json")),
        read(&committed_schema_path())
    );
    for file in ["src/lib.rs", "src/models/call.rs", "Cargo.toml"] {
        assert_eq!(
            read(&root.path().join("generated").join(file)),
            read(&workspace_root().join("generated").join(file)),
            "{file}"
        );
    }

    // The same tree again: nothing changes, nothing breaks.
    let again = run_update(root.path(), &corpus.join(&committed_tree));
    assert_eq!(again.status.code(), Some(0));
    assert!(
        read(&root.path().join("target/schema-changelog.md"))
            .starts_with("## Schema changes: 0 changes, 0 breaking"),
    );
}

#[test]
fn nothing_is_written_when_the_docs_cannot_be_read() {
    let root = scratch_workspace();
    let before = read(&root.path().join("schema/graph-calls.beta.json"));
    let output = run_update(root.path(), &root.path().join("no-such-tree"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-tree"), "{stderr}");
    assert_eq!(
        read(&root.path().join("schema/graph-calls.beta.json")),
        before
    );
    assert!(!root.path().join("schema/source.json").exists());
    assert!(!root.path().join("generated").exists());
}
