//! Tokens -> formatted file text, for every Rust file of a crate at once.
//!
//! Each file is described by a [`PendingFile`]: its path and a function
//! that builds its tokens or directly its syntax tree. [`format_all`] builds
//! and formats the files on all cores (rayon); proc-macro2 tokens and syn
//! trees cannot cross threads, so a file is built on the thread that
//! formats it. The result is
//! in the order the files were given, and so is the error reported when
//! several files fail: the output does not depend on scheduling.
//!
//! Formatting is at most one parse of the tokens into a `syn::File` and one
//! prettyplease pass; the text is never parsed again. This module does not
//! know what the files contain.

use super::{EmitError, GeneratedFile};
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A Rust file still to be built and formatted.
pub struct PendingFile<'a> {
    /// Path relative to the crate root.
    pub path: PathBuf,
    /// Builds the file's syntax tree (run on a worker thread).
    build: Box<BuildTree<'a>>,
    /// A comment written after the header (a file `include!`d into its
    /// module cannot carry `//!` docs), one `//` line per line; may be empty.
    lead: String,
}

/// A function building a file's syntax tree from its path.
type BuildTree<'a> = dyn Fn(&Path) -> Result<syn::File, EmitError> + Send + Sync + 'a;

impl<'a> PendingFile<'a> {
    /// A file at `path` whose tokens `tokens` builds (parsed once).
    pub fn new(
        path: impl Into<PathBuf>,
        tokens: impl Fn() -> TokenStream + Send + Sync + 'a,
    ) -> Self {
        PendingFile::tree(path, move |path| parse_file(path, tokens()))
    }

    /// A file at `path` whose syntax tree `build` builds (given the path,
    /// for errors).
    pub fn tree(
        path: impl Into<PathBuf>,
        build: impl Fn(&Path) -> Result<syn::File, EmitError> + Send + Sync + 'a,
    ) -> Self {
        PendingFile {
            path: path.into(),
            build: Box::new(build),
            lead: String::new(),
        }
    }

    /// The file with `lead` as a comment after the header.
    pub fn with_lead(mut self, lead: String) -> Self {
        self.lead = lead;
        self
    }
}

impl PendingFile<'_> {
    /// Builds the file's syntax tree on this thread.
    pub fn build(&self) -> Result<syn::File, EmitError> {
        (self.build)(&self.path)
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
        .map(|file| {
            let tree = file.build()?;
            Ok(format_tree(file.path, header, &file.lead, &tree))
        })
        .collect();
    results.into_iter().collect()
}

/// Parses `tokens` as a Rust file; tokens that do not parse are a
/// generator bug, reported with the file's path.
pub fn parse_file(path: &Path, tokens: TokenStream) -> Result<syn::File, EmitError> {
    syn::parse2::<syn::File>(tokens).map_err(|error| EmitError {
        path: path.to_path_buf(),
        message: error.to_string(),
    })
}

/// Formats `tree` with prettyplease, `header` comment lines first, then
/// `lead` as `//` comment lines.
pub fn format_tree(path: PathBuf, header: &str, lead: &str, tree: &syn::File) -> GeneratedFile {
    let body = prettyplease::unparse(tree);
    let mut contents = String::with_capacity(header.len() + lead.len() + 8 + body.len());
    contents.push_str(header);
    contents.push('\n');
    for line in lead.lines() {
        contents.push_str("//");
        contents.push_str(line);
        contents.push('\n');
    }
    contents.push_str(&body);
    GeneratedFile { path, contents }
}
