//! Shared helpers for the conformance tests: where the schema and the docs
//! corpora are, how one documented example is round-tripped through the
//! generated bindings, and how the result is rendered for a snapshot.
//!
//! The round trip goes through `graph_calls::registry` by schema type name,
//! so any example whose type the IR knows can be checked without naming Rust
//! types here. This crate knows nothing of how the bindings are generated.

pub mod exceptions;

use callgen::ir::{Example, ExampleUse, Ir, TypeRef};
use serde_json::Value;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The committed schema document.
pub fn committed_schema() -> Value {
    let path = workspace_root().join(callgen::generate::DEFAULT_SCHEMA);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The docs corpora folder (`GRAPH_DOCS_DIR`, default `../shared/graph-docs`
/// next to the workspace), or `None` when it is absent and not required.
/// Panics when absent and `CALLGEN_REQUIRE_CORPUS=1`.
pub fn docs_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CALLGEN_REQUIRE_CORPUS").as_deref() == Ok("1") {
        panic!(
            "the docs corpora are required but {} is missing",
            dir.display()
        );
    }
    eprintln!("skipping: the docs corpora are not at {}", dir.display());
    None
}

/// The registry name of the type an example is read as: the schema name of
/// a named type. Examples of arrays or scalars have none.
pub fn registry_name<'a>(ir: &'a Ir, ty: Option<&TypeRef>) -> Option<&'a str> {
    match ty? {
        TypeRef::Named(id) => Some(ir.get(*id).schema_name.as_str()),
        _ => None,
    }
}

/// What happened to one example.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Read, written back, and equal to the documented JSON.
    RoundTripped {
        /// The Rust type read into.
        rust_type: &'static str,
        /// What was understood (`$.mediaConfig: AnyMediaConfig::...`).
        notes: Vec<String>,
        /// The JSON written back.
        json: Value,
    },
    /// Read and written back, but different from the documented JSON.
    Changed {
        /// The Rust type read into.
        rust_type: &'static str,
        /// The JSON written back.
        json: Value,
    },
    /// Could not be read (or has no type to read it as).
    Failed {
        /// Why.
        error: String,
    },
}

impl Outcome {
    /// Whether the example survived the round trip unchanged.
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::RoundTripped { .. })
    }
}

/// Round-trips the example's JSON through the type named `schema_name`.
pub fn round_trip(schema_name: Option<&str>, value: &Value) -> Outcome {
    let Some(schema_name) = schema_name else {
        return Outcome::Failed {
            error: "the schema gives no named type for this example".to_owned(),
        };
    };
    match graph_calls::registry::round_trip_value(schema_name, value) {
        Err(error) => Outcome::Failed {
            error: error.to_string(),
        },
        Ok(result) if &result.json == value => Outcome::RoundTripped {
            rust_type: result.rust_type,
            notes: result
                .notes
                .iter()
                .map(|n| format!("{}: {}", n.path, n.what))
                .collect(),
            json: result.json,
        },
        Ok(result) => Outcome::Changed {
            rust_type: result.rust_type,
            json: result.json,
        },
    }
}

/// One checked example with where it came from.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The page, relative to the docs root.
    pub page: String,
    /// The first line of the JSON on the page.
    pub line: u64,
    /// What the example documents (`call.mute request`).
    pub context: String,
    /// The schema type name it was read as.
    pub schema_name: Option<String>,
    /// The example.
    pub example: Example,
    /// The result.
    pub outcome: Outcome,
}

/// Checks every example of `ir`.
pub fn check_all(ir: &Ir) -> Vec<Checked> {
    check_with(ir, |use_| {
        registry_name(ir, use_.ty.as_ref()).map(str::to_owned)
    })
}

/// Checks every example of `ir`, each read as the type `resolve` names.
fn check_with(ir: &Ir, resolve: impl Fn(&ExampleUse) -> Option<String>) -> Vec<Checked> {
    ir.examples()
        .into_iter()
        .map(|use_| {
            let schema_name = resolve(&use_);
            let outcome = round_trip(schema_name.as_deref(), &use_.example.value);
            Checked {
                page: use_.example.page.clone().unwrap_or_default(),
                line: use_.example.line.unwrap_or(0),
                context: use_.context,
                schema_name,
                example: use_.example.clone(),
                outcome,
            }
        })
        .collect()
}

/// Renders the examples of one page for a snapshot: the type and members
/// chosen and the JSON written back, or the failure.
pub fn render_page(checked: &[&Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        let _ = writeln!(
            out,
            "## line {}: {} ({})",
            c.line, c.context, c.example.name
        );
        if let Some(summary) = &c.example.summary {
            let _ = writeln!(out, "summary: {summary}");
        }
        if c.example.truncated {
            let _ = writeln!(out, "truncated in the docs");
        }
        match &c.outcome {
            Outcome::RoundTripped {
                rust_type,
                notes,
                json,
            } => {
                let _ = writeln!(
                    out,
                    "read as: {} = {rust_type}",
                    c.schema_name.as_deref().unwrap_or("?")
                );
                for note in notes {
                    let _ = writeln!(out, "  {note}");
                }
                let _ = writeln!(out, "{}", pretty(json));
            }
            Outcome::Changed { rust_type, json } => {
                let _ = writeln!(
                    out,
                    "CHANGED by {rust_type}, written back as:\n{}",
                    pretty(json)
                );
            }
            Outcome::Failed { error } => {
                let _ = writeln!(out, "FAILED: {error}");
            }
        }
        out.push('\n');
    }
    out
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("<{e}>"))
}

/// A snapshot name for a page: its file stem, with `/` and `.` made safe.
pub fn page_snapshot_name(prefix: &str, page: &str) -> String {
    let stem = page
        .rsplit('/')
        .next()
        .unwrap_or(page)
        .trim_end_matches(".md");
    let parent = page.rsplit('/').nth(1).unwrap_or("");
    format!("{prefix}__{parent}__{stem}").replace(['.', ' '], "_")
}

/// The corpora checked, with their paths relative to the docs folder; the
/// seed page lives beside the docs folder.
pub const CORPORA: &[(&str, &str)] = &[
    ("en-2021-07", "en-2021-07"),
    ("en-2019-09", "en-2019-09"),
    ("zh-CN-2019-09", "zh-CN-2019-09"),
    ("seed", "../seed/create-call.zh-CN.sxs.md"),
];

/// Extracts the corpus at `path` (a docs tree or one page) with the default
/// roots and returns its IR.
pub fn corpus_ir(path: &Path) -> Ir {
    let config = callgen::extract::ExtractConfig {
        docs: Some(path.to_path_buf()),
        roots: Vec::new(),
    };
    let mut diags = callgen::diag::Diagnostics::new();
    let extraction = callgen::extract::extract(&config, &mut diags)
        .unwrap_or_else(|e| panic!("cannot extract {}: {e}", path.display()));
    callgen::ir::from_openapi(&extraction.document).unwrap_or_else(|e| {
        panic!(
            "the schema extracted from {} has problems: {e}",
            path.display()
        )
    })
}

/// Checks every example of a corpus against the current bindings. Each is
/// read as the type the current schema gives the same thing: the same
/// resource type, or the body of the same operation (under its current name
/// when the docs renamed it, see [`exceptions::OPERATION_RENAMES`]).
pub fn check_corpus(current: &Ir, corpus: &Ir) -> Vec<Checked> {
    check_with(corpus, |use_| {
        let role = exceptions::current_role(&use_.role);
        registry_name(current, current.type_for(&role).as_ref()).map(str::to_owned)
    })
}
