//! Which docs tree the committed schema comes from, recorded in one place:
//! `schema/source.json`. `check`, the tests and CI read it to find the tree
//! inside the corpora folder (`GRAPH_DOCS_DIR`); `callgen update` writes it.
//! Nothing else names the tree the committed schema is extracted from.

use crate::write::{WriteError, write_file_atomically};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The record's path, relative to the workspace root.
pub const SOURCE_FILE: &str = "schema/source.json";

/// What the record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchemaSource {
    /// What the record is, for a reader who opens the file.
    pub description: String,
    /// The docs tree's folder name inside the corpora folder
    /// (`en-2021-07` in `../shared/graph-docs`).
    pub docs_tree: String,
}

/// Why the record could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The record's path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not the record's JSON.
    #[error("{path} is not a schema source record: {source}")]
    Parse {
        /// The record's path.
        path: PathBuf,
        /// The parser's error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// The docs tree's name is not one folder name.
    #[error("{path}: `docsTree` must be one folder name, not `{docs_tree}`")]
    NotAFolderName {
        /// The record's path.
        path: PathBuf,
        /// The name as written.
        docs_tree: String,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl SchemaSource {
    /// The record for the docs tree `docs_tree` (a folder name).
    pub fn new(docs_tree: impl Into<String>) -> Self {
        SchemaSource {
            description: "The docs tree the committed schema is extracted from: a folder of the corpora folder (GRAPH_DOCS_DIR, default ../shared/graph-docs). Written by `callgen update`; read by `callgen check --docs-root`, the tests and CI.".to_owned(),
            docs_tree: docs_tree.into(),
        }
    }

    /// Reads the record of the workspace at `root`.
    pub fn read(root: &Path) -> Result<SchemaSource, SourceError> {
        let path = root.join(SOURCE_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| SourceError::Read {
            path: path.clone(),
            source,
        })?;
        let record: SchemaSource =
            serde_json::from_str(&text).map_err(|source| SourceError::Parse {
                path: path.clone(),
                source,
            })?;
        if !is_folder_name(&record.docs_tree) {
            return Err(SourceError::NotAFolderName {
                path,
                docs_tree: record.docs_tree,
            });
        }
        Ok(record)
    }

    /// Writes the record of the workspace at `root`, atomically.
    pub fn write(&self, root: &Path) -> Result<(), SourceError> {
        let mut text = serde_json::to_string_pretty(self).map_err(|source| SourceError::Parse {
            path: root.join(SOURCE_FILE),
            source,
        })?;
        text.push('\n');
        write_file_atomically(&root.join(SOURCE_FILE), text.as_bytes())?;
        Ok(())
    }

    /// The docs tree inside the corpora folder `corpora`.
    pub fn docs_dir(&self, corpora: &Path) -> PathBuf {
        corpora.join(&self.docs_tree)
    }
}

/// Whether `name` names one folder (no separator, not `.` or `..`).
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_written_and_read_back() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("schema")).unwrap();
        SchemaSource::new("en-2023-01").write(root.path()).unwrap();
        let record = SchemaSource::read(root.path()).unwrap();
        assert_eq!(record.docs_tree, "en-2023-01");
        assert_eq!(
            record.docs_dir(Path::new("/corpora")),
            Path::new("/corpora/en-2023-01")
        );
    }

    #[test]
    fn a_path_or_a_missing_record_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        let error = SchemaSource::read(root.path()).unwrap_err();
        assert!(matches!(error, SourceError::Read { .. }), "{error}");
        std::fs::create_dir(root.path().join("schema")).unwrap();
        std::fs::write(
            root.path().join(SOURCE_FILE),
            r#"{"description": "", "docsTree": "../elsewhere"}"#,
        )
        .unwrap();
        let error = SchemaSource::read(root.path()).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("`docsTree` must be one folder name, not `../elsewhere`"),
            "{error}"
        );
    }
}
