//! A later beta, regenerated: the `en-2021-07` docs tree grown the way
//! betas grow (pages written for the project in
//! `fixtures/future-beta/api-reference/`, and lines inserted into copies of
//! `call.md` and `enums.md` as `fixtures/future-beta/patches.json` says)
//! must extract and generate without any fallback to untyped JSON, and
//! everything hand-written that uses the generated crate (the examples, the
//! README's code, `docs/make-a-call.rs`) must build and pass against the
//! regenerated crate, in a copy of the workspace, without any edit.
//!
//! The copy lives in `target/future-beta/workspace` and builds into
//! `target/future-beta/target`; files are rewritten only when their content
//! changes, so a rerun is incremental.

mod extract_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use callgen::extract::{Extraction, document_text};
use callgen::generate::{GeneratedCrate, generate_files};
use extract_support::{corpus_root, extract_docs, workspace_root};
use serde::Deserialize;
use serde_json::Value;

const FIXTURE: &str = "codegen/tests/fixtures/future-beta";

/// What the workspace copy holds besides `generated/` and `schema/`: the
/// hand-written crates and files that use or build the generated crate
/// (benches only so that the workspace manifest's members all exist).
const COPIED: [&str; 12] = [
    "Cargo.toml",
    "Cargo.lock",
    "README.md",
    "codegen/Cargo.toml",
    "codegen/src",
    "runtime",
    "client",
    "tests",
    "examples",
    "docs",
    "benches",
    "state",
];

/// The decoding test written into the copy, beside the callback example's
/// own tests.
const DECODING_TEST: &str = "examples/callback-bot/tests/future_beta_decoding.rs";

#[test]
fn a_later_beta_regenerates_and_the_workspace_builds_unchanged() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let root = workspace_root();
    let docs = tempfile::tempdir().unwrap();
    write_future_docs(&corpus.join("en-2021-07"), docs.path(), &root.join(FIXTURE));

    let (extraction, diags) = extract_docs(docs.path(), &[]);
    let untyped: Vec<String> = diags
        .iter()
        .filter(|d| d.code.contains("untyped"))
        .map(ToString::to_string)
        .collect();
    assert!(untyped.is_empty(), "extraction fell back: {untyped:#?}");
    assert_future_schema(&extraction.document);

    let generated = generate_files(&extraction.document).unwrap();
    let untyped: Vec<&String> = generated
        .warnings
        .iter()
        .filter(|w| w.starts_with("[untyped]"))
        .collect();
    assert!(untyped.is_empty(), "generation fell back: {untyped:#?}");

    let scratch = root.join("target/future-beta");
    let workspace = scratch.join("workspace");
    sync_workspace(&root, &workspace, &extraction, &generated);
    let target = scratch.join("target");
    cargo(
        &workspace,
        &target,
        &corpus,
        &[
            "test",
            "-p",
            "callback-bot",
            "-p",
            "build-script-example",
            "-p",
            "graph-calls-state",
        ],
    );
    cargo(
        &workspace,
        &target,
        &corpus,
        &[
            "test",
            "-p",
            "callgen-conformance",
            "--test",
            "http_make_a_call",
        ],
    );
}

#[test]
fn the_fixture_pages_add_no_docs_warning() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let root = workspace_root();
    let docs = tempfile::tempdir().unwrap();
    write_future_docs(&corpus.join("en-2021-07"), docs.path(), &root.join(FIXTURE));
    let (_, before) = extract_docs(&corpus.join("en-2021-07"), &[]);
    let (_, after) = extract_docs(docs.path(), &[]);
    let known: Vec<(String, String)> = before.iter().map(warning_key).collect();
    let added: Vec<String> = after
        .iter()
        .filter(|d| !known.contains(&warning_key(d)))
        .map(ToString::to_string)
        .collect();
    assert!(
        added.is_empty(),
        "the future pages and patches gave new warnings: {added:#?}"
    );
}

/// A warning without its line (the patches move lines of `call.md`).
fn warning_key(diagnostic: &callgen::diag::Diagnostic) -> (String, String) {
    let file = diagnostic.location.file.display().to_string();
    (file, format!("{}: {}", diagnostic.code, diagnostic.message))
}

// ---------------------------------------------------------------------------
// The future docs tree

/// `patches.json`: edits of copies of existing pages.
#[derive(Deserialize)]
struct Patches {
    patches: Vec<Patch>,
}

/// An edit of the one line of `page` that starts with `at` (leading spaces
/// ignored): `insert_after` lines go right after it, `replace` changes a
/// text within it.
#[derive(Deserialize)]
struct Patch {
    page: String,
    at: String,
    #[serde(default)]
    insert_after: Vec<String>,
    #[serde(default)]
    replace: Option<(String, String)>,
}

/// Copies `base` to `out`, adds the fixture's pages and applies its patches.
fn write_future_docs(base: &Path, out: &Path, fixture: &Path) {
    for (relative, bytes) in tree_files(base) {
        write_file(&out.join(relative), &bytes);
    }
    for (relative, bytes) in tree_files(&fixture.join("api-reference")) {
        let page = out.join("api-reference").join(relative);
        assert!(!page.exists(), "{} is not a new page", page.display());
        write_file(&page, &bytes);
    }
    let text = std::fs::read_to_string(fixture.join("patches.json")).unwrap();
    let patches: Patches = serde_json::from_str(&text).unwrap();
    for patch in &patches.patches {
        apply(&out.join(&patch.page), patch);
    }
}

fn apply(page: &Path, patch: &Patch) {
    let text = std::fs::read_to_string(page).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with(&patch.at))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{}: the anchor {:?} must start exactly one line",
        page.display(),
        patch.at
    );
    let at = found[0];
    if let Some((old, new)) = &patch.replace {
        assert!(
            lines[at].contains(old.as_str()),
            "{}:{}: no {old:?}",
            page.display(),
            at + 1
        );
        lines[at] = lines[at].replace(old.as_str(), new);
    }
    lines.splice(at + 1..at + 1, patch.insert_after.iter().cloned());
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    std::fs::write(page, lines.join(newline) + newline).unwrap();
}

// ---------------------------------------------------------------------------
// What the schema must hold

fn assert_future_schema(document: &Value) {
    let schemas = &document["components"]["schemas"];
    let operation = &schemas["microsoft.graph.addLargeGalleryViewOperation"];
    assert_eq!(
        operation["allOf"][0]["$ref"], "#/components/schemas/microsoft.graph.commsOperation",
        "the new operation derives from commsOperation: {operation:#}"
    );
    assert!(operation["properties"]["viewParticipantId"].is_object());
    let mapping = &schemas["microsoft.graph.commsOperation"]["discriminator"]["mapping"];
    assert!(mapping["#microsoft.graph.addLargeGalleryViewOperation"].is_string());

    assert!(
        schemas["microsoft.graph.contentSharingSession"]["properties"]["sharerParticipantId"]
            .is_object()
    );
    assert_eq!(
        schemas["microsoft.graph.call"]["properties"]["callOptions"]["$ref"],
        "#/components/schemas/microsoft.graph.callOptions"
    );
    assert!(
        schemas["microsoft.graph.callOptions"]["properties"]["hideBotAfterEscalation"].is_object()
    );

    let states = schemas["microsoft.graph.callState"]["enum"]
        .as_array()
        .unwrap();
    assert!(states.contains(&Value::from("parked")), "{states:?}");

    let action = &document["paths"]["/communications/calls/{call-id}/addLargeGalleryView"]["post"];
    assert_eq!(action["operationId"], "call.addLargeGalleryView");
    assert!(
        response_refers_to(action, "addLargeGalleryViewOperation"),
        "{action:#}"
    );

    let data = &schemas["microsoft.graph.commsNotification"]["properties"]["resourceData"];
    let members = data["anyOf"].as_array().unwrap();
    let sessions = members.iter().any(|m| {
        m["items"]["$ref"] == "#/components/schemas/microsoft.graph.contentSharingSession"
    });
    assert!(
        sessions,
        "resourceData takes a contentSharingSession collection: {data:#}"
    );
}

fn response_refers_to(operation: &Value, name: &str) -> bool {
    let wanted = format!("#/components/schemas/microsoft.graph.{name}");
    let Some(responses) = operation["responses"].as_object() else {
        return false;
    };
    responses
        .values()
        .any(|r| r["content"]["application/json"]["schema"]["$ref"] == wanted.as_str())
}

// ---------------------------------------------------------------------------
// The workspace copy

/// Brings `workspace` to: the copied hand-written files, the regenerated
/// crate, the future schema and the decoding test; files whose content is
/// already right are left alone, files no longer wanted are removed.
fn sync_workspace(
    root: &Path,
    workspace: &Path,
    extraction: &Extraction,
    generated: &GeneratedCrate,
) {
    let mut wanted: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for item in COPIED {
        let source = root.join(item);
        if source.is_dir() {
            for (relative, bytes) in tree_files(&source) {
                wanted.insert(Path::new(item).join(relative), bytes);
            }
        } else {
            wanted.insert(PathBuf::from(item), std::fs::read(&source).unwrap());
        }
    }
    for file in &generated.files {
        let path = Path::new("generated").join(&file.path);
        wanted.insert(path, file.contents.clone().into_bytes());
    }
    let schema = document_text(extraction).into_bytes();
    wanted.insert(PathBuf::from("schema/graph-calls.beta.json"), schema);
    let decoding = std::fs::read(root.join(FIXTURE).join("future_beta_decoding.rs")).unwrap();
    wanted.insert(PathBuf::from(DECODING_TEST), decoding);

    for relative in tree_paths(workspace) {
        if !wanted.contains_key(&relative) {
            std::fs::remove_file(workspace.join(&relative)).unwrap();
        }
    }
    for (relative, bytes) in &wanted {
        let path = workspace.join(relative);
        if std::fs::read(&path).ok().as_ref() != Some(bytes) {
            write_file(&path, bytes);
        }
    }
}

/// Runs cargo in the workspace copy, offline, with the real lock file.
fn cargo(workspace: &Path, target: &Path, corpus: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .arg(args[0])
        .args(["--offline", "--locked"])
        .args(&args[1..])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env("GRAPH_DOCS_DIR", corpus)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`cargo {}` fails against the future crate:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------
// Files

/// Every file under `dir` (relative path, contents), skipping `target/`.
fn tree_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    tree_paths(dir)
        .into_iter()
        .map(|relative| {
            let bytes = std::fs::read(dir.join(&relative)).unwrap();
            (relative, bytes)
        })
        .collect()
}

/// Every file under `dir` as a relative path, skipping `target/`; none
/// when `dir` does not exist.
fn tree_paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.is_dir() {
        collect(dir, Path::new(""), &mut out);
    }
    out
}

fn collect(dir: &Path, relative: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir.join(relative))
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = relative.join(entry.file_name());
        if !entry.file_type().unwrap().is_dir() {
            out.push(name);
        } else if entry.file_name() != "target" {
            collect(dir, &name, out);
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}
