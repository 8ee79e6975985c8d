//! The docs tree on disk: which resource and method pages exist.
//!
//! Lists `api-reference/beta/resources/*.md` and `api-reference/beta/api/*.md`
//! (sorted) and finds a page by file stem case-insensitively, because links
//! say `chatinfo.md` for `chatInfo.md`. It does not read the pages.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::docs::DocsError;

const BETA: &str = "api-reference/beta";

/// The pages of one docs tree.
#[derive(Debug, Clone)]
pub struct DocsTree {
    root: PathBuf,
    resources: Vec<PathBuf>,
    methods: Vec<PathBuf>,
    resources_by_stem: BTreeMap<String, Vec<PathBuf>>,
    methods_by_stem: BTreeMap<String, Vec<PathBuf>>,
}

impl DocsTree {
    /// Lists the pages under `root`, the folder that contains
    /// `api-reference/beta/`. An error when that folder is missing or a
    /// listing fails; a missing `resources` or `api` folder is just empty.
    pub fn open(root: &Path) -> Result<DocsTree, DocsError> {
        let beta = root.join(BETA);
        if !beta.is_dir() {
            return Err(DocsError::MissingBeta {
                root: root.to_path_buf(),
            });
        }
        let resources = list_pages(root, "resources")?;
        let methods = list_pages(root, "api")?;
        Ok(DocsTree {
            root: root.to_path_buf(),
            resources_by_stem: by_stem(&resources),
            methods_by_stem: by_stem(&methods),
            resources,
            methods,
        })
    }

    /// The docs root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resource pages (enums.md included), relative to the root, sorted.
    pub fn resource_pages(&self) -> &[PathBuf] {
        &self.resources
    }

    /// Method pages, relative to the root, sorted.
    pub fn method_pages(&self) -> &[PathBuf] {
        &self.methods
    }

    /// Whether `relative` is one of the listed resource or method pages
    /// (the path exactly as listed, such as
    /// `api-reference/beta/api/call-answer.md`).
    pub fn lists(&self, relative: &Path) -> bool {
        let Some(key) = stem_key(relative) else {
            return false;
        };
        [&self.resources_by_stem, &self.methods_by_stem]
            .iter()
            .filter_map(|by_stem| by_stem.get(&key))
            .any(|pages| pages.iter().any(|page| page == relative))
    }

    /// The resource page whose file stem is `stem`, ignoring case; an exact
    /// case match wins when several pages differ only by case.
    pub fn find_resource(&self, stem: &str) -> Option<PathBuf> {
        find(&self.resources_by_stem, stem)
    }

    /// The method page whose file stem is `stem`, ignoring case.
    pub fn find_method(&self, stem: &str) -> Option<PathBuf> {
        find(&self.methods_by_stem, stem)
    }

    /// The lowercased stems of the method pages whose stem starts with
    /// `prefix` (ignoring case), sorted.
    pub fn method_stems_starting_with(&self, prefix: &str) -> Vec<String> {
        let prefix = prefix.to_lowercase();
        self.methods_by_stem
            .range(prefix.clone()..)
            .take_while(|(stem, _)| stem.starts_with(&prefix))
            .map(|(stem, _)| stem.clone())
            .collect()
    }
}

fn list_pages(root: &Path, folder: &str) -> Result<Vec<PathBuf>, DocsError> {
    let relative_dir = Path::new(BETA).join(folder);
    let dir = root.join(&relative_dir);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let read_error = |source| DocsError::Read {
        path: dir.clone(),
        source,
    };
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let name = entry.file_name();
        let is_page = Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if is_page && is_file(&entry) {
            names.push(name);
        }
    }
    // The paths share their folder, so sorting the file names sorts the
    // paths, without comparing paths component by component.
    names.sort_unstable();
    Ok(names
        .into_iter()
        .map(|name| relative_dir.join(name))
        .collect())
}

/// Whether a directory entry is a file (following a symbolic link), asking
/// the file system only when the entry's type does not say.
fn is_file(entry: &fs::DirEntry) -> bool {
    match entry.file_type() {
        Ok(kind) if kind.is_file() => true,
        Ok(kind) if kind.is_dir() => false,
        _ => entry.path().is_file(),
    }
}

fn stem_key(path: &Path) -> Option<String> {
    Some(path.file_stem()?.to_str()?.to_lowercase())
}

fn by_stem(pages: &[PathBuf]) -> BTreeMap<String, Vec<PathBuf>> {
    let mut map: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for page in pages {
        if let Some(key) = stem_key(page) {
            map.entry(key).or_default().push(page.clone());
        }
    }
    map
}

fn find(map: &BTreeMap<String, Vec<PathBuf>>, stem: &str) -> Option<PathBuf> {
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let candidates = map.get(&stem.to_lowercase())?;
    let exact = candidates
        .iter()
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem));
    exact.or(candidates.first()).cloned()
}
