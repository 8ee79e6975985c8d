//! Extraction speed on the real documentation corpora.
//!
//! - `calls_domain`: the calls domain from `en-2021-07` with the default
//!   roots, as `callgen extract` runs it (extraction and the document's
//!   JSON text). Target: under 50 ms.
//! - `whole_reference`: the whole beta reference `en-full-2021-07` with
//!   every resource page and every method page as a root (every type and
//!   every method, not only the calls closure). Target: under 2 s on 2
//!   cores.
//!
//! The corpora come from `GRAPH_DOCS_DIR`, else `../shared/graph-docs`
//! seen from the workspace root. Without them the benchmarks say so and
//! run nothing. Run with `cargo bench -p callgen-benches --bench extract`.

use std::path::{Path, PathBuf};

use callgen::diag::Diagnostics;
use callgen::docs::DocsTree;
use callgen::extract::{ExtractConfig, document_text, extract};

fn main() {
    let Some(corpus) = corpus_root() else {
        eprintln!(
            "skipping the extraction benchmarks: no docs corpus at {} (set GRAPH_DOCS_DIR)",
            default_corpus().display()
        );
        return;
    };
    for tree in ["en-2021-07", "en-full-2021-07"] {
        if !corpus.join(tree).is_dir() {
            eprintln!(
                "skipping the extraction benchmarks: {} is missing",
                corpus.join(tree).display()
            );
            return;
        }
    }
    divan::main();
}

/// The calls domain: default roots over en-2021-07.
#[divan::bench(sample_count = 50)]
fn calls_domain(bencher: divan::Bencher) {
    let config = config("en-2021-07", Vec::new());
    bencher.bench(|| run(&config));
}

/// The whole reference: every resource and method page as a root.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_reference(bencher: divan::Bencher) {
    let docs = corpus_root().unwrap_or_default().join("en-full-2021-07");
    let config = config("en-full-2021-07", every_page_as_root(&docs));
    bencher.bench(|| run(&config));
}

/// One extraction as the CLI does it: the document and its JSON text.
fn run(config: &ExtractConfig) -> usize {
    let mut diags = Diagnostics::new();
    match extract(config, &mut diags) {
        Ok(extraction) => document_text(&extraction).len(),
        Err(error) => panic!("extraction failed: {error}"),
    }
}

fn config(tree: &str, roots: Vec<String>) -> ExtractConfig {
    ExtractConfig {
        docs: Some(corpus_root().unwrap_or_default().join(tree)),
        roots,
    }
}

/// Every resource page (by type stem) and every method page (by path).
fn every_page_as_root(docs: &Path) -> Vec<String> {
    let tree = match DocsTree::open(docs) {
        Ok(tree) => tree,
        Err(error) => panic!("cannot open {}: {error}", docs.display()),
    };
    let resources = tree
        .resource_pages()
        .iter()
        .filter_map(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned());
    let methods = tree
        .method_pages()
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"));
    resources.chain(methods).collect()
}

/// `GRAPH_DOCS_DIR` if set, else `../shared/graph-docs` from the workspace.
fn default_corpus() -> PathBuf {
    std::env::var_os("GRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-docs"))
}

fn corpus_root() -> Option<PathBuf> {
    let root = default_corpus();
    root.is_dir().then_some(root)
}
