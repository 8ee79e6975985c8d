//! The whole beta reference as one schema: every resource page and every
//! method page of a docs tree as a root of one extraction, and the emit
//! settings of the crate generated from it.

use callgen::diag::Diagnostics;
use callgen::emit::EmitConfig;
use callgen::extract::all_pages::every_page_root;
use callgen::extract::{ExtractConfig, Extraction, extract};
use std::path::Path;

/// The crate name of the full-scale crate.
pub const CRATE_NAME: &str = "graph-beta-full";

/// Extracts the whole reference under `tree` with every page a root.
pub fn extract_everything(tree: &Path) -> (Extraction, Diagnostics) {
    let config = ExtractConfig {
        docs: Some(tree.to_path_buf()),
        roots: every_page_root(tree)
            .unwrap_or_else(|e| panic!("cannot list the pages of {}: {e}", tree.display())),
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
        conformance_feature: false,
    }
}
