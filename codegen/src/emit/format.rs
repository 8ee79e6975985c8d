//! Tokens -> formatted file text, for every Rust file of a crate at once.
//!
//! Each file is described by a [`PendingFile`]: its path and a function
//! that builds its tokens. [`format_all`] builds and formats the files on
//! all cores (rayon); proc-macro2 token streams cannot cross threads, so a
//! file's tokens are built on the thread that formats them. The result is
//! in the order the files were given, and so is the error reported when
//! several files fail: the output does not depend on scheduling.
//!
//! Formatting is one parse of the tokens into a `syn::File` and one
//! prettyplease pass; the text is never parsed again. This module does not
//! know what the files contain.

use super::{EmitError, GeneratedFile};
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::path::PathBuf;

/// A Rust file still to be built and formatted.
pub struct PendingFile<'a> {
    /// Path relative to the crate root.
    pub path: PathBuf,
    /// Builds the file's tokens (run on a worker thread).
    pub tokens: Box<dyn Fn() -> TokenStream + Send + Sync + 'a>,
}

impl<'a> PendingFile<'a> {
    /// A file at `path` whose tokens `tokens` builds.
    pub fn new(
        path: impl Into<PathBuf>,
        tokens: impl Fn() -> TokenStream + Send + Sync + 'a,
    ) -> Self {
        PendingFile {
            path: path.into(),
            tokens: Box::new(tokens),
        }
    }
}

/// Builds and formats every file, each starting with the `header` line, in
/// parallel; the files come back in the order given. On failure, the error
/// of the first failing file in that order.
pub fn format_all(
    header: &str,
    pending: Vec<PendingFile<'_>>,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let results: Vec<Result<GeneratedFile, EmitError>> = pending
        .into_par_iter()
        .map(|file| format_file(file.path, header, (file.tokens)()))
        .collect();
    results.into_iter().collect()
}

/// Formats `tokens` as a Rust file with `header` comment lines first.
pub fn format_file(
    path: PathBuf,
    header: &str,
    tokens: TokenStream,
) -> Result<GeneratedFile, EmitError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|error| EmitError {
        path: path.clone(),
        message: error.to_string(),
    })?;
    let body = prettyplease::unparse(&file);
    let mut contents = String::with_capacity(header.len() + 1 + body.len());
    contents.push_str(header);
    contents.push('\n');
    contents.push_str(&body);
    Ok(GeneratedFile { path, contents })
}
