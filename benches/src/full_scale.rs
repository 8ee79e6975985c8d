//! The whole beta reference as one schema: every resource page and every
//! method page of a docs tree as a root of one extraction, and the emit
//! settings of the crate generated from it.

use callgen::diag::Diagnostics;
use callgen::docs::DocsTree;
use callgen::emit::EmitConfig;
use callgen::extract::{ExtractConfig, Extraction, extract};
use std::path::Path;

/// The crate name of the full-scale crate.
pub const CRATE_NAME: &str = "graph-beta-full";

/// Every resource page and every method page of `tree`, as roots relative
/// to it (the extractor's page-path form).
pub fn every_page(tree: &Path) -> Vec<String> {
    let docs = DocsTree::open(tree)
        .unwrap_or_else(|e| panic!("cannot open the docs tree {}: {e}", tree.display()));
    docs.resource_pages()
        .iter()
        .chain(docs.method_pages())
        .map(|page| page.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Extracts the whole reference under `tree` with every page a root.
pub fn extract_everything(tree: &Path) -> (Extraction, Diagnostics) {
    let config = ExtractConfig {
        docs: Some(tree.to_path_buf()),
        roots: every_page(tree),
    };
    let mut diags = Diagnostics::new();
    let extraction = extract(&config, &mut diags)
        .unwrap_or_else(|e| panic!("cannot extract {}: {e}", tree.display()));
    (extraction, diags)
}

/// Emit settings of the full-scale crate (no README example: the calls
/// example is not the point here).
pub fn emit_config() -> EmitConfig {
    EmitConfig {
        crate_name: CRATE_NAME.to_owned(),
        schema_label: "en-full-2021-07, every page a root".to_owned(),
        regenerate_command: "cargo bench -p callgen-benches --bench full_scale".to_owned(),
        readme_example: None,
    }
}
