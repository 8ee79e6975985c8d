//! "Every page as a root": the roots that make an extraction read a whole
//! docs tree.
//!
//! Used to run the extractor over a full reference (every resource page and
//! every method page a root) so that no page of it can make the extractor
//! panic or lose a problem. Knows only which pages a docs tree lists (through
//! [`DocsTree`]); what each page brings in is the closure's business.

use std::path::Path;

use crate::docs::model::PageKind;
use crate::docs::{DocsTree, page_kind};

use crate::extract::ExtractError;

/// Every resource page and every method page of the docs tree at `docs`, as
/// roots for [`crate::extract::ExtractConfig::roots`] (paths relative to `docs`,
/// sorted). `enums.md` is no root: it is read when a name
/// needs it. Pages whose file name is not UTF-8 cannot be named as roots
/// and are left out.
pub fn every_page_root(docs: &Path) -> Result<Vec<String>, ExtractError> {
    let tree = DocsTree::open(docs).map_err(|source| ExtractError::Docs {
        path: docs.to_path_buf(),
        message: source.to_string(),
    })?;
    let pages = tree.resource_pages().iter().chain(tree.method_pages());
    let mut roots: Vec<String> = pages
        .filter(|page| matches!(page_kind(page), PageKind::Resource | PageKind::Method))
        .filter_map(|page| page.to_str())
        .map(str::to_string)
        .collect();
    roots.sort();
    Ok(roots)
}
