//! The extraction rules on small docs trees written for the project
//! (`codegen/tests/fixtures/extract/<case>/`), one snapshot per case: the
//! diagnostics, then the document.
//!
//! Each case holds an `api-reference/beta/` tree and a `roots.txt`: one
//! root per line (none: the default roots); a line `docs: <file>` makes
//! that single file the docs instead of the tree.

mod extract_support;

use std::path::Path;

use callgen::diag::Diagnostics;
use callgen::extract::{ExtractConfig, document_text, extract};

#[test]
fn fixture_docs_trees() {
    insta::glob!("fixtures/extract/*/roots.txt", |roots_file| {
        let case = roots_file.parent().unwrap();
        let snapshot = run_case(case, &std::fs::read_to_string(roots_file).unwrap());
        insta::assert_snapshot!(snapshot);
    });
}

fn run_case(case: &Path, roots_text: &str) -> String {
    let mut docs = case.to_path_buf();
    let mut roots = Vec::new();
    for line in roots_text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix("docs:") {
            Some(file) => docs = case.join(file.trim()),
            None => roots.push(line.to_string()),
        }
    }
    let config = ExtractConfig {
        docs: Some(docs),
        roots,
    };
    let mut diags = Diagnostics::new();
    let extraction = extract(&config, &mut diags).unwrap();
    let rendered: Vec<String> = diags.sorted().iter().map(ToString::to_string).collect();
    let pages: Vec<String> = extraction
        .pages
        .iter()
        .map(|(page, why)| format!("{} <- {why}", page.display()))
        .collect();
    format!(
        "# pages\n{}\n\n# diagnostics\n{}\n\n# document\n{}",
        pages.join("\n"),
        rendered.join("\n"),
        document_text(&extraction)
    )
}
