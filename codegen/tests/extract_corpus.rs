//! The extractor over the real documentation corpora: the committed schema
//! is up to date, the closure matches the curated page list, the zh-CN
//! pages give the English structure, the seed page alone gives the
//! create-call operation. Skipped when the corpora are absent, unless
//! `CALLGEN_REQUIRE_CORPUS=1`.

mod extract_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use callgen::extract::document_text;
use extract_support::{
    committed_schema_path, corpus_root, differences, extract_docs, structure, workspace_root,
};

#[test]
fn committed_schema_is_up_to_date() {
    let Some(corpus) = corpus_root() else { return };
    // The docs tree the committed schema comes from is recorded in one place.
    let source = callgen::source::SchemaSource::read(&workspace_root()).unwrap();
    let (extraction, _) = extract_docs(&source.docs_dir(&corpus), &[]);
    let fresh = document_text(&extraction);
    let path = committed_schema_path();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if fresh == committed {
        return;
    }
    if std::env::var("CALLGEN_UPDATE_SCHEMA").is_ok_and(|v| v == "1")
        && std::env::var_os("CI").is_none()
    {
        callgen::write::write_file_atomically(&path, fresh.as_bytes()).unwrap();
        eprintln!("rewrote {}", path.display());
        return;
    }
    let first_difference = fresh
        .lines()
        .zip(committed.lines())
        .position(|(a, b)| a != b)
        .map_or_else(
            || "at the end".to_string(),
            |i| format!("at line {}", i + 1),
        );
    panic!(
        "schema/graph-calls.beta.json differs from a fresh extraction of `{}` ({first_difference}); \
         refresh it from the workspace root with:\n    \
         cargo run --release -- extract --docs ../shared/graph-docs/{} --out schema/graph-calls.beta.json\n\
         (or run the tests with CALLGEN_UPDATE_SCHEMA=1)",
        source.docs_tree, source.docs_tree
    );
}

#[test]
fn extraction_is_deterministic() {
    let Some(corpus) = corpus_root() else { return };
    let (first, _) = extract_docs(&corpus.join("en-2021-07"), &[]);
    let (second, _) = extract_docs(&corpus.join("en-2021-07"), &[]);
    assert_eq!(document_text(&first), document_text(&second));
}

#[test]
fn closure_over_the_full_reference() {
    let Some(corpus) = corpus_root() else { return };
    let (extraction, _) = extract_docs(&corpus.join("en-full-2021-07"), &[]);
    let closure: BTreeSet<String> = extraction.pages.keys().map(|p| slash(p)).collect();
    let manifest = manifest_pages(&corpus.join("en-2021-07/MANIFEST.json"));
    let explained = explained_differences();
    let missing: BTreeSet<String> = manifest.difference(&closure).cloned().collect();
    let extra: BTreeSet<String> = closure.difference(&manifest).cloned().collect();
    assert!(
        extra.is_empty(),
        "pages in the closure but not in MANIFEST.json: {extra:#?}"
    );
    assert_eq!(
        missing, explained,
        "MANIFEST.json pages missing from the closure must be exactly those explained in codegen/src/extract/CLOSURE.md"
    );
}

#[test]
fn the_full_reference_and_the_calls_tree_give_the_same_document() {
    let Some(corpus) = corpus_root() else { return };
    let (full, _) = extract_docs(&corpus.join("en-full-2021-07"), &[]);
    let (calls, _) = extract_docs(&corpus.join("en-2021-07"), &[]);
    assert_eq!(document_text(&full), document_text(&calls));
}

fn manifest_pages(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    manifest["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

/// The pages listed in CLOSURE.md's table of differences.
fn explained_differences() -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(workspace_root().join("codegen/src/extract/CLOSURE.md")).unwrap();
    text.lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(page, _)| page.to_string())
        .collect()
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// One reviewed difference between the English and the zh-CN extraction.
struct Lag {
    pointer: String,
    kind: String,
    corpus: String,
    page: String,
    line: usize,
    shows: String,
}

fn lag_list() -> Vec<Lag> {
    let path = workspace_root().join("codegen/tests/fixtures/translation-lag.json");
    let list: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let trace = &entry["trace"];
            assert!(
                entry["reason"].as_str().is_some_and(|r| !r.is_empty()),
                "every lag entry gives a reason"
            );
            Lag {
                pointer: entry["pointer"].as_str().unwrap().to_string(),
                kind: entry["kind"].as_str().unwrap().to_string(),
                corpus: trace["corpus"].as_str().unwrap().to_string(),
                page: trace["page"].as_str().unwrap().to_string(),
                line: trace["line"].as_u64().unwrap() as usize,
                shows: trace["shows"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

#[test]
fn localized_pages_give_the_english_structure() {
    let Some(corpus) = corpus_root() else { return };
    let (english, _) = extract_docs(&corpus.join("en-2019-09"), &[]);
    let (chinese, _) = extract_docs(&corpus.join("zh-CN-2019-09"), &[]);
    let found: BTreeSet<(String, String)> =
        differences(&structure(&english.document), &structure(&chinese.document))
            .into_iter()
            .collect();
    let lags = lag_list();
    for lag in &lags {
        let page = corpus.join(&lag.corpus).join(&lag.page);
        let text = std::fs::read_to_string(&page).unwrap();
        let line = text.lines().nth(lag.line - 1).unwrap_or("");
        assert!(
            line.contains(&lag.shows),
            "{}:{} should show `{}` (the trace of {}), but reads `{line}`",
            page.display(),
            lag.line,
            lag.shows,
            lag.pointer
        );
    }
    let listed: BTreeSet<(String, String)> = lags
        .iter()
        .map(|l| (l.pointer.clone(), l.kind.clone()))
        .collect();
    let unexplained: Vec<_> = found.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&found).collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "en-2019-09 vs zh-CN-2019-09 structure differences not in codegen/tests/fixtures/translation-lag.json: {unexplained:#?}\n\
         listed differences no longer found: {gone:#?}"
    );
}

/// Example values of an operation by role: request, response, notification.
fn operation_examples(
    document: &Value,
    path: &str,
    method: &str,
) -> BTreeMap<&'static str, Vec<Value>> {
    let operation = &document["paths"][path][method];
    let values = |media: &Value| -> Vec<Value> {
        media["examples"]
            .as_object()
            .map(|m| m.values().map(|e| e["value"].clone()).collect())
            .unwrap_or_default()
    };
    let request = values(&operation["requestBody"]["content"]["application/json"]);
    let response = operation["responses"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|r| values(&r["content"]["application/json"]))
        .collect();
    let notification = operation["callbacks"]["notifications"]
        .as_object()
        .map(|m| {
            m.values()
                .flat_map(|p| values(&p["post"]["requestBody"]["content"]["application/json"]))
                .collect()
        })
        .unwrap_or_default();
    BTreeMap::from([
        ("request", request),
        ("response", response),
        ("notification", notification),
    ])
}

#[test]
fn the_seed_page_alone_yields_the_create_call_operation() {
    let Some(corpus) = corpus_root() else { return };
    let seed = seed_page(&corpus);
    let (from_seed, diags) = extract_docs(&seed, &[]);
    let operations: Vec<(&String, &String)> = from_seed.document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (path, m)))
        .collect();
    assert_eq!(
        operations.len(),
        1,
        "the seed documents one operation: {operations:?}"
    );
    let (path, method) = operations[0];
    assert_eq!(
        from_seed.document["paths"][path][method]["operationId"],
        "call.create"
    );
    assert!(
        diags.iter().any(|d| d.code == "escaped-json-blob"),
        "the media session blob is diagnosed, not taken as an example"
    );

    // The seed is the side-by-side rendering of the zh-CN create-call page:
    // the same examples, in the same roles.
    let (zh, _) = extract_docs(&corpus.join("zh-CN-2019-09"), &[]);
    let from_seed_examples = operation_examples(&from_seed.document, path, method);
    let from_page_examples = operation_examples(&zh.document, path, method);
    for role in ["request", "response", "notification"] {
        assert!(
            !from_seed_examples[role].is_empty(),
            "the seed shows {role} examples"
        );
        assert_eq!(
            from_seed_examples[role], from_page_examples[role],
            "{role} examples of the seed and of the zh-CN page"
        );
    }
}

#[test]
fn the_seed_page_with_its_docs_tree_resolves_the_call_type() {
    let Some(corpus) = corpus_root() else { return };
    let seed = seed_page(&corpus);
    let (extraction, _) = extract_docs(
        &corpus.join("zh-CN-2019-09"),
        &[seed.to_str().unwrap(), "call"],
    );
    let operation = &extraction.document["paths"]["/app/calls"]["post"];
    assert_eq!(operation["x-callgen-page"], "create-call.zh-CN.sxs.md");
    assert_eq!(
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/microsoft.graph.call"
    );
}

fn seed_page(corpus: &Path) -> PathBuf {
    corpus.join("../seed/create-call.zh-CN.sxs.md")
}

#[test]
fn every_corpus_extracts_without_errors() {
    let Some(corpus) = corpus_root() else { return };
    for tree in [
        "en-2021-07",
        "en-2019-09",
        "zh-CN-2019-09",
        "en-full-2021-07",
    ] {
        let (extraction, diags) = extract_docs(&corpus.join(tree), &[]);
        assert!(!diags.has_errors(), "{tree}: {:#?}", diags.sorted());
        assert!(
            extraction.summary.operations > 20,
            "{tree}: {:?}",
            extraction.summary
        );
    }
}

/// Robustness: every resource page of the whole beta reference as a root
/// (thousands of pages, every mess the docs contain). Problems are
/// warnings; nothing panics and nothing is an error.
#[test]
fn every_resource_of_the_full_reference_extracts() {
    let Some(corpus) = corpus_root() else { return };
    let tree = corpus.join("en-full-2021-07");
    let docs = callgen::docs::DocsTree::open(&tree).unwrap();
    let roots: Vec<String> = docs
        .resource_pages()
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let roots: Vec<&str> = roots.iter().map(String::as_str).collect();
    let (extraction, diags) = extract_docs(&tree, &roots);
    assert!(
        !diags.has_errors(),
        "{:#?}",
        diags
            .sorted()
            .iter()
            .filter(|d| d.severity == callgen::diag::Severity::Error)
            .collect::<Vec<_>>()
    );
    assert!(extraction.summary.types > 2000, "{:?}", extraction.summary);
    assert!(document_text(&extraction).len() > 1_000_000);
}
