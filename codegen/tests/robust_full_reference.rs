//! Extraction over the entire beta reference (`en-full-2021-07`, every
//! resource page and every method page a root): no panic, every problem a
//! diagnostic naming its file (and its line, unless it reports a section the
//! page lacks), every root page read, and a document that renders. Prints pages, diagnostics by code and the time taken. Skipped
//! when the corpus is absent, unless `CALLGEN_REQUIRE_CORPUS=1`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use callgen::diag::Diagnostics;
use callgen::extract::all_pages::every_page_root;
use callgen::extract::{ExtractConfig, document_text, extract};

const FULL_REFERENCE: &str = "en-full-2021-07";

/// Codes that report a section the page lacks: they name the whole page
/// (line 0). Every other diagnostic names a line.
const WHOLE_PAGE_CODES: [&str; 2] = ["no-http-request", "no-success-status"];

/// The full reference: `GRAPH_DOCS_DIR/en-full-2021-07`, else
/// `../shared/graph-docs/en-full-2021-07` seen from the workspace root.
fn full_reference() -> Option<PathBuf> {
    let corpora = std::env::var_os("GRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs"));
    let root = corpora.join(FULL_REFERENCE);
    if root.is_dir() {
        return Some(root);
    }
    let required = std::env::var("CALLGEN_REQUIRE_CORPUS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "corpus required but missing at {}",
        root.display()
    );
    eprintln!("skipping: no full reference at {}", root.display());
    None
}

#[test]
fn every_page_of_the_full_reference_extracts_without_panic() {
    let Some(docs) = full_reference() else {
        return;
    };
    let started = Instant::now();
    let roots = every_page_root(&docs).unwrap();
    assert!(roots.len() > 5_000, "only {} roots", roots.len());
    let config = ExtractConfig {
        docs: Some(docs.clone()),
        roots: roots.clone(),
    };
    let mut diags = Diagnostics::new();
    let extraction = extract(&config, &mut diags).unwrap();
    let text = document_text(&extraction);
    let elapsed = started.elapsed();

    println!(
        "{} roots, {} pages read, {} types, {} enums, {} operations, {} examples in {:.1?}",
        roots.len(),
        extraction.pages.len(),
        extraction.summary.types,
        extraction.summary.enums,
        extraction.summary.operations,
        extraction.summary.examples,
        elapsed
    );
    println!("{} diagnostics:", diags.len());
    for (code, count) in diags.count_by_code() {
        println!("  {code}: {count}");
    }

    let unread: Vec<&String> = roots
        .iter()
        .filter(|root| !extraction.pages.contains_key(Path::new(root.as_str())))
        .collect();
    assert!(unread.is_empty(), "root pages never read: {unread:?}");
    let nameless: Vec<String> = diags
        .iter()
        .filter(|d| d.location.file.as_os_str().is_empty())
        .map(|d| d.to_string())
        .collect();
    assert!(
        nameless.is_empty(),
        "diagnostics without a file: {nameless:#?}"
    );
    let lineless: Vec<String> = diags
        .iter()
        .filter(|d| d.location.line == 0 && !WHOLE_PAGE_CODES.contains(&d.code))
        .map(|d| d.to_string())
        .collect();
    assert!(
        lineless.is_empty(),
        "diagnostics without a line: {lineless:#?}"
    );
    let reparsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(reparsed, extraction.document);
}
