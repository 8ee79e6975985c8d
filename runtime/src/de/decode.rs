//! Decoding a whole JSON body into a generated type, with the JSON path of
//! the first problem: the entry points the client uses for answers,
//! notifications and request bodies.
//!
//! Every entry point reads with serde_json's slice deserializer, so a
//! generated type is compiled with one decoder, shared by all of them and
//! by a user's own `serde_json::from_slice`. The path comes from what the
//! building blocks note on their error branches ([`super::failure`]).

use super::failure::{self, Failure};
use serde::de::DeserializeOwned;
use std::fmt;

/// A body that could not be decoded: where, and serde_json's error.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    error: serde_json::Error,
}

impl DecodeError {
    pub(crate) fn new(path: String, error: serde_json::Error) -> Self {
        DecodeError { path, error }
    }

    /// An error about the body as a whole.
    pub(crate) fn at_root(error: serde_json::Error) -> Self {
        DecodeError::new(".".to_owned(), error)
    }

    /// Where decoding failed: `.` for the root, `value[0].resourceData.state`
    /// inside.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// serde_json's error, with its line and column.
    pub fn error(&self) -> &serde_json::Error {
        &self.error
    }

    /// serde_json's message without its line and column (for a body the
    /// caller never saw as text).
    pub fn message_without_position(&self) -> String {
        without_position(&self.error)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.error)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Decodes `bytes` as `T` strictly: a value that does not fit its type is
/// an error naming its path. Trailing characters after the value are an
/// error too.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    match attempt(bytes) {
        Ok(value) => Ok(value),
        Err(failed) => Err(located(failed)),
    }
}

/// The error with its path as text (not generic: compiled once).
fn located((error, failure): (serde_json::Error, Failure)) -> DecodeError {
    DecodeError::new(failure.path(), error)
}

/// One strict decode of `bytes`; on failure, serde_json's error and the
/// path the building blocks noted.
pub(crate) fn attempt<T: DeserializeOwned>(
    bytes: &[u8],
) -> Result<T, (serde_json::Error, Failure)> {
    failure::clear();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    // `match`es and plain functions, not `map_err` and `?`: this is
    // instantiated for every type decoded as a whole body.
    match T::deserialize(&mut deserializer) {
        Ok(value) => match deserializer.end() {
            Ok(()) => Ok(value),
            Err(error) => Err(at_root(error)),
        },
        Err(error) => Err(with_path(error)),
    }
}

/// A decoding error with the path the building blocks noted.
fn with_path(error: serde_json::Error) -> (serde_json::Error, Failure) {
    (error, failure::take())
}

/// An error after the value (trailing characters): at the root.
fn at_root(error: serde_json::Error) -> (serde_json::Error, Failure) {
    (error, Failure::at_root())
}

/// serde_json's message without the ` at line 1 column 17` it adds when it
/// read text.
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_owned(),
        None => message,
    }
}
