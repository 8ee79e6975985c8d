//! The generator's library entry: schema document -> files of the generated
//! crate, in memory ([`generate_files`]) or written atomically to a
//! directory ([`generate`]).
//!
//! This module only wires the stages together ([`crate::ir`], then
//! [`crate::emit`], then [`crate::write`]) and counts what they produced; it
//! knows no OpenAPI and no Rust syntax.

use crate::emit::{self, EmitConfig, EmitError, GeneratedFile, ReadmeExample};
use crate::ir::{self, IrError, TypeKind};
use crate::write::{WriteError, write_dir_atomically};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The committed schema, relative to the workspace root.
pub const DEFAULT_SCHEMA: &str = "schema/graph-calls.beta.json";

/// The generated crate, relative to the workspace root.
pub const DEFAULT_OUT: &str = "generated";

/// The command that regenerates the committed crate.
pub const DEFAULT_COMMAND: &str = "cargo run --release";

/// The generated crate in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedCrate {
    /// Every file, sorted by path, relative to the crate root.
    pub files: Vec<GeneratedFile>,
    /// What was generated.
    pub stats: Stats,
    /// Things worth telling the user that did not stop generation.
    pub warnings: Vec<String>,
}

/// Counts of what was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Structs.
    pub structs: usize,
    /// String enumerations.
    pub enums: usize,
    /// Polymorphic family enums.
    pub families: usize,
    /// Operations in the schema.
    pub operations: usize,
    /// Files.
    pub files: usize,
    /// Lines of all files.
    pub lines: usize,
}

impl Stats {
    /// Every generated type.
    pub fn types(&self) -> usize {
        self.structs + self.enums + self.families
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The schema file could not be read.
    #[error("cannot read the schema {path}: {source}")]
    Read {
        /// The schema file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The schema file is not JSON.
    #[error("the schema {path} is not valid JSON: {source}")]
    Parse {
        /// The schema file.
        path: PathBuf,
        /// The parser's error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// The schema does not follow the conventions.
    #[error("the schema has problems:\n{0}")]
    Schema(#[from] IrError),
    /// A generator bug.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The settings of the committed crate: its name, header text and README
/// example (the peer-to-peer create-call request).
pub fn default_emit_config() -> EmitConfig {
    EmitConfig {
        crate_name: "graph-calls".to_owned(),
        schema_label: DEFAULT_SCHEMA.to_owned(),
        regenerate_command: DEFAULT_COMMAND.to_owned(),
        readme_example: Some(ReadmeExample {
            operation_id: "call.create".to_owned(),
            example: "create-call-service-hosted-media-1".to_owned(),
        }),
    }
}

/// Generates the committed crate's files from a schema document, in memory.
/// Deterministic: the same document gives byte-identical files.
pub fn generate_files(document: &serde_json::Value) -> Result<GeneratedCrate, GenerateError> {
    generate_files_with(document, &default_emit_config())
}

/// Generates a crate's files from a schema document with `config`.
pub fn generate_files_with(
    document: &serde_json::Value,
    config: &EmitConfig,
) -> Result<GeneratedCrate, GenerateError> {
    let ir = ir::from_openapi(document)?;
    let (files, notes) = emit::emit_crate(&ir, config)?;
    let mut stats = Stats {
        operations: ir.operations.len(),
        files: files.len(),
        lines: files.iter().map(|f| f.contents.lines().count()).sum(),
        ..Stats::default()
    };
    for def in &ir.types {
        match def.kind {
            TypeKind::Struct(_) => stats.structs += 1,
            TypeKind::Enum(_) => stats.enums += 1,
            TypeKind::Family(_) => stats.families += 1,
        }
    }
    let warnings = notes.readme_example_problem.into_iter().collect();
    Ok(GeneratedCrate {
        files,
        stats,
        warnings,
    })
}

/// What to generate, from where, to where.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateConfig {
    /// The schema file.
    pub schema: PathBuf,
    /// The crate directory, replaced as a whole.
    pub out: PathBuf,
    /// Names and headers of the generated crate.
    pub emit: EmitConfig,
}

/// The result of [`generate`].
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateReport {
    /// What was generated.
    pub stats: Stats,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
    /// Generating in memory (IR, tokens, formatting).
    pub generating: Duration,
    /// Whether the output directory already held exactly these files, so
    /// nothing was written.
    pub unchanged: bool,
    /// Reading, generating and writing.
    pub elapsed: Duration,
}

/// Reads the schema, generates the crate and swaps it into `config.out`
/// atomically: on any error the previous directory is left as it was. When
/// the directory already holds exactly the generated files, it is left
/// untouched (no write, no new modification times for cargo to rebuild on).
pub fn generate(config: &GenerateConfig) -> Result<GenerateReport, GenerateError> {
    let start = Instant::now();
    let document = read_schema(&config.schema)?;
    let generating = Instant::now();
    let generated = generate_files_with(&document, &config.emit)?;
    let generating = generating.elapsed();
    let files: Vec<(PathBuf, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|f| (f.path, f.contents.into_bytes()))
        .collect();
    let unchanged = directory_holds(&config.out, &files);
    if !unchanged {
        write_dir_atomically(&config.out, &files)?;
    }
    Ok(GenerateReport {
        stats: generated.stats,
        warnings: generated.warnings,
        generating,
        unchanged,
        elapsed: start.elapsed(),
    })
}

/// Whether `dir` holds exactly `files` (the same relative paths, the same
/// bytes, nothing else). Any error reading it means no.
fn directory_holds(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> bool {
    let mut on_disk = BTreeSet::new();
    if !list_files(dir, Path::new(""), &mut on_disk) || on_disk.len() != files.len() {
        return false;
    }
    files.iter().all(|(relative, contents)| {
        on_disk.contains(relative)
            && std::fs::read(dir.join(relative)).is_ok_and(|bytes| bytes == *contents)
    })
}

/// Adds the files under `dir/relative` to `out` (relative to `dir`);
/// `false` when a listing fails.
fn list_files(dir: &Path, relative: &Path, out: &mut BTreeSet<PathBuf>) -> bool {
    let Ok(entries) = std::fs::read_dir(dir.join(relative)) else {
        return false;
    };
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let path = relative.join(entry.file_name());
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                if !list_files(dir, &path, out) {
                    return false;
                }
            }
            Ok(_) => {
                out.insert(path);
            }
            Err(_) => return false,
        }
    }
    true
}

/// Reads and parses a schema file (strict JSON, with serde_json's nesting
/// limit).
pub fn read_schema(path: &Path) -> Result<serde_json::Value, GenerateError> {
    let text = std::fs::read_to_string(path).map_err(|source| GenerateError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| GenerateError::Parse {
        path: path.to_path_buf(),
        source,
    })
}

/// The workspace root: the nearest directory at or above `start` holding
/// both a `Cargo.toml` and the committed schema, else the directory this
/// crate was built in.
pub fn workspace_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join(DEFAULT_SCHEMA).is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            manifest.parent().unwrap_or(manifest).to_path_buf()
        })
}
