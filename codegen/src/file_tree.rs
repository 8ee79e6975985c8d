//! A directory of text files held in memory: read whole, compared with the
//! files a stage would write, and told apart file by file (changed,
//! missing, not generated) with line counts and a diff excerpt. `check`
//! reports staleness with it, `generate` skips a write that would change
//! nothing, and the workspace's drift test names the files out of date.

use similar::{ChangeTag, TextDiff};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A file or directory that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct ReadError {
    /// The file or directory.
    pub path: PathBuf,
    /// The I/O error.
    #[source]
    pub source: std::io::Error,
}

/// Lines of unified diff kept per changed file.
pub const EXCERPT_LINES: usize = 12;

/// How a file on disk differs from what the inputs give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DifferenceKind {
    /// Both exist with different contents.
    Changed,
    /// The inputs give the file; it is not on disk.
    Missing,
    /// The file is on disk; the inputs do not give it.
    NotGenerated,
}

impl DifferenceKind {
    /// The word shown in the report.
    pub fn label(self) -> &'static str {
        match self {
            DifferenceKind::Changed => "changed",
            DifferenceKind::Missing => "missing",
            DifferenceKind::NotGenerated => "extra",
        }
    }
}

/// One file that is not what the inputs give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDifference {
    /// The file: the schema path, or the generated directory joined with
    /// the file's path in the crate.
    pub path: PathBuf,
    /// How it differs.
    pub kind: DifferenceKind,
    /// Lines regeneration would add.
    pub lines_added: usize,
    /// Lines regeneration would remove.
    pub lines_removed: usize,
    /// The first lines of a unified diff (on disk -> regenerated), at most
    /// [`EXCERPT_LINES`]; empty for missing and extra files.
    pub excerpt: Vec<String>,
}

/// The file's text, `None` when it does not exist.
pub fn read_optional(path: &Path) -> Result<Option<String>, ReadError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ReadError {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Every file under `dir`, by path relative to `dir`; empty when `dir`
/// does not exist. Bytes that are not UTF-8 are read lossily (so they
/// differ from any generated text).
pub fn read_tree(dir: &Path) -> Result<BTreeMap<PathBuf, String>, ReadError> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|source| ReadError {
            path: current.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| ReadError {
                path: current.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Some(text) = read_optional(&path)? {
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                files.insert(relative, text);
            }
        }
    }
    Ok(files)
}

/// Whether `dir` holds exactly `files` (the same relative paths, the same
/// bytes, nothing else). Any error reading it means no.
pub fn holds_exactly(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> bool {
    let Ok(on_disk) = read_tree(dir) else {
        return false;
    };
    on_disk.len() == files.len()
        && files.iter().all(|(relative, contents)| {
            on_disk
                .get(relative)
                .is_some_and(|text| text.as_bytes() == contents.as_slice())
        })
}

/// The differences between the files on disk and the expected ones, by
/// path; paths are reported joined to `dir`.
pub fn compare_trees(
    dir: &Path,
    on_disk: &BTreeMap<PathBuf, String>,
    expected: &BTreeMap<PathBuf, String>,
) -> Vec<FileDifference> {
    let mut paths: Vec<&PathBuf> = on_disk.keys().chain(expected.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|relative| {
            compare_text(
                &dir.join(relative),
                on_disk.get(relative).map(String::as_str),
                expected.get(relative).map(String::as_str),
            )
        })
        .collect()
}

/// How `on_disk` differs from `expected`, if it does.
pub fn compare_text(
    path: &Path,
    on_disk: Option<&str>,
    expected: Option<&str>,
) -> Option<FileDifference> {
    let (kind, old, new) = match (on_disk, expected) {
        (Some(old), Some(new)) if old == new => return None,
        (Some(old), Some(new)) => (DifferenceKind::Changed, old, new),
        (None, Some(new)) => (DifferenceKind::Missing, "", new),
        (Some(old), None) => (DifferenceKind::NotGenerated, old, ""),
        (None, None) => return None,
    };
    let diff = TextDiff::configure()
        .timeout(Duration::from_secs(2))
        .diff_lines(old, new);
    let mut difference = FileDifference {
        path: path.to_path_buf(),
        kind,
        lines_added: 0,
        lines_removed: 0,
        excerpt: Vec::new(),
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => difference.lines_added += 1,
            ChangeTag::Delete => difference.lines_removed += 1,
            ChangeTag::Equal => {}
        }
    }
    if kind == DifferenceKind::Changed {
        let unified = diff.unified_diff().context_radius(1).to_string();
        difference.excerpt = unified
            .lines()
            .take(EXCERPT_LINES)
            .map(str::to_owned)
            .collect();
    }
    Some(difference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_text_is_no_difference() {
        assert_eq!(compare_text(Path::new("a"), Some("x\n"), Some("x\n")), None);
    }

    #[test]
    fn changed_text_counts_lines_and_keeps_an_excerpt() {
        let difference = compare_text(
            Path::new("a.rs"),
            Some("one\ntwo\nthree\n"),
            Some("one\n2\nthree\nfour\n"),
        )
        .unwrap();
        assert_eq!(difference.kind, DifferenceKind::Changed);
        assert_eq!((difference.lines_added, difference.lines_removed), (2, 1));
        assert!(
            difference.excerpt.iter().any(|l| l == "-two"),
            "{difference:?}"
        );
        assert!(
            difference.excerpt.iter().any(|l| l == "+2"),
            "{difference:?}"
        );
    }

    #[test]
    fn missing_and_extra_files_are_told_apart() {
        let missing = compare_text(Path::new("m"), None, Some("a\nb\n")).unwrap();
        assert_eq!(
            (missing.kind, missing.lines_added),
            (DifferenceKind::Missing, 2)
        );
        let extra = compare_text(Path::new("e"), Some("a\n"), None).unwrap();
        assert_eq!(
            (extra.kind, extra.lines_removed),
            (DifferenceKind::NotGenerated, 1)
        );
        assert!(missing.excerpt.is_empty() && extra.excerpt.is_empty());
    }
}
