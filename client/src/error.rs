//! The one error type every request can end in.
//!
//! [`Error`] covers the whole life of a request: building it, getting a
//! token, sending it, waiting for it, retrying it and reading the answer. Its
//! `Display` stands on its own (what happened, to which request, with the
//! status and the service's own words), so a bot can log it as is. This
//! module only describes errors; `response` and `graph_error` decide which one
//! an answer is, and the client decides about transport failures.

use std::error::Error as StdError;
use std::time::Duration;

use http::{Method, StatusCode};

use crate::auth::AuthError;
use crate::graph_error::GraphError;

/// Everything that can go wrong with a Graph request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a non-success status and a Graph error body.
    #[error("Graph answered {status}: {error}")]
    Graph {
        /// The HTTP status of the answer.
        status: StatusCode,
        /// The parsed `{"error": {...}}` body.
        error: Box<GraphError>,
    },

    /// The service answered with a non-success status and a body that is not
    /// a Graph error (empty, HTML from a proxy, plain text).
    #[error("Graph answered {status} with {}{}", describe_body(body_snippet), describe_request_id(request_id.as_deref()))]
    Status {
        /// The HTTP status of the answer.
        status: StatusCode,
        /// The `request-id` response header, when present.
        request_id: Option<String>,
        /// The start of the body, on one line; empty when there was no body.
        body_snippet: String,
    },

    /// A success body could not be decoded into the documented type.
    #[error("cannot decode the {status} answer at `{path}`: {message}")]
    Decode {
        /// The HTTP status of the answer.
        status: StatusCode,
        /// Where in the JSON document decoding failed (`.` for the root,
        /// `value[1].id` for a nested field).
        path: String,
        /// What was wrong there.
        message: String,
    },

    /// A success answer was expected to be JSON but says it is something else.
    #[error("expected a JSON body but the {status} answer has {}: {}", describe_content_type(content_type.as_deref()), describe_snippet(body_snippet))]
    UnexpectedContentType {
        /// The HTTP status of the answer.
        status: StatusCode,
        /// The `Content-Type` header, when present.
        content_type: Option<String>,
        /// The start of the body, on one line.
        body_snippet: String,
    },

    /// The request failed before any answer arrived (connection refused, DNS,
    /// TLS, a reset connection).
    #[error("{method} {url} failed before an answer arrived: {detail}")]
    Transport {
        /// The request method.
        method: Method,
        /// The request URL.
        url: String,
        /// The innermost cause, on one line.
        detail: String,
        /// The error of the HTTP library.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },

    /// No complete answer arrived within the request's time limit.
    #[error("{method} {url} got no complete answer within {timeout:?}")]
    Timeout {
        /// The request method.
        method: Method,
        /// The request URL.
        url: String,
        /// The limit that ran out (per attempt).
        timeout: Duration,
    },

    /// The service kept answering 429, 503 or 504 until the retry budget was
    /// spent.
    #[error(
        "gave up on {method} {url} after {}, last answer: {last_error}",
        describe_attempts(*attempts, *total_wait)
    )]
    RetriesExhausted {
        /// The request method.
        method: Method,
        /// The request URL.
        url: String,
        /// How many times the request was sent.
        attempts: u32,
        /// How long was spent waiting between attempts.
        total_wait: Duration,
        /// The status of the last answer.
        last_status: StatusCode,
        /// The error the last answer decoded to.
        last_error: Box<Error>,
    },

    /// The token provider could not give an access token.
    #[error("cannot get an access token: {0}")]
    Auth(AuthError),

    /// The request cannot be built (an empty or dot-segment path parameter, a
    /// body that does not serialize, a malformed base URL).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// The HTTP status of the answer this error came from, if any (for
    /// [`Error::RetriesExhausted`], the last one).
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph { status, .. }
            | Error::Status { status, .. }
            | Error::Decode { status, .. }
            | Error::UnexpectedContentType { status, .. } => Some(*status),
            Error::RetriesExhausted { last_status, .. } => Some(*last_status),
            _ => None,
        }
    }

    /// The Graph error body, if the service sent one (for
    /// [`Error::RetriesExhausted`], the last one).
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph { error, .. } => Some(error),
            Error::RetriesExhausted { last_error, .. } => last_error.graph_error(),
            _ => None,
        }
    }

    /// An [`Error::Transport`] from an HTTP library error, keeping its
    /// innermost cause as the one-line detail.
    pub fn transport(
        method: Method,
        url: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        let source = source.into();
        let detail = root_cause(source.as_ref()).to_string();
        Error::Transport {
            method,
            url: url.into(),
            detail,
            source,
        }
    }
}

pub(crate) fn root_cause<'a>(error: &'a (dyn StdError + 'static)) -> &'a (dyn StdError + 'static) {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current
}

fn describe_attempts(attempts: u32, total_wait: Duration) -> String {
    let tries = if attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{attempts} attempts")
    };
    if total_wait.is_zero() {
        format!("{tries} without waiting")
    } else {
        format!("{tries} and {total_wait:?} of waiting")
    }
}

fn describe_body(snippet: &str) -> String {
    if snippet.is_empty() {
        "an empty body".to_owned()
    } else {
        format!("a body that is not a Graph error: {snippet}")
    }
}

fn describe_snippet(snippet: &str) -> &str {
    if snippet.is_empty() {
        "(empty body)"
    } else {
        snippet
    }
}

fn describe_content_type(content_type: Option<&str>) -> String {
    match content_type {
        Some(value) => format!("content type `{value}`"),
        None => "no content type".to_owned(),
    }
}

fn describe_request_id(request_id: Option<&str>) -> String {
    match request_id {
        Some(id) => format!(" (request-id {id})"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn errors_cross_threads() {
        is_send_sync::<Error>();
        is_send_sync::<AuthError>();
    }

    #[test]
    fn attempts_read_naturally() {
        assert_eq!(
            describe_attempts(1, Duration::ZERO),
            "1 attempt without waiting"
        );
        assert_eq!(
            describe_attempts(4, Duration::from_millis(3500)),
            "4 attempts and 3.5s of waiting"
        );
    }
}
