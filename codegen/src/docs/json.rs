//! Lenient JSON for documentation examples.
//!
//! Strict `serde_json` first; when it refuses, `serde_json_lenient` (line and
//! block comments, trailing commas) with a `lenient-json` warning at the
//! line the strict parser stopped on. Object key order is kept. It does not
//! repair anything else (no string fix-ups) and does not know what the JSON
//! describes.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// JSON that even the lenient parser refuses, located in the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: invalid JSON: {message}", file.display())]
pub struct JsonError {
    /// The page.
    pub file: PathBuf,
    /// 1-based page line of the failure.
    pub line: usize,
    /// 1-based column of the failure.
    pub column: usize,
    /// What the parser expected, without its own position.
    pub message: String,
}

impl JsonError {
    /// The error as a diagnostic with code `invalid-json`.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(
            Location {
                file: self.file.clone(),
                line: self.line,
                column: self.column,
            },
            "invalid-json",
            format!("invalid JSON: {}", self.message),
        )
    }

    /// The error as a warning with code `invalid-json` at its line, for a
    /// reader that goes on without the JSON: `message` says what it does
    /// instead; the parser's words are the note.
    pub fn to_warning(&self, message: &str) -> Diagnostic {
        Diagnostic::warning(
            Location::line(&self.file, self.line),
            "invalid-json",
            message,
        )
        .with_note(self.message.clone())
    }
}

/// Parses `text`, the JSON found in `file` from page line `first_line` on.
/// Comments and trailing commas are accepted with a `lenient-json` warning.
pub fn parse_lenient(
    text: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Result<Value, JsonError> {
    let strict = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Ok(value),
        Err(strict) => strict,
    };
    let mut deserializer = serde_json_lenient::Deserializer::from_str(text);
    let lenient = Value::deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    match lenient {
        Ok(value) => {
            diags.warn(
                file,
                page_line(first_line, strict.line()),
                "lenient-json",
                format!(
                    "JSON is not strict ({}); read with comments and trailing commas allowed",
                    without_position(&strict.to_string())
                ),
            );
            Ok(value)
        }
        Err(error) => Err(JsonError {
            file: file.to_path_buf(),
            line: page_line(first_line, error.line()),
            column: error.column(),
            message: without_position(&error.to_string()),
        }),
    }
}

fn page_line(first_line: usize, json_line: usize) -> usize {
    first_line + json_line.max(1) - 1
}

/// A parser message without its trailing ` at line L column C`.
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((head, _)) => head.to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json_needs_no_warning_and_keeps_key_order() {
        let mut diags = Diagnostics::new();
        let value =
            parse_lenient(r#"{"b": 1, "a": 2}"#, Path::new("p.md"), 10, &mut diags).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "a"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn comments_and_trailing_commas_warn_at_their_line() {
        let mut diags = Diagnostics::new();
        let text = "{\n  \"a\": true, // note\n  \"b\": [1, 2,],\n}";
        let value = parse_lenient(text, Path::new("p.md"), 10, &mut diags).unwrap();
        assert_eq!(value["b"], serde_json::json!([1, 2]));
        let warnings: Vec<_> = diags.iter().map(|d| (d.code, d.location.line)).collect();
        assert_eq!(warnings, [("lenient-json", 11)]);
    }

    #[test]
    fn invalid_json_is_located_in_the_page() {
        let mut diags = Diagnostics::new();
        let text = "{\n  \"a\": \"x\\\"y\\\"z\n}";
        let err = parse_lenient(
            "{\n  \"a\": 1 \"b\": 2\n}",
            Path::new("p.md"),
            20,
            &mut diags,
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (21, 10));
        assert!(
            err.to_string()
                .starts_with("p.md:21:10: invalid JSON: expected"),
            "{err}"
        );
        assert!(parse_lenient(text, Path::new("p.md"), 1, &mut diags).is_err());
        assert_eq!(err.to_diagnostic().code, "invalid-json");
    }
}
