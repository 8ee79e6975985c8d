//! The README's diagram and figures are what the real commands give, so
//! they cannot go stale: the Mermaid block equals `callgen diagram` of the
//! committed schema, the generation figures equal what the committed schema
//! generates, and, with the corpora, the extraction and round-trip figures
//! equal what the extractor and the listed exceptions give. The committed
//! schema's docs tree is the one `schema/source.json` names.
//!
//! `CALLGEN_UPDATE_README=1` rewrites whatever is stale instead of failing:
//! the diagram, and every figure found in the README with other numbers
//! (as `callgen update` leaves them after a move to a newer docs tree).

use callgen::diag::Severity;
use callgen::extract::Extraction;
use callgen::ir::{Group, TypeKind};
use callgen::source::SchemaSource;
use serde_json::Value;
use std::path::{Path, PathBuf};

mod extract_support;
use extract_support::{committed_schema, corpus_root, extract_docs, workspace_root};

const MERMAID_OPEN: &str = "```mermaid\n";
const FENCE_CLOSE: &str = "```\n";

fn readme() -> String {
    std::fs::read_to_string(workspace_root().join("README.md")).unwrap()
}

fn updating() -> bool {
    std::env::var("CALLGEN_UPDATE_README").as_deref() == Ok("1")
}

/// Test functions run in parallel: README rewrites take turns.
static README_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn write_readme(text: &str) {
    callgen::write::write_file_atomically(&workspace_root().join("README.md"), text.as_bytes())
        .unwrap();
}

/// The docs tree the committed schema comes from, and its folder.
fn committed_tree(corpus: &Path) -> (String, PathBuf) {
    let source = SchemaSource::read(&workspace_root()).unwrap();
    let dir = source.docs_dir(corpus);
    (source.docs_tree, dir)
}

/// The byte range of the Mermaid block's contents in `text`.
fn mermaid_block(text: &str) -> std::ops::Range<usize> {
    let start = text
        .find(MERMAID_OPEN)
        .expect("the README has a ```mermaid block")
        + MERMAID_OPEN.len();
    let length = text[start..]
        .find(FENCE_CLOSE)
        .expect("the mermaid block is closed");
    assert!(
        !text[start + length..].contains(MERMAID_OPEN),
        "the README has one mermaid block"
    );
    start..start + length
}

/// `expected` as a pattern in which every number (and every docs tree
/// name such as `en-2021-07`) may be another.
fn with_other_figures(expected: &str) -> regex::Regex {
    let figure = regex::Regex::new(r"[a-zA-Z]{2}(?:-[A-Z]{2})?-\d{4}-\d{2}|\d+").unwrap();
    let mut pattern = String::new();
    let mut last = 0;
    for found in figure.find_iter(expected) {
        pattern.push_str(&regex::escape(&expected[last..found.start()]));
        pattern.push_str(r"(?:[a-zA-Z]{2}(?:-[A-Z]{2})?-\d{4}-\d{2}|\d+)");
        last = found.end();
    }
    pattern.push_str(&regex::escape(&expected[last..]));
    regex::Regex::new(&pattern).unwrap()
}

/// Checks that the README says `expected`; with `CALLGEN_UPDATE_README=1`,
/// a single place saying it with other figures is rewritten instead.
fn assert_mentions(text: &str, expected: &str) {
    if text.contains(expected) {
        return;
    }
    if updating() {
        let _turn = README_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let pattern = with_other_figures(expected);
        let current = readme();
        let places: Vec<_> = pattern.find_iter(&current).collect();
        if let [place] = places.as_slice() {
            let updated = format!(
                "{}{expected}{}",
                &current[..place.start()],
                &current[place.end()..]
            );
            write_readme(&updated);
            return;
        }
        panic!(
            "README.md says `{expected}` with other figures in {} places: update it by hand",
            places.len()
        );
    }
    panic!(
        "README.md does not say `{expected}`: measure again and update it, or run `CALLGEN_UPDATE_README=1 cargo test -p callgen --test check_readme`"
    );
}

#[test]
fn the_readme_diagram_is_the_committed_schemas() {
    let text = readme();
    let range = mermaid_block(&text);
    let expected = callgen::diagram::mermaid(&committed_schema());
    if text[range.clone()] == expected {
        return;
    }
    if updating() {
        let _turn = README_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let text = readme();
        let range = mermaid_block(&text);
        write_readme(&format!(
            "{}{expected}{}",
            &text[..range.start],
            &text[range.end..]
        ));
        return;
    }
    panic!(
        "the README's diagram is not `cargo run --release -- diagram --schema schema/graph-calls.beta.json`; \
         run `CALLGEN_UPDATE_README=1 cargo test -p callgen --test check_readme`"
    );
}

#[test]
fn the_readme_generation_figures_are_what_the_schema_generates() {
    let text = readme();
    let schema = committed_schema();
    let stats = callgen::generate::generate_files(&schema).unwrap().stats;
    let ir = callgen::ir::from_openapi(&schema).unwrap();
    let inline_bodies = ir
        .types
        .iter()
        .filter(|t| t.group == Group::Operations && matches!(t.kind, TypeKind::Struct(_)))
        .count();
    assert_mentions(&text, &format!("generated {} from ", stats.summary()));
    assert_mentions(
        &text,
        &format!(
            "| generated Rust types | {}: {} structs ({} schema objects, {inline_bodies} bodies defined inline by operations), {} enums, {} polymorphic families, {} |",
            stats.types(),
            stats.structs,
            stats.structs - inline_bodies,
            stats.enums,
            stats.families,
            match stats.unions {
                1 => "1 union (a notification's `resourceData`)".to_owned(),
                n => format!("{n} unions"),
            }
        ),
    );
}

fn extract_tree(docs: &Path) -> (Extraction, usize) {
    let (extraction, diags) = extract_docs(docs, &[]);
    let warnings = diags
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (extraction, warnings)
}

fn manifest_page_count(path: &Path) -> usize {
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    manifest["pages"].as_array().unwrap().len()
}

#[test]
fn the_readme_extraction_figures_are_what_the_extractor_gives() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let text = readme();
    let (tree, docs) = committed_tree(&corpus);
    let (extraction, warnings) = extract_tree(&docs);
    let s = extraction.summary;
    assert_mentions(
        &text,
        &format!(
            "extract: {} types, {} enums, {} operations, {} examples, {warnings} warnings -> /tmp/graph-calls.json",
            s.types, s.enums, s.operations, s.examples
        ),
    );
    assert_mentions(
        &text,
        &format!(
            "`cargo run --release -- extract --docs ../shared/graph-docs/{tree} --out /tmp/graph-calls.json`"
        ),
    );
    for (what, figure) in [
        ("schema object types", s.types),
        ("schema enumerations", s.enums),
        ("operations", s.operations),
        ("documented examples in the schema", s.examples),
        ("docs warnings", warnings),
    ] {
        assert_mentions(&text, &format!("| {what} | {figure} |"));
    }
    let manifest = manifest_page_count(&docs.join("MANIFEST.json"));
    assert_mentions(
        &text,
        &format!(
            "| pages read from `{tree}` | {} of its {manifest} |",
            extraction.pages.len()
        ),
    );
}

/// The number of listed exceptions of `corpus` in `tests/exceptions.rs`.
fn listed_exceptions(corpus: &str) -> usize {
    let text = std::fs::read_to_string(workspace_root().join("tests/exceptions.rs")).unwrap();
    text.matches(&format!("corpus: \"{corpus}\",")).count()
}

fn entries_in(relative: &str) -> usize {
    let text = std::fs::read_to_string(workspace_root().join(relative)).unwrap();
    let entries: Vec<Value> = serde_json::from_str(&text).unwrap();
    entries.len()
}

#[test]
fn the_readme_counts_the_docs_defect_lists() {
    let text = readme();
    let exceptions: usize = [
        "schema",
        "en-2021-07",
        "en-2019-09",
        "zh-CN-2019-09",
        "seed",
    ]
    .into_iter()
    .map(listed_exceptions)
    .sum();
    assert_mentions(
        &text,
        &format!("the {exceptions} listed examples that cannot round-trip"),
    );
    assert_mentions(
        &text,
        &format!("the {exceptions} others are [listed docs defects]"),
    );
    let defects = entries_in("codegen/tests/fixtures/example-defects.json");
    assert_mentions(
        &text,
        &format!("the {defects} documented examples that do not validate"),
    );
    let lags = entries_in("codegen/tests/fixtures/translation-lag.json");
    assert_mentions(
        &text,
        &format!("the {lags} places where zh-CN-2019-09 differs"),
    );
}

#[test]
fn the_readme_round_trip_figures_are_the_examples_less_the_listed_exceptions() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let seed = corpus.join("../seed/create-call.zh-CN.sxs.md");
    let mut parts = Vec::new();
    let mut schema_examples = 0;
    for (name, docs, label) in [
        ("en-2021-07", corpus.join("en-2021-07"), "en-2021-07"),
        ("en-2019-09", corpus.join("en-2019-09"), "en-2019-09"),
        (
            "zh-CN-2019-09",
            corpus.join("zh-CN-2019-09"),
            "zh-CN-2019-09",
        ),
        ("seed", seed, "seed page"),
    ] {
        let (extraction, _) = extract_tree(&docs);
        let total = extraction.summary.examples;
        let round_trip = total - listed_exceptions(name);
        parts.push(format!("{label}: {round_trip} of {total}"));
        if docs == committed_tree(&corpus).1 {
            schema_examples = total;
        }
    }
    // The committed schema is what its docs tree gives (the drift test
    // holds it), so it carries the same examples, with their own exceptions.
    let round_trip = schema_examples - listed_exceptions("schema");
    parts.push(format!(
        "the schema's own examples: {round_trip} of {schema_examples}"
    ));
    assert_mentions(
        &readme(),
        &format!("| examples that round-trip | {} |", parts.join("; ")),
    );
}

/// The lines of the fenced `text` block of the README that starts with
/// `first_line`.
fn text_block<'a>(readme: &'a str, first_line: &str) -> Vec<&'a str> {
    let opening = format!("```text\n{first_line}\n");
    let start = readme
        .find(&opening)
        .unwrap_or_else(|| panic!("README.md has no text block starting with `{first_line}`"))
        + "```text\n".len();
    let length = readme[start..].find(FENCE_CLOSE).unwrap();
    readme[start..start + length].lines().collect()
}

/// Asserts that `shown` (with `...` for left-out lines) is an abridgement
/// of `printed`: every shown line printed, in the same order. With
/// `CALLGEN_UPDATE_README=1`, a stale block is rewritten instead: each
/// shown line becomes the printed line that says it with other figures,
/// or is left out.
fn assert_abridged(shown: &[&str], printed: &str) {
    let mut printed_lines = printed.lines();
    let stale = shown
        .iter()
        .filter(|l| **l != "...")
        .find(|line| !printed_lines.any(|p| p == **line));
    let Some(line) = stale else {
        return;
    };
    if updating() {
        let _turn = README_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let text = readme();
        let old = shown.join("\n") + "\n";
        let new = reabridged(shown, printed).join("\n") + "\n";
        assert_eq!(
            text.matches(&old).count(),
            1,
            "the changelog block is shown once"
        );
        write_readme(&text.replacen(&old, &new, 1));
        return;
    }
    panic!(
        "README.md shows `{line}`, which the command does not print (in this order): run it again and update the README, or run `CALLGEN_UPDATE_README=1 cargo test -p callgen --test check_readme`\n{printed}"
    );
}

/// `shown` with each line replaced by the next printed line that says it
/// (with the same or other figures), and lines no longer printed left out.
fn reabridged<'a>(shown: &[&'a str], printed: &'a str) -> Vec<&'a str> {
    let printed: Vec<&str> = printed.lines().collect();
    let mut next = 0;
    let mut out = Vec::new();
    for line in shown {
        if *line == "..." {
            out.push("...");
            continue;
        }
        let pattern = with_other_figures(line);
        let found = printed[next..]
            .iter()
            .position(|p| *p == *line || pattern.find(p).is_some_and(|m| m.len() == p.len()));
        if let Some(offset) = found {
            out.push(printed[next + offset]);
            next += offset + 1;
        }
    }
    out
}

fn changelog_from(docs: &Path, label: &str) -> String {
    let (old, _) = extract_tree(docs);
    let changelog = callgen::diff::compare(&old.document, &committed_schema());
    format!(
        "Changes from {label} to schema/graph-calls.beta.json\n\n{}",
        callgen::diff::render_text(&changelog)
    )
}

#[test]
fn the_readme_changelogs_are_what_diff_prints() {
    let Some(corpus) = corpus_root() else {
        return;
    };
    let text = readme();
    let printed = changelog_from(
        &corpus.join("en-2019-09"),
        "/tmp/graph-calls.en-2019-09.json",
    );
    let shown = text_block(
        &text,
        "Changes from /tmp/graph-calls.en-2019-09.json to schema/graph-calls.beta.json",
    );
    assert_abridged(&shown, &printed);
    assert_mentions(
        &text,
        &format!("the full text is {} lines", printed.lines().count()),
    );
}
