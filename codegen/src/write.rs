//! Atomic output: nothing is ever left half-written.
//!
//! A single file is written to a temporary file in the same directory and
//! renamed over the target. A whole directory is built as a sibling temporary
//! directory and swapped in with two renames, so an error or an interrupt
//! leaves either the old directory or the new one, never a mix. This module
//! knows nothing of what the files contain.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// An error while writing output, naming the path involved.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// The path that could not be written.
    pub path: PathBuf,
    /// The underlying I/O error.
    #[source]
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `contents` to `path` atomically (temporary file + rename).
pub fn write_file_atomically(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir).map_err(at(&dir))?;
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(at(&dir))?;
    temp.write_all(contents).map_err(at(path))?;
    temp.as_file().sync_all().map_err(at(path))?;
    temp.persist(path).map_err(|e| WriteError {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Replaces the directory `dir` with exactly `files` (paths relative to
/// `dir`), atomically: the new tree is written to a sibling temporary
/// directory first, then swapped in. Files under `dir` that are not in
/// `files` are removed by the swap. Relative paths must not escape `dir`.
pub fn write_dir_atomically(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteError> {
    let parent = parent_dir(dir);
    fs::create_dir_all(&parent).map_err(at(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".callgen-staging-")
        .tempdir_in(&parent)
        .map_err(at(&parent))?;
    for (relative, contents) in files {
        let target = staging.path().join(checked_relative(relative)?);
        let target_dir = parent_dir(&target);
        fs::create_dir_all(&target_dir).map_err(at(&target_dir))?;
        fs::write(&target, contents).map_err(at(&target))?;
    }
    swap_in(staging, dir)
}

/// Moves the staged directory to `dir`, keeping the old one until the new
/// one is in place.
fn swap_in(staging: tempfile::TempDir, dir: &Path) -> Result<(), WriteError> {
    let parent = parent_dir(dir);
    let staged = staging.keep();
    if !dir.exists() {
        return fs::rename(&staged, dir).map_err(at(dir));
    }
    let retired = tempfile::Builder::new()
        .prefix(".callgen-old-")
        .tempdir_in(&parent)
        .map_err(at(&parent))?
        .keep();
    // `retired` exists as an empty directory; rename needs it gone.
    fs::remove_dir(&retired).map_err(at(&retired))?;
    if let Err(source) = fs::rename(dir, &retired) {
        let _ = fs::remove_dir_all(&staged);
        return Err(WriteError {
            path: dir.to_path_buf(),
            source,
        });
    }
    if let Err(source) = fs::rename(&staged, dir) {
        // Put the old tree back so nothing is lost.
        let _ = fs::rename(&retired, dir);
        let _ = fs::remove_dir_all(&staged);
        return Err(WriteError {
            path: dir.to_path_buf(),
            source,
        });
    }
    fs::remove_dir_all(&retired).map_err(at(&retired))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn checked_relative(path: &Path) -> Result<&Path, WriteError> {
    let escapes = path.is_absolute()
        || path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(WriteError {
            path: path.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::InvalidInput,
                "output paths must stay inside the output directory",
            ),
        });
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.json");
        write_file_atomically(&path, b"one").unwrap();
        write_file_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path().join("a")).unwrap().count(), 1);
    }

    #[test]
    fn directory_is_swapped_and_stale_files_go() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("generated");
        write_dir_atomically(&out, &[("old.rs".into(), b"old".to_vec())]).unwrap();
        write_dir_atomically(&out, &[("src/new.rs".into(), b"new".to_vec())]).unwrap();
        assert!(!out.join("old.rs").exists());
        assert_eq!(fs::read(out.join("src/new.rs")).unwrap(), b"new");
        let leftovers: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or retired directory left");
    }

    #[test]
    fn escaping_path_is_refused_and_old_tree_kept() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("generated");
        write_dir_atomically(&out, &[("keep.rs".into(), b"keep".to_vec())]).unwrap();
        let err = write_dir_atomically(&out, &[("../evil.rs".into(), b"x".to_vec())]);
        assert!(err.is_err());
        assert_eq!(fs::read(out.join("keep.rs")).unwrap(), b"keep");
        assert!(!root.path().join("evil.rs").exists());
        let entries: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "staging directory removed on error");
    }
}
