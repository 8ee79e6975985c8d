//! Markdown documentation pages -> page model ([`model::Page`]).
//!
//! Knows markdown (through pulldown-cmark), the docs' YAML front matter,
//! their metadata comments, pipe tables with every irregularity the pages
//! show, the zh-CN localization and the side-by-side (`sxs-lookup`)
//! rendering. Does not know what a property, a type or an operation is:
//! that is the extractor's business. Every problem becomes a diagnostic with
//! file and line, and reading carries on; nothing here panics on input.
//!
//! Entry points: [`parse_page`], [`read_page`], [`DocsTree`], and for the
//! content of code blocks [`json::parse_lenient`] and [`http::parse_http`].

pub mod http;
pub mod json;
pub mod model;

mod front_matter;
mod inline;
mod localize;
mod markdown;
mod metadata;
mod sections;
mod source;
mod table;
mod tree;

use std::path::{Path, PathBuf};

pub use tree::DocsTree;

use crate::diag::Diagnostics;
use model::{Language, Page, PageKind};

/// A page or docs tree that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    /// The file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    #[error("{}:{line}: the page is not valid UTF-8", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// The docs root has no `api-reference/beta` folder.
    #[error("{} has no api-reference/beta folder", root.display())]
    MissingBeta {
        /// The docs root given.
        root: PathBuf,
    },
}

/// Where a page lives, from its path relative to the docs root:
/// `.../resources/enums.md` is [`PageKind::Enums`], other
/// `.../resources/*.md` are resources, `.../api/*.md` methods.
pub fn page_kind(path: &Path) -> PageKind {
    let mut components = path.iter().rev();
    let file = components.next().and_then(|f| f.to_str()).unwrap_or("");
    let folder = components.next().and_then(|f| f.to_str()).unwrap_or("");
    match (folder, file.to_ascii_lowercase().as_str()) {
        ("resources", "enums.md") => PageKind::Enums,
        ("resources", _) => PageKind::Resource,
        ("api", _) => PageKind::Method,
        _ => PageKind::Other,
    }
}

/// Parses one page. `path` is relative to the docs root and is used for the
/// page kind and in diagnostics. Never panics; problems go to `diags`.
pub fn parse_page(path: &Path, text: &str, diags: &mut Diagnostics) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let english = localize::english_page(text, path, diags);
    let front = front_matter::split(&english).unwrap_or_else(|_| {
        diags.warn(
            path,
            1,
            "front-matter",
            "front matter is never closed; the page is read without it",
        );
        front_matter::FrontMatter::default()
    });
    let source = source::Source::new(&english);
    let kind = page_kind(path);
    let items = markdown::walk(&source, front.body_start, path, diags);
    let items = metadata::attach(items, path, diags);
    let outline = sections::build(items, kind, path, diags);
    let title = front.fields.get("title").cloned();
    let language = page_language(&front.fields, [&title, &outline.heading]);
    Page {
        path: path.to_path_buf(),
        kind,
        language,
        title,
        description: front.fields.get("description").cloned(),
        heading: outline.heading,
        intro: outline.intro,
        sections: outline.sections,
    }
}

/// Reads and parses the page at `root/relative`.
pub fn read_page(root: &Path, relative: &Path, diags: &mut Diagnostics) -> Result<Page, DocsError> {
    let text = read_text(root, relative)?;
    Ok(parse_page(relative, &text, diags))
}

/// Reads the text of the page at `root/relative` (UTF-8, checked).
pub fn read_text(root: &Path, relative: &Path) -> Result<String, DocsError> {
    let full = root.join(relative);
    let bytes = std::fs::read(&full).map_err(|source| DocsError::Read {
        path: full.clone(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        DocsError::InvalidUtf8 {
            path: full.clone(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
        }
    })
}

/// Chinese when the front matter says `ms.contentlocale: zh-...` or the
/// title or heading is written in Chinese, else English.
fn page_language(
    fields: &std::collections::BTreeMap<String, String>,
    titles: [&Option<String>; 2],
) -> Language {
    let locale = fields
        .get("ms.contentlocale")
        .map(|l| l.to_ascii_lowercase());
    if locale.is_some_and(|l| l.starts_with("zh")) {
        return Language::Chinese;
    }
    if titles
        .iter()
        .any(|t| t.as_deref().is_some_and(localize::has_cjk))
    {
        return Language::Chinese;
    }
    Language::English
}
