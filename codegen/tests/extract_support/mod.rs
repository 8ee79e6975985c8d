//! Helpers shared by the extractor's integration tests: where the corpora
//! and the workspace are, running an extraction, and comparing document
//! structures.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use callgen::diag::Diagnostics;
use callgen::extract::{ExtractConfig, Extraction, extract};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The committed schema's path.
pub fn committed_schema_path() -> PathBuf {
    workspace_root().join("schema/graph-calls.beta.json")
}

/// The committed schema, parsed.
pub fn committed_schema() -> Value {
    let text = std::fs::read_to_string(committed_schema_path())
        .expect("schema/graph-calls.beta.json is committed");
    serde_json::from_str(&text).expect("the committed schema is JSON")
}

/// The corpora folder: `GRAPH_DOCS_DIR`, else `../shared/graph-docs` seen
/// from the workspace root. `None` (after saying so) when it is absent and
/// `CALLGEN_REQUIRE_CORPUS=1` is not set; a failure when it is.
pub fn corpus_root() -> Option<PathBuf> {
    let root = std::env::var_os("GRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"));
    if root.is_dir() {
        return Some(root);
    }
    let required = std::env::var("CALLGEN_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "CALLGEN_REQUIRE_CORPUS=1 but there is no docs corpus at {}",
        root.display()
    );
    eprintln!(
        "skipping: no docs corpus at {} (set GRAPH_DOCS_DIR)",
        root.display()
    );
    None
}

/// Extracts with the default roots from `docs`.
pub fn extract_docs(docs: &Path, roots: &[&str]) -> (Extraction, Diagnostics) {
    let config = ExtractConfig {
        docs: Some(docs.to_path_buf()),
        roots: roots.iter().map(|r| r.to_string()).collect(),
    };
    let mut diags = Diagnostics::new();
    let extraction = extract(&config, &mut diags)
        .unwrap_or_else(|e| panic!("extraction from {} failed: {e}", docs.display()));
    (extraction, diags)
}

/// The structure of a document: descriptions, summaries and provenance
/// lines removed (they differ between a page and its translation).
pub fn structure(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let kept: Map<String, Value> = map
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "description" | "summary"))
                .map(|(key, item)| {
                    let item = if key == "x-callgen-source" {
                        without_line(item)
                    } else {
                        structure(item)
                    };
                    (key.clone(), item)
                })
                .collect();
            Value::Object(kept)
        }
        Value::Array(items) => Value::Array(items.iter().map(structure).collect()),
        other => other.clone(),
    }
}

fn without_line(source: &Value) -> Value {
    match source {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "line")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Where two JSON values differ, as `(JSON pointer, kind)` with kinds
/// `only-left`, `only-right`, `differs` and `order`.
pub fn differences(left: &Value, right: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    diff_into(left, right, String::new(), &mut out);
    out
}

fn diff_into(left: &Value, right: &Value, pointer: String, out: &mut Vec<(String, String)>) {
    match (left, right) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let child = format!("{pointer}/{}", escape(key));
                match b.get(key) {
                    Some(other) => diff_into(value, other, child, out),
                    None => out.push((child, "only-left".into())),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push((format!("{pointer}/{}", escape(key)), "only-right".into()));
            }
            let common_a: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
            let common_b: Vec<&String> = b.keys().filter(|k| a.contains_key(*k)).collect();
            if common_a != common_b {
                out.push((pointer, "order".into()));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                diff_into(x, y, format!("{pointer}/{index}"), out);
            }
        }
        (a, b) if a == b => {}
        _ => out.push((pointer, "differs".into())),
    }
}

/// JSON pointer escaping (`~` -> `~0`, `/` -> `~1`).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
