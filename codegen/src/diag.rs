//! Diagnostics as data: what went wrong, where, and how bad it is.
//!
//! Every stage reports problems into a [`Diagnostics`] collector instead of
//! printing or panicking, so the user sees every problem of a run at once.
//! Rendering follows the `file:line:col: severity[code]: message` convention
//! that editors and CI logs understand. This module knows nothing of
//! markdown, OpenAPI or Rust.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was not understood; the run carried on without it.
    Warning,
    /// The run cannot produce a correct result.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in an input file. Lines and columns are 1-based; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, relative to the input root where one exists.
    pub file: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
}

impl Location {
    /// A location at the start of `line` of `file`.
    pub fn line(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column: 0,
        }
    }

    /// A location naming a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::line(file, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// How bad it is.
    pub severity: Severity,
    /// A short stable kebab-case code naming the kind of problem, e.g.
    /// `table-json-mismatch`. Used for counting and for tests.
    pub code: &'static str,
    /// One line that stands on its own, without a trailing period.
    pub message: String,
    /// Further lines of explanation (what was decided, how to fix it).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A warning with no notes.
    pub fn warning(location: Location, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Warning,
            code,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// An error with no notes.
    pub fn error(location: Location, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(location, code, message)
        }
    }

    /// The same diagnostic with one more note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            self.location, self.severity, self.code, self.message
        )?;
        for note in &self.notes {
            write!(f, "\n  = note: {note}")?;
        }
        Ok(())
    }
}

/// Collects the diagnostics of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records a warning at `file:line`.
    pub fn warn(
        &mut self,
        file: &Path,
        line: usize,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(
            Location::line(file, line),
            code,
            message,
        ));
    }

    /// Records an error at `file:line`.
    pub fn error(
        &mut self,
        file: &Path,
        line: usize,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::error(Location::line(file, line), code, message));
    }

    /// Moves every diagnostic of `other` into this collector.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics were recorded.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in a stable order: by file, line, then code.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort();
        items.dedup();
        items
    }

    /// The diagnostics in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// How many diagnostics there are of each code, sorted by code.
    pub fn count_by_code(&self) -> Vec<(&'static str, usize)> {
        let mut counts = std::collections::BTreeMap::new();
        for d in &self.items {
            *counts.entry(d.code).or_insert(0usize) += 1;
        }
        counts.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_severity_code_and_notes() {
        let d = Diagnostic::warning(
            Location::line("api/call-mute.md", 164),
            "json-comment",
            "comment removed from a JSON block",
        )
        .with_note("the docs put a `//` comment inside the example");
        assert_eq!(
            d.to_string(),
            "api/call-mute.md:164: warning[json-comment]: comment removed from a JSON block\n  = note: the docs put a `//` comment inside the example"
        );
    }

    #[test]
    fn errors_are_detected_and_counted_by_code() {
        let mut diags = Diagnostics::new();
        diags.warn(Path::new("a.md"), 3, "x", "first");
        diags.warn(Path::new("a.md"), 1, "x", "second");
        assert!(!diags.has_errors());
        diags.error(Path::new("b.md"), 0, "y", "third");
        assert!(diags.has_errors());
        assert_eq!(diags.count_by_code(), vec![("x", 2), ("y", 1)]);
        assert_eq!(diags.sorted()[0].location.line, 1);
    }
}
