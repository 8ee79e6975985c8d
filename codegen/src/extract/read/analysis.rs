//! Pages of the tree read once, many at a time.
//!
//! What the extractor reads from one page (its [`TypeDoc`] and resource
//! examples, or its [`MethodDoc`], its declared `baseType`, and the
//! diagnostics of reading it) depends on the page alone, not on how the
//! closure reached it. So pages are analysed ahead of need, in parallel
//! (rayon), and kept until the closure visits them; the closure itself
//! stays sequential, so what it reads, in which order, and every
//! diagnostic are the same as reading one page at a time.
//!
//! This module does not decide which pages belong to the extraction; see
//! [`crate::extract::closure`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::docs::model::{Page, PageKind};
use crate::docs::{self};

use crate::extract::read::examples::{ExampleDoc, read_examples};
use crate::extract::read::operations::{MethodDoc, read_method_page};
use crate::extract::read::template::odata_type_name;
use crate::extract::read::type_doc::TypeDoc;
use crate::extract::read::types::read_type_page;

/// What one page documents.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    /// A resource page (or any page that is not a method or enums page).
    Type {
        doc: Box<TypeDoc>,
        examples: Vec<ExampleDoc>,
    },
    /// A method page.
    Method(Box<MethodDoc>),
    /// enums.md: read by [`crate::extract::closure`] on its own terms.
    Enums,
}

/// One page, read.
#[derive(Debug, Clone)]
pub(crate) struct Analysis {
    /// The page path as pages name it.
    pub(crate) path: PathBuf,
    /// The page's kind.
    pub(crate) kind: PageKind,
    /// What it documents.
    pub(crate) content: Content,
    /// Everything reading it reported, in order.
    pub(crate) diags: Diagnostics,
}

/// Reads one page's content (see [`Analysis`]).
pub(crate) fn analyze(page: &Page, mut diags: Diagnostics) -> Analysis {
    let content = match page.kind {
        PageKind::Method => Content::Method(Box::new(read_method_page(page, &mut diags))),
        PageKind::Enums => Content::Enums,
        _ => {
            let doc = read_type_page(page, &mut diags);
            let examples = read_examples(page, false, &mut diags);
            Content::Type {
                doc: Box::new(doc),
                examples,
            }
        }
    };
    Analysis {
        path: page.path.clone(),
        kind: page.kind,
        content,
        diags,
    }
}

/// The outcome of reading a page of the tree.
#[derive(Debug, Clone)]
pub(crate) enum Read {
    /// The page was read and analysed.
    Page(Box<Analysis>),
    /// The file could not be read; the error diagnostic to report.
    Unreadable(Diagnostics),
}

/// A page read from the tree, with the base type its metadata declares.
struct Reading {
    read: Read,
    base: Option<String>,
}

/// The base type a resource page's metadata names, when its text
/// mentions `"baseType"` at all.
fn declared_base(page: &Page, text: &str) -> Option<String> {
    if !text.contains("\"baseType\"") {
        return None;
    }
    let block = crate::extract::read::types::resource_block(page)?;
    let base = block.metadata.as_ref()?.base_type.clone()??;
    Some(odata_type_name(&base).to_string())
}

/// Pages of a docs tree, analysed once each.
#[derive(Debug, Default)]
pub(crate) struct Analyses {
    root: PathBuf,
    /// Analysed pages the closure has not taken yet (looked up, never
    /// iterated).
    ready: HashMap<PathBuf, Read>,
    /// Every page analysed so far, with the base it declares (looked up,
    /// never iterated).
    bases: HashMap<PathBuf, Option<String>>,
}

impl Analyses {
    /// No page read yet, for the tree at `root`.
    pub(crate) fn new(root: &Path) -> Analyses {
        Analyses {
            root: root.to_path_buf(),
            ..Analyses::default()
        }
    }

    /// Analyses, in parallel, the pages (relative paths) not read yet.
    pub(crate) fn prefetch(&mut self, paths: &[PathBuf]) {
        let wanted: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| !self.ready.contains_key(*p) && !self.bases.contains_key(*p))
            .collect();
        let root = self.root.as_path();
        let read: Vec<(PathBuf, Reading)> = wanted
            .into_par_iter()
            .map(|relative| (relative.clone(), read_tree_page(root, relative)))
            .collect();
        for (relative, reading) in read {
            self.record(relative, reading);
        }
    }

    /// The analysis of a page, taken out of the store (read now if it was
    /// not prefetched).
    pub(crate) fn take(&mut self, relative: &Path) -> Read {
        if let Some(read) = self.ready.remove(relative) {
            return read;
        }
        let reading = read_tree_page(&self.root, relative);
        self.note_base(relative, &reading);
        reading.read
    }

    /// The resource pages among `candidates` whose metadata declares a
    /// base type, with that base, in path order. Pages not analysed yet
    /// are scanned in parallel; only those mentioning `"baseType"` are
    /// parsed (and kept for the closure).
    pub(crate) fn declared_bases(&mut self, candidates: &[PathBuf]) -> Vec<(PathBuf, String)> {
        let unread: Vec<&PathBuf> = candidates
            .iter()
            .filter(|p| !self.bases.contains_key(*p) && !self.ready.contains_key(*p))
            .collect();
        let root = self.root.as_path();
        let scanned: Vec<(PathBuf, Option<Reading>)> = unread
            .into_par_iter()
            .map(|relative| (relative.clone(), scan_for_base(root, relative)))
            .collect();
        for (relative, found) in scanned {
            if let Some(reading) = found {
                self.record(relative, reading);
            }
        }
        let mut out: Vec<(PathBuf, String)> = candidates
            .iter()
            .filter_map(|p| Some((p.clone(), self.bases.get(p)?.clone()?)))
            .collect();
        out.sort();
        out
    }

    fn record(&mut self, relative: PathBuf, reading: Reading) {
        self.note_base(&relative, &reading);
        self.ready.insert(relative, reading.read);
    }

    /// Remembers the base a readable page declares (unreadable pages
    /// declare nothing).
    fn note_base(&mut self, relative: &Path, reading: &Reading) {
        if matches!(reading.read, Read::Page(_)) {
            self.bases
                .insert(relative.to_path_buf(), reading.base.clone());
        }
    }
}

/// Reads, parses and analyses one page of the tree.
fn read_tree_page(root: &Path, relative: &Path) -> Reading {
    match read_text(root, relative) {
        Ok(text) => analyze_text(relative, &text),
        Err(diags) => Reading {
            read: Read::Unreadable(diags),
            base: None,
        },
    }
}

/// Reads a page only far enough to know whether it may declare a base;
/// analyses it when it does. `None` when it does not (or is unreadable:
/// the subtype rule skips such pages silently).
fn scan_for_base(root: &Path, relative: &Path) -> Option<Reading> {
    let text = read_text(root, relative).ok()?;
    if !text.contains("\"baseType\"") {
        return None;
    }
    Some(analyze_text(relative, &text))
}

fn analyze_text(relative: &Path, text: &str) -> Reading {
    let mut diags = Diagnostics::new();
    let page = docs::parse_page(relative, text, &mut diags);
    let base = declared_base(&page, text);
    Reading {
        read: Read::Page(Box::new(analyze(&page, diags))),
        base,
    }
}

/// The page's text, or the `unreadable-page` error.
fn read_text(root: &Path, relative: &Path) -> Result<String, Diagnostics> {
    docs::read_text(root, relative).map_err(|error| {
        let mut diags = Diagnostics::new();
        diags.error(relative, 0, "unreadable-page", error.to_string());
        diags
    })
}
