//! Where pages come from: a docs tree, single files, or both.
//!
//! Finds resource and method pages by file stem (case-insensitively, as the
//! docs' links need) and lists the tree's pages; reading them is
//! [`crate::extract::read::analysis`]'s job. Single files given as roots (the
//! side-by-side seed page) are pages of their own, parsed when added and
//! classified by content when their path says nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::docs::model::{Page, PageKind, SectionKind};
use crate::docs::{self, DocsTree};

use crate::extract::ExtractError;
use crate::extract::read::walk;

/// The pages available to an extraction.
pub(crate) struct Library {
    tree: Option<(PathBuf, DocsTree)>,
    /// Single-file pages by lowercased stem.
    files: BTreeMap<String, Page>,
}

impl Library {
    /// A library over a docs tree (`root` holds `api-reference/beta/...`).
    pub(crate) fn open_tree(root: &Path) -> Result<Library, ExtractError> {
        let tree = DocsTree::open(root).map_err(|source| ExtractError::Docs {
            path: root.to_path_buf(),
            message: source.to_string(),
        })?;
        Ok(Library {
            tree: Some((root.to_path_buf(), tree)),
            files: BTreeMap::new(),
        })
    }

    /// A library with no tree (single files only).
    pub(crate) fn empty() -> Library {
        Library {
            tree: None,
            files: BTreeMap::new(),
        }
    }

    /// Adds a single file as a page; returns its path as pages name it.
    pub(crate) fn add_file(
        &mut self,
        file: &Path,
        diags: &mut Diagnostics,
    ) -> Result<PathBuf, ExtractError> {
        let text = std::fs::read_to_string(file).map_err(|source| ExtractError::Read {
            path: file.to_path_buf(),
            source,
        })?;
        // The page is named by its file name: diagnostics and provenance
        // stay the same wherever the file lives.
        let name = file
            .file_name()
            .map_or_else(|| file.to_path_buf(), PathBuf::from);
        let mut page = docs::parse_page(&name, &text, diags);
        if page.kind == PageKind::Other {
            page.kind = classify(&page);
        }
        let stem = stem_of(file);
        let path = page.path.clone();
        self.files.insert(stem, page);
        Ok(path)
    }

    /// The docs root, if there is a tree.
    pub(crate) fn root(&self) -> Option<&Path> {
        self.tree.as_ref().map(|(root, _)| root.as_path())
    }

    /// Whether `relative` is a file of the tree: a listed page, else asked
    /// of the file system.
    pub(crate) fn has_tree_file(&self, relative: &Path) -> bool {
        match &self.tree {
            Some((_, tree)) if tree.lists(relative) => true,
            Some((root, _)) => root.join(relative).is_file(),
            None => false,
        }
    }

    /// Where the resource page with this stem is (case-insensitive).
    pub(crate) fn locate_resource(&self, stem: &str) -> Option<Found<'_>> {
        self.locate(stem, PageKind::Resource)
    }

    /// Where the method page with this stem is (case-insensitive).
    pub(crate) fn locate_method(&self, stem: &str) -> Option<Found<'_>> {
        self.locate(stem, PageKind::Method)
    }

    /// Reads the enums page, if the tree has one.
    pub(crate) fn enums(&self, diags: &mut Diagnostics) -> Option<Page> {
        self.find("enums", PageKind::Enums, diags)
            .or_else(|| self.find("enums", PageKind::Resource, diags))
            .filter(|p| p.kind == PageKind::Enums || stem_of(&p.path) == "enums")
    }

    /// A page given as a single file (by its path as added).
    pub(crate) fn file_page(&self, path: &Path) -> Option<&Page> {
        self.files.values().find(|p| p.path == path)
    }

    /// A single file of this kind and stem first, else the tree's page.
    fn locate(&self, stem: &str, kind: PageKind) -> Option<Found<'_>> {
        let lower = stem.to_ascii_lowercase();
        if let Some(page) = self.files.get(&lower).filter(|p| p.kind == kind) {
            return Some(Found::File(page));
        }
        let (_, tree) = self.tree.as_ref()?;
        let relative = match kind {
            PageKind::Method => tree.find_method(&lower)?,
            _ => tree.find_resource(&lower)?,
        };
        Some(Found::Tree(relative))
    }

    fn find(&self, stem: &str, kind: PageKind, diags: &mut Diagnostics) -> Option<Page> {
        match self.locate(stem, kind)? {
            Found::File(page) => Some(page.clone()),
            Found::Tree(relative) => {
                let (root, _) = self.tree.as_ref()?;
                read(root, &relative, diags)
            }
        }
    }

    /// The tree's resource pages (enums.md included), sorted.
    pub(crate) fn resource_pages(&self) -> &[PathBuf] {
        self.tree
            .as_ref()
            .map_or(&[][..], |(_, tree)| tree.resource_pages())
    }

    /// The stems of the tree's method pages named `<type>-<action>` after
    /// this type or page stem (case-insensitive), sorted.
    pub(crate) fn method_stems_named_after(&self, type_name: &str) -> Vec<String> {
        match self.tree.as_ref() {
            Some((_, tree)) if !type_name.is_empty() => {
                tree.method_stems_starting_with(&format!("{type_name}-"))
            }
            _ => Vec::new(),
        }
    }
}

/// Where a page is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found<'a> {
    /// A single file given to the extraction, already parsed.
    File(&'a Page),
    /// A page of the tree, by its path relative to the root.
    Tree(PathBuf),
}

fn read(root: &Path, relative: &Path, diags: &mut Diagnostics) -> Option<Page> {
    match docs::read_page(root, relative, diags) {
        Ok(page) => Some(page),
        Err(error) => {
            diags.error(relative, 0, "unreadable-page", error.to_string());
            None
        }
    }
}

/// The lowercased file stem of a path.
pub(crate) fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A single file outside the tree's folders: a method page when it shows an
/// HTTP request section, else a resource page.
fn classify(page: &Page) -> PageKind {
    if walk::first_section(page, &SectionKind::HttpRequest).is_some() {
        PageKind::Method
    } else {
        PageKind::Resource
    }
}
