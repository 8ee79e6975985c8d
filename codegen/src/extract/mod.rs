//! Page model -> OpenAPI 3.1 document.
//!
//! Knows the Graph docs conventions (property tables, JSON representation
//! templates, Methods tables, HTTP blocks, enums.md, metadata comments) and
//! the schema conventions of ARCHITECTURE.md. Does not know markdown syntax
//! (the page model comes from [`crate::docs`]) nor Rust.
//!
//! The sub-stages, one folder each, in the order they run:
//! - `closure`: which pages (from the roots, over the library); each
//!   page is read once, ahead of need and in parallel, by
//! - `read`: one page -> page facts (`read::type_doc::TypeDoc`,
//!   `read::operations::MethodDoc`, `read::enums::EnumDoc`,
//!   `read::examples::ExampleDoc`);
//! - `decide`: the closure's page facts -> decided types, enums and
//!   operations (`render::api::Api`) under the type hierarchy;
//! - `render`: the decided API -> the OpenAPI document.

mod closure;
mod decide;
mod read;
mod render;

pub use closure::all_pages;
pub use closure::provenance::Provenance;

use decide::inferred;
use render::{api, openapi};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::docs::model::PageKind;

use closure::library::Library;
use closure::{Corpus, Root};

/// What to extract.
#[derive(Debug, Clone, Default)]
pub struct ExtractConfig {
    /// A docs tree (holding `api-reference/beta/...`), or a single page file.
    pub docs: Option<PathBuf>,
    /// Roots: type names (`call`), page paths relative to the docs tree
    /// (`api-reference/beta/api/application-post-calls.md`), or page files
    /// anywhere. Empty means the default roots (see [`DEFAULT_ROOTS`]) for
    /// a tree, the file itself for a single page.
    pub roots: Vec<String>,
}

/// The default roots: the call resource and the create-call method page.
pub const DEFAULT_ROOTS: [&str; 2] = ["call", "api-reference/beta/api/application-post-calls.md"];

/// The result of an extraction.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The OpenAPI document.
    pub document: Value,
    /// Counts for the summary line.
    pub summary: Summary,
    /// Every page of the closure with the reason it is in.
    pub pages: BTreeMap<PathBuf, Provenance>,
}

/// Counts of what was extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub types: usize,
    pub enums: usize,
    pub operations: usize,
    pub examples: usize,
}

/// Why an extraction could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The docs tree could not be opened.
    #[error("cannot open the docs tree {path}: {message}")]
    Docs { path: PathBuf, message: String },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A root names nothing that exists.
    #[error("root `{0}` is neither a type of the docs tree nor a page file")]
    MissingRoot(String),
    /// Nothing to start from.
    #[error("no docs tree and no root page given")]
    NothingToExtract,
}

/// Extracts the OpenAPI document. Problems in the docs are reported into
/// `diags` and never stop the run; an error means there was nothing to
/// read.
pub fn extract(
    config: &ExtractConfig,
    diags: &mut Diagnostics,
) -> Result<Extraction, ExtractError> {
    let (library, roots) = open(config, diags)?;
    let corpus = closure::compute(&library, &roots, diags);
    let (mut api, hierarchy) = decide::build(&corpus, diags);
    decide::notification_data::add_resource_data(&mut api, &hierarchy, diags);
    inferred::report_inferred_payloads(&api, diags);
    let summary = summarize(&api);
    let Corpus {
        pages,
        types,
        methods,
        resource_examples,
        ..
    } = corpus;
    // What the pages said is freed on the other core while the document
    // is written.
    let read = (types, methods, resource_examples);
    let ((), document) = rayon::join(move || drop(read), || openapi::render(api, &hierarchy));
    Ok(Extraction {
        summary,
        document,
        pages,
    })
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_text(extraction: &Extraction) -> String {
    openapi::to_text(&extraction.document)
}

fn summarize(api: &api::Api) -> Summary {
    let resource_examples: usize = api.types.values().map(|t| t.examples.len()).sum();
    let operation_examples: usize = api
        .operations
        .iter()
        .map(|o| o.request_examples.len() + o.response.examples.len() + o.notifications.len())
        .sum();
    Summary {
        types: api.types.len(),
        enums: api.enums.len(),
        operations: api.operations.len(),
        examples: resource_examples + operation_examples,
    }
}

/// Opens the library and turns the configured roots into closure roots.
fn open(
    config: &ExtractConfig,
    diags: &mut Diagnostics,
) -> Result<(Library, Vec<Root>), ExtractError> {
    if let Some(docs) = config.docs.as_ref().filter(|d| !d.exists()) {
        return Err(ExtractError::Docs {
            path: docs.clone(),
            message: "no such file or folder".into(),
        });
    }
    let mut library = match &config.docs {
        Some(docs) if docs.is_dir() => Library::open_tree(docs)?,
        _ => Library::empty(),
    };
    let mut roots = Vec::new();
    if let Some(docs) = config.docs.as_ref().filter(|d| !d.is_dir()) {
        roots.push(Root::File(library.add_file(docs, diags)?));
    }
    let wanted: Vec<String> = if config.roots.is_empty() && roots.is_empty() {
        DEFAULT_ROOTS.iter().map(|r| r.to_string()).collect()
    } else {
        config.roots.clone()
    };
    for root in &wanted {
        roots.push(root_of(&mut library, root, diags)?);
    }
    if roots.is_empty() {
        return Err(ExtractError::NothingToExtract);
    }
    Ok((library, roots))
}

fn root_of(
    library: &mut Library,
    root: &str,
    diags: &mut Diagnostics,
) -> Result<Root, ExtractError> {
    let is_page = root.ends_with(".md") || root.contains('/');
    if !is_page {
        return match library.locate_resource(root) {
            Some(_) => Ok(Root::Type(root.to_string())),
            None => Err(ExtractError::MissingRoot(root.to_string())),
        };
    }
    let relative = Path::new(root);
    let in_tree = relative.is_relative() && library.has_tree_file(relative);
    if in_tree {
        let stem = closure::library::stem_of(relative);
        match crate::docs::page_kind(relative) {
            PageKind::Method => return Ok(Root::Method(stem)),
            PageKind::Resource | PageKind::Enums => return Ok(Root::Type(stem)),
            PageKind::Other => {}
        }
    }
    let file = Path::new(root);
    if file.is_file() {
        return Ok(Root::File(library.add_file(file, diags)?));
    }
    Err(ExtractError::MissingRoot(root.to_string()))
}
