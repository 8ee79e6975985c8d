//! Inputs that once broke, or were written to break, the docs reader and
//! the extractor, run through the same entry points as the fuzz targets
//! (`fuzz/`): `tests/fixtures/regressions/<target>/*`, one snapshot each of
//! what was made of them, and adversarial page shapes generated here (deep
//! nesting, huge tables, many headings) that must parse and extract without
//! a panic or a stack overflow on a test thread's stack.

use std::fmt::Write as _;
use std::path::Path;

use callgen::diag::Diagnostics;
use callgen::docs::http::parse_http;
use callgen::docs::json::parse_lenient;
use callgen::docs::parse_page;
use callgen::extract::{ExtractConfig, extract};

const RESOURCE: &str = "api-reference/beta/resources/fuzzed.md";
const METHOD: &str = "api-reference/beta/api/fuzzed-method.md";

fn rendered(diags: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        writeln!(out, "{d}").unwrap();
    }
    out
}

/// Extracts `text` as a single page file and as the one resource page and
/// the one method page of a docs tree (the `page` fuzz target's three
/// placements); returns one summary line per placement.
fn extract_everywhere(text: &str) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let mut out = String::new();
    for relative in ["single/fuzzed.md", RESOURCE, METHOD] {
        let file = scratch.path().join(relative);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        let (docs, roots) = match relative {
            "single/fuzzed.md" => (file.clone(), Vec::new()),
            _ => (scratch.path().to_path_buf(), vec![relative.to_owned()]),
        };
        let mut diags = Diagnostics::new();
        let extraction = extract(
            &ExtractConfig {
                docs: Some(docs),
                roots,
            },
            &mut diags,
        )
        .unwrap();
        assert!(
            diags
                .iter()
                .all(|d| !d.location.file.as_os_str().is_empty())
        );
        writeln!(
            out,
            "{relative}: {:?}, {} diagnostics",
            extraction.summary,
            diags.len()
        )
        .unwrap();
        std::fs::remove_file(&file).unwrap();
    }
    out
}

#[test]
fn regression_pages() {
    insta::glob!("fixtures/regressions/page/*.md", |path| {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let mut diags = Diagnostics::new();
        let page = parse_page(Path::new(RESOURCE), &text, &mut diags);
        let sections = page.sections.len();
        let snapshot = format!(
            "{sections} sections\n{}\n{}",
            rendered(&diags),
            extract_everywhere(&text)
        );
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn regression_lenient_json() {
    insta::glob!("fixtures/regressions/lenient_json/*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut diags = Diagnostics::new();
        let result = parse_lenient(&text, Path::new("fuzzed.md"), 1, &mut diags)
            .map(|value| value.to_string())
            .map_err(|error| error.message);
        insta::assert_snapshot!(format!("{result:?}\n{}", rendered(&diags)));
    });
}

#[test]
fn regression_http_blocks() {
    insta::glob!("fixtures/regressions/http_block/*.http", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut diags = Diagnostics::new();
        let block = parse_http(&text, Path::new("fuzzed.md"), 1, &mut diags);
        insta::assert_snapshot!(format!("{block:#?}\n{}", rendered(&diags)));
    });
}

/// Page shapes that stress recursion and quadratic paths.
fn adversarial_pages() -> Vec<(&'static str, String)> {
    let n = 20_000;
    vec![
        ("nested block quotes", ">".repeat(n) + " x\n"),
        (
            "nested lists",
            (0..500)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ),
        ("open brackets", "[".repeat(n)),
        ("emphasis", "*".repeat(n) + "x" + &"*".repeat(n)),
        ("unfinished links", "[a](".repeat(n)),
        ("unclosed comments", "<!--".repeat(n)),
        (
            "wide table",
            format!(
                "## Properties\n\n|{}\n|{}\n|{}\n",
                "a|".repeat(n),
                "-|".repeat(n),
                "x|".repeat(n)
            ),
        ),
        (
            "long table",
            format!(
                "## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{}",
                "| p | [t](../resources/t.md) | d |\n".repeat(n)
            ),
        ),
        (
            "many headings",
            "## Properties\n### Example\n".repeat(n / 4),
        ),
        ("unclosed fences", "```json\n".repeat(n)),
        ("unclosed spans", "<span class=\"sxs-lookup\">".repeat(n)),
        (
            "deep json block",
            format!("```json\n{}\n```\n", "[".repeat(n)),
        ),
        ("long line", "a".repeat(50 * n)),
    ]
}

#[test]
fn adversarial_page_shapes_parse_and_extract() {
    for (name, text) in adversarial_pages() {
        let mut diags = Diagnostics::new();
        for path in [RESOURCE, METHOD] {
            parse_page(Path::new(path), &text, &mut diags);
        }
        assert!(
            diags
                .iter()
                .all(|d| d.location.line > 0 || d.code == "front-matter"),
            "{name}: {}",
            rendered(&diags)
        );
        extract_everywhere(&text);
    }
}
