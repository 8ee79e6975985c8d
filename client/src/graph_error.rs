//! The Graph error body: `{"error": {"code", "message", "innerError": {...}}}`.
//!
//! [`GraphError::from_response`] recognises the body and fills in the request
//! id, client request id and date from the `innerError` object, falling back
//! to the `request-id`, `client-request-id` and `Date` response headers. It
//! does not decide whether an answer is an error at all; `response` does.

use std::fmt;

use http::HeaderMap;
use serde_json::{Map, Value};

/// A Graph error as the service reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphError {
    /// The machine-readable code, e.g. `itemNotFound`, `BadRequest`.
    pub code: String,
    /// The human-readable message.
    pub message: String,
    /// The service's id for the request (`innerError.request-id`, else the
    /// `request-id` header).
    pub request_id: Option<String>,
    /// The id the client sent (`innerError.client-request-id`, else the
    /// `client-request-id` header).
    pub client_request_id: Option<String>,
    /// When the error happened (`innerError.date`, else the `Date` header).
    pub date: Option<String>,
    /// The `innerError` object exactly as sent, with any fields not listed
    /// above.
    pub inner_error: Option<Value>,
    /// The whole `error` object exactly as sent (`details` and any other
    /// fields included).
    pub raw: Value,
}

impl GraphError {
    /// Reads a Graph error from an answer's body and headers; `None` when the
    /// body is not a JSON object with an `error` object carrying a string
    /// `code` or `message`.
    pub fn from_response(headers: &HeaderMap, body: &[u8]) -> Option<GraphError> {
        let document: Value = serde_json::from_slice(body).ok()?;
        let error = document.get("error")?.as_object()?;
        let code = string_field(error, "code");
        let message = string_field(error, "message");
        if code.is_none() && message.is_none() {
            return None;
        }
        let inner_error = field_ignoring_case(error, "innerError").cloned();
        let inner = inner_error.as_ref().and_then(Value::as_object);
        let from_inner = |name: &str| inner.and_then(|inner| string_field(inner, name));
        Some(GraphError {
            code: code.unwrap_or_default(),
            message: message.unwrap_or_default(),
            request_id: from_inner("request-id").or_else(|| header(headers, "request-id")),
            client_request_id: from_inner("client-request-id")
                .or_else(|| header(headers, "client-request-id")),
            date: from_inner("date").or_else(|| header(headers, "date")),
            inner_error,
            raw: Value::Object(error.clone()),
        })
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code.is_empty(), self.message.is_empty()) {
            (false, false) => write!(f, "{}: {}", self.code, self.message)?,
            (false, true) => f.write_str(&self.code)?,
            (true, _) => f.write_str(&self.message)?,
        }
        let ids = [
            ("request-id", &self.request_id),
            ("client-request-id", &self.client_request_id),
            ("date", &self.date),
        ];
        let known: Vec<String> = ids
            .iter()
            .filter_map(|(name, value)| value.as_ref().map(|value| format!("{name} {value}")))
            .collect();
        if !known.is_empty() {
            write!(f, " ({})", known.join(", "))?;
        }
        Ok(())
    }
}

/// A header's value as text, when present and readable.
pub(crate) fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn string_field(object: &Map<String, Value>, name: &str) -> Option<String> {
    let value = field_ignoring_case(object, name)?.as_str()?;
    (!value.is_empty()).then(|| value.to_owned())
}

/// Graph spells `innerError` both ways (`innererror` in older services).
fn field_ignoring_case<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_code_message_and_inner_error() {
        let body = br#"{"error": {"code": "itemNotFound", "message": "Unknown call",
            "innerError": {"request-id": "r-1", "client-request-id": "c-1",
            "date": "2021-07-01T10:00:00", "extra": 5}}}"#;
        let error = GraphError::from_response(&HeaderMap::new(), body).unwrap();
        assert_eq!(error.code, "itemNotFound");
        assert_eq!(error.message, "Unknown call");
        assert_eq!(error.request_id.as_deref(), Some("r-1"));
        assert_eq!(error.client_request_id.as_deref(), Some("c-1"));
        assert_eq!(error.date.as_deref(), Some("2021-07-01T10:00:00"));
        assert_eq!(error.inner_error.unwrap()["extra"], 5);
        assert_eq!(
            GraphError::from_response(&HeaderMap::new(), body)
                .unwrap()
                .to_string(),
            "itemNotFound: Unknown call (request-id r-1, client-request-id c-1, date 2021-07-01T10:00:00)"
        );
    }

    #[test]
    fn falls_back_to_headers() {
        let body = br#"{"error": {"code": "BadRequest", "message": "no", "innererror": {}}}"#;
        let map = headers(&[
            ("request-id", "hdr-r"),
            ("client-request-id", "hdr-c"),
            ("date", "Thu, 01 Jul 2021 10:00:00 GMT"),
        ]);
        let error = GraphError::from_response(&map, body).unwrap();
        assert_eq!(error.request_id.as_deref(), Some("hdr-r"));
        assert_eq!(error.client_request_id.as_deref(), Some("hdr-c"));
        assert_eq!(error.date.as_deref(), Some("Thu, 01 Jul 2021 10:00:00 GMT"));
        assert_eq!(error.inner_error, Some(serde_json::json!({})));
    }

    #[test]
    fn rejects_bodies_that_are_not_graph_errors() {
        let empty = HeaderMap::new();
        for body in [
            &b""[..],
            b"<html>Bad gateway</html>",
            b"{}",
            br#"{"error": "invalid_client"}"#,
            br#"{"error": {"code": 5}}"#,
            br#"[{"error": {"code": "x"}}]"#,
        ] {
            assert_eq!(GraphError::from_response(&empty, body), None, "{body:?}");
        }
    }

    #[test]
    fn message_alone_is_enough() {
        let body = br#"{"error": {"message": "Something broke"}}"#;
        let error = GraphError::from_response(&HeaderMap::new(), body).unwrap();
        assert_eq!(error.to_string(), "Something broke");
    }
}
