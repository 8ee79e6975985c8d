//! The generator's library entry: schema document -> files of the generated
//! crate, in memory ([`generate_files`]) or written atomically to a
//! directory ([`generate`]); or, for a consumer's build script, the same
//! modules as one Rust file to `include!` ([`generate_for_build_script`],
//! [`single_file`]).
//!
//! This module only wires the stages together ([`crate::ir`], then
//! [`crate::emit`], then [`crate::write`]) and counts what they produced; it
//! knows no OpenAPI and no Rust syntax.

use crate::emit::{self, EmitConfig, EmitError, GeneratedFile, ReadmeExample};
use crate::ir::{self, IrError, TypeKind};
use crate::write::{WriteError, write_dir_atomically};
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
    /// Unions of object types (a notification's `resourceData`).
    pub unions: usize,
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
        self.structs + self.enums + self.families + self.unions
    }

    /// The counts as the CLI prints them: `106 types (73 structs, 26 enums,
    /// 6 families, 1 union) and 29 operations`.
    pub fn summary(&self) -> String {
        let unions = match self.unions {
            0 => String::new(),
            1 => ", 1 union".to_owned(),
            n => format!(", {n} unions"),
        };
        format!(
            "{} types ({} structs, {} enums, {} families{unions}) and {} operations",
            self.types(),
            self.structs,
            self.enums,
            self.families,
            self.operations
        )
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
    /// Warnings were denied (`--deny-warnings`); nothing was written.
    #[error("{} warning(s) denied, nothing written:\n{}", .0.len(), .0.join("\n"))]
    DeniedWarnings(Vec<String>),
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
        conformance_feature: true,
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
    generate_from_ir(&ir, config)
}

/// Generates a crate's files from its IR with `config`.
fn generate_from_ir(ir: &ir::Ir, config: &EmitConfig) -> Result<GeneratedCrate, GenerateError> {
    let (files, notes) = emit::emit_crate(ir, config)?;
    let stats = Stats {
        files: files.len(),
        lines: files.iter().map(|f| f.contents.lines().count()).sum(),
        ..type_counts(ir)
    };
    let warnings = untyped_warnings(ir)
        .chain(notes.readme_example_problem)
        .collect();
    Ok(GeneratedCrate {
        files,
        stats,
        warnings,
    })
}

/// The types and operations of `ir`, counted (no files yet).
fn type_counts(ir: &ir::Ir) -> Stats {
    let mut stats = Stats {
        operations: ir.operations.len(),
        ..Stats::default()
    };
    for def in &ir.types {
        match def.kind {
            TypeKind::Struct(_) => stats.structs += 1,
            TypeKind::Enum(_) => stats.enums += 1,
            TypeKind::Family(_) => stats.families += 1,
            TypeKind::Union(_) => stats.unions += 1,
        }
    }
    stats
}

/// The IR's fallbacks to any JSON value, as warnings (`untyped`, with the
/// schema's JSON pointer).
fn untyped_warnings(ir: &ir::Ir) -> impl Iterator<Item = String> + '_ {
    ir.untyped
        .iter()
        .map(|problem| format!("[untyped] {problem}"))
}

/// Like [`generate_files_with`], but an operation the generator rejects
/// (a schema problem at `/paths/<path>/<method>`, such as a path no request
/// function can be built from) is left out of the document instead of
/// failing the whole crate. Returns the crate and every problem that made
/// an operation be left out. Any other schema problem is still an error.
/// For documents whose operations are not all curated (the whole beta
/// reference); the committed crate uses the strict form.
pub fn generate_files_leaving_out_operations(
    document: &serde_json::Value,
    config: &EmitConfig,
) -> Result<(GeneratedCrate, Vec<ir::SchemaProblem>), GenerateError> {
    let (ir, left_out) = ir_leaving_out_operations(document)?;
    Ok((generate_from_ir(&ir, config)?, left_out))
}

/// The IR of `document` without the operations it rejects: each round
/// removes every operation a problem points into and reads the document
/// again (the IR reports all its problems at once, so one round is the
/// usual case); only the IR is built again, the crate is emitted once.
fn ir_leaving_out_operations(
    document: &serde_json::Value,
) -> Result<(ir::Ir, Vec<ir::SchemaProblem>), GenerateError> {
    let mut document = std::borrow::Cow::Borrowed(document);
    let mut left_out = Vec::new();
    loop {
        let error = match ir::from_openapi(&document) {
            Ok(ir) => return Ok((ir, left_out)),
            Err(error) => error,
        };
        let operations: Vec<(String, String)> = error
            .problems
            .iter()
            .filter_map(|problem| operation_at(&problem.pointer))
            .collect();
        if operations.len() != error.problems.len() {
            return Err(GenerateError::Schema(error));
        }
        let paths = document
            .to_mut()
            .get_mut("paths")
            .and_then(|p| p.as_object_mut());
        let Some(paths) = paths else {
            return Err(GenerateError::Schema(error));
        };
        let mut removed = 0;
        for (path, method) in &operations {
            if let Some(item) = paths.get_mut(path).and_then(|i| i.as_object_mut()) {
                removed += usize::from(item.remove(method).is_some());
            }
        }
        if removed == 0 {
            return Err(GenerateError::Schema(error));
        }
        paths.retain(|_, item| item.as_object().is_none_or(|i| !i.is_empty()));
        left_out.extend(error.problems);
    }
}

/// The (path, method) of a pointer `/paths/<escaped path>/<method>`.
fn operation_at(pointer: &str) -> Option<(String, String)> {
    let rest = pointer.strip_prefix("/paths/")?;
    let (path, method) = rest.rsplit_once('/')?;
    if method.is_empty() || method.chars().any(|c| !c.is_ascii_lowercase()) {
        return None;
    }
    Some((
        path.replace("~1", "/").replace("~0", "~"),
        method.to_owned(),
    ))
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
    /// Whether a warning (a value typed looser than the schema states, a
    /// README example that cannot be shown) fails the generation before
    /// anything is written.
    pub deny_warnings: bool,
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
    rayon::spawn_broadcast(|_| crate::emit::prepare_templates());
    let document = read_schema(&config.schema)?;
    let generating = Instant::now();
    let generated = generate_files_with(&document, &config.emit)?;
    let generating = generating.elapsed();
    if config.deny_warnings && !generated.warnings.is_empty() {
        return Err(GenerateError::DeniedWarnings(generated.warnings));
    }
    let files: Vec<(PathBuf, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|f| (f.path, f.contents.into_bytes()))
        .collect();
    let unchanged = crate::file_tree::holds_exactly(&config.out, &files);
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

/// Reads and parses a schema file (strict JSON, with serde_json's nesting
/// limit; a key repeated within one object is an error, not silently lost).
pub fn read_schema(path: &Path) -> Result<serde_json::Value, GenerateError> {
    let text = std::fs::read_to_string(path).map_err(|source| GenerateError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    crate::unique_keys::from_str(&text).map_err(|source| GenerateError::Parse {
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

/// The settings for a build script's single file: no README example (the
/// file has no crate README), headers naming the schema and the build
/// script.
pub fn build_script_emit_config(schema: &Path) -> EmitConfig {
    EmitConfig {
        crate_name: "graph-calls".to_owned(),
        schema_label: schema.display().to_string(),
        regenerate_command: "cargo build (build.rs)".to_owned(),
        readme_example: None,
        conformance_feature: false,
    }
}

/// For a consumer's `build.rs`: reads the schema at `schema` and writes the
/// generated modules as one Rust file at `out_file` (atomically), to be
/// `include!`d at the root of the consumer's library:
///
/// ```text
/// include!(concat!(env!("OUT_DIR"), "/graph_calls.rs"));
/// ```
///
/// The generated code names its types `crate::models::...`, so the file
/// must be included at the crate root, and the crate needs the generated
/// crate's dependencies (`callgen-client`, `callgen-runtime`, `serde`,
/// `serde_json`).
pub fn generate_for_build_script(schema: &Path, out_file: &Path) -> Result<Stats, GenerateError> {
    let document = read_schema(schema)?;
    let config = build_script_emit_config(schema);
    let ir = ir::from_openapi(&document)?;
    let header = format!(
        "// @generated by callgen from {}. Do not edit: written by the build script.",
        config.schema_label
    );
    let text = emit::emit_single_file(&ir, &config, &header)?;
    crate::write::write_file_atomically(out_file, text.as_bytes())?;
    Ok(Stats {
        files: 1,
        lines: text.lines().count(),
        ..type_counts(&ir)
    })
}
