//! One markdown page through the docs reader and the extractor.
//!
//! The first byte chooses where the page lives: a single page file, a
//! resource page or a method page of a one-page docs tree. The rest is the
//! page text (valid UTF-8 only: the reader refuses other bytes before
//! parsing). Parsing and extraction must never panic; problems are
//! diagnostics.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use callgen::diag::Diagnostics;
use callgen::docs::parse_page;
use callgen::extract::{ExtractConfig, document_text, extract};
use libfuzzer_sys::fuzz_target;

/// A one-page docs tree, kept for the whole run.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a scratch directory"))
        .path()
}

const RESOURCE: &str = "api-reference/beta/resources/fuzzed.md";
const METHOD: &str = "api-reference/beta/api/fuzzed-method.md";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (relative, roots) = match selector % 3 {
        0 => ("single/fuzzed.md", Vec::new()),
        1 => (RESOURCE, vec![RESOURCE.to_string()]),
        _ => (METHOD, vec![METHOD.to_string()]),
    };
    let mut diags = Diagnostics::new();
    parse_page(Path::new(relative), text, &mut diags);

    let root = scratch();
    let file = root.join(relative);
    std::fs::create_dir_all(file.parent().expect("a parent")).expect("scratch folders");
    std::fs::write(&file, text).expect("the scratch page");
    let docs: PathBuf = if roots.is_empty() {
        file.clone()
    } else {
        root.to_path_buf()
    };
    let config = ExtractConfig {
        docs: Some(docs),
        roots,
    };
    if let Ok(extraction) = extract(&config, &mut diags) {
        document_text(&extraction);
    }
    std::fs::remove_file(&file).expect("the scratch page removed");
});
