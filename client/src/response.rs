//! Turning an answer (status, headers, body bytes) into a typed result.
//!
//! The helpers here cover the shapes the Graph calling API answers with: a
//! JSON body (`json`, for 200 and 201), no body (`no_content`, for 202 and
//! 204) and a collection (`collection`, for list methods). Any non-success
//! status becomes an error through [`error_from`]. The helpers accept any 2xx
//! status: the documented one is what the service sends, and a neighbour
//! (200 for 201) is not worth failing a call over; the body's shape is what
//! is checked. This module knows no transport and no retry rule.

use callgen_runtime::de::DecodeError;
use http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::collection::Collection;
use crate::error::Error;
use crate::graph_error::{GraphError, header as header_text};
use crate::media_type::is_json;

/// How many characters of an unexpected body an error keeps.
const SNIPPET_CHARS: usize = 200;

/// A borrowed view of an answer: what an [`Operation`](crate::Operation)
/// needs to produce its result, whatever HTTP library received it.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// The whole body.
    pub body: &'a [u8],
}

impl<'a> RawResponse<'a> {
    /// A view of the given parts.
    pub fn new(status: StatusCode, headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        RawResponse {
            status,
            headers,
            body,
        }
    }

    /// A view of an `http::Response` whose body is bytes.
    pub fn from_http<B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Self {
        RawResponse::new(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

/// A success answer with a JSON body, decoded into `T`.
pub fn json<T: DeserializeOwned>(response: RawResponse<'_>) -> Result<T, Error> {
    ensure_success(response)?;
    ensure_json_content_type(response)?;
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            status: response.status,
            path: ".".to_owned(),
            message: "expected a JSON body, got an empty one".to_owned(),
        });
    }
    // A `match` and a plain function, not a closure: this is instantiated
    // for every answer type.
    match callgen_runtime::de::from_slice(response.body) {
        Ok(value) => Ok(value),
        Err(error) => Err(decode_error(response.status, error)),
    }
}

/// A success answer whose body, if any, carries nothing the caller needs
/// (202 Accepted, 204 No Content).
pub fn no_content(response: RawResponse<'_>) -> Result<(), Error> {
    ensure_success(response)
}

/// A success answer with a collection body `{"value": [...], "@odata.nextLink": ...}`.
pub fn collection<T: DeserializeOwned>(response: RawResponse<'_>) -> Result<Collection<T>, Error> {
    json(response)
}

/// The error a non-success answer stands for: [`Error::Graph`] when the body
/// is a Graph error, [`Error::Status`] with a snippet of the body otherwise.
pub fn error_from(response: RawResponse<'_>) -> Error {
    match GraphError::from_response(response.headers, response.body) {
        Some(error) => Error::Graph {
            status: response.status,
            error: Box::new(error),
        },
        None => Error::Status {
            status: response.status,
            request_id: header_text(response.headers, "request-id"),
            body_snippet: snippet(response.body),
        },
    }
}

fn ensure_success(response: RawResponse<'_>) -> Result<(), Error> {
    if response.status.is_success() {
        Ok(())
    } else {
        Err(error_from(response))
    }
}

/// A missing `Content-Type` is tolerated (the body is tried as JSON); a
/// present one must be `application/json` or a `+json` type.
fn ensure_json_content_type(response: RawResponse<'_>) -> Result<(), Error> {
    let Some(value) = response.headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    if is_json(&text) {
        return Ok(());
    }
    Err(Error::UnexpectedContentType {
        status: response.status,
        content_type: Some(text.into_owned()),
        body_snippet: snippet(response.body),
    })
}

fn decode_error(status: StatusCode, error: DecodeError) -> Error {
    Error::Decode {
        status,
        path: error.path().to_owned(),
        message: error.error().to_string(),
    }
}

/// The start of a body as one line of text, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use serde_json::{Value, json};

    fn with_content_type(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
        headers
    }

    fn json_headers() -> HeaderMap {
        with_content_type("application/json; odata.metadata=minimal; charset=utf-8")
    }

    #[test]
    fn decodes_a_json_success_body() {
        let headers = json_headers();
        let response = RawResponse::new(StatusCode::CREATED, &headers, br#"{"id": "c1"}"#);
        let value: Value = json(response).unwrap();
        assert_eq!(value, json!({"id": "c1"}));
    }

    #[test]
    fn names_the_json_path_of_a_decode_error() {
        let headers = json_headers();
        let body = br#"{"value": [{"id": "a"}, {"id": 5}]}"#;
        let response = RawResponse::new(StatusCode::OK, &headers, body);
        let error = collection::<crate::test_models::Note>(response).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot decode the 200 OK answer at `value[1].id`: invalid type: integer `5`, expected a string at line 1 column 32"
        );
    }

    #[test]
    fn empty_and_trailing_garbage_bodies_are_decode_errors() {
        let headers = json_headers();
        let empty = json::<Value>(RawResponse::new(StatusCode::OK, &headers, b" \n")).unwrap_err();
        assert!(matches!(empty, Error::Decode { ref message, .. } if message.contains("empty")));
        let trailing =
            json::<Value>(RawResponse::new(StatusCode::OK, &headers, b"{} x")).unwrap_err();
        assert!(matches!(trailing, Error::Decode { .. }), "{trailing}");
    }

    #[test]
    fn accepts_json_media_types_only() {
        for accepted in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/problem+json",
        ] {
            assert!(is_json(accepted), "{accepted}");
        }
        for refused in ["text/html", "text/json-ish", "application/xml", ""] {
            assert!(!is_json(refused), "{refused}");
        }
        let headers = with_content_type("text/html");
        let error =
            json::<Value>(RawResponse::new(StatusCode::OK, &headers, b"<p>hi</p>")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected a JSON body but the 200 OK answer has content type `text/html`: <p>hi</p>"
        );
    }

    #[test]
    fn tolerates_a_missing_content_type() {
        let headers = HeaderMap::new();
        let value: Value = json(RawResponse::new(StatusCode::OK, &headers, b"[1]")).unwrap();
        assert_eq!(value, json!([1]));
    }

    #[test]
    fn non_success_becomes_graph_or_status_error() {
        let headers = json_headers();
        let body = br#"{"error": {"code": "Forbidden", "message": "No"}}"#;
        let graph =
            no_content(RawResponse::new(StatusCode::FORBIDDEN, &headers, body)).unwrap_err();
        assert_eq!(
            graph.to_string(),
            "Graph answered 403 Forbidden: Forbidden: No"
        );
        assert_eq!(graph.graph_error().unwrap().code, "Forbidden");

        let html = with_content_type("text/html");
        let status = json::<Value>(RawResponse::new(
            StatusCode::BAD_GATEWAY,
            &html,
            b"<html>\n  upstream\n</html>",
        ))
        .unwrap_err();
        assert_eq!(
            status.to_string(),
            "Graph answered 502 Bad Gateway with a body that is not a Graph error: <html> upstream </html>"
        );
        assert_eq!(status.status(), Some(StatusCode::BAD_GATEWAY));
    }

    #[test]
    fn snippets_are_short_single_lines() {
        let long = "é".repeat(500);
        let cut = snippet(long.as_bytes());
        assert_eq!(cut.chars().count(), SNIPPET_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(snippet(b"a\r\n\tb"), "a b");
        assert_eq!(snippet(b"\xff"), "\u{fffd}");
    }
}
