//! What a bot's callback endpoint does with a notification post: check the
//! content type, decode the body into the generated notification type, and
//! answer `202 Accepted`.
//!
//! Decoding takes serde_json's fast path; only a body that fails is read a
//! second time to name the JSON path of the problem. This module knows no
//! web framework and no particular notification type.

use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::response::snippet;

/// The status the service expects from a callback endpoint that took a
/// notification.
pub const ACCEPTED: StatusCode = StatusCode::ACCEPTED;

/// A notification body that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// The post says it is not JSON.
    #[error("the notification has content type `{content_type}`, expected JSON: {body_snippet}")]
    ContentType {
        /// The `Content-Type` header as received.
        content_type: String,
        /// The start of the body, on one line.
        body_snippet: String,
    },
    /// The body is not JSON, or not of the notification's shape.
    #[error("cannot decode the notification at `{path}`: {message}")]
    Decode {
        /// Where in the body decoding failed (`.` for the root,
        /// `value[0].changeType` inside).
        path: String,
        /// What was wrong there.
        message: String,
    },
}

impl CallbackError {
    /// The status a callback endpoint answers this error with.
    pub fn status(&self) -> StatusCode {
        match self {
            CallbackError::ContentType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            CallbackError::Decode { .. } => StatusCode::BAD_REQUEST,
        }
    }
}

/// Decodes a notification body posted with `content_type` (a missing one is
/// tolerated) into `T`, typically the generated `CommsNotifications`.
pub fn decode<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, CallbackError> {
    if let Some(content_type) = content_type.filter(|c| !is_json(c)) {
        return Err(CallbackError::ContentType {
            content_type: content_type.to_owned(),
            body_snippet: snippet(body),
        });
    }
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(_) => Err(locate_error::<T>(body)),
    }
}

/// Decodes again, tracking the path, to say where decoding failed.
fn locate_error<T: DeserializeOwned>(body: &[u8]) -> CallbackError {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let located: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    let (path, message) = match located {
        Err(error) => (error.path().to_string(), error.into_inner().to_string()),
        Ok(_) => match deserializer.end() {
            Err(error) => (".".to_owned(), error.to_string()),
            Ok(()) => (".".to_owned(), "the body is not valid JSON".to_owned()),
        },
    };
    CallbackError::Decode { path, message }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Batch {
        value: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        #[serde(rename = "changeType")]
        change_type: String,
    }

    #[test]
    fn decodes_json_bodies() {
        let body = br#"{"value": [{"changeType": "updated"}]}"#;
        let batch: Batch = decode(Some("application/json; charset=utf-8"), body).unwrap();
        assert_eq!(batch.value[0].change_type, "updated");
        let value: Value = decode(None, body).unwrap();
        assert_eq!(value["value"][0], json!({"changeType": "updated"}));
    }

    #[test]
    fn names_where_a_body_goes_wrong() {
        let error = decode::<Batch>(None, br#"{"value": [{"changeType": 5}]}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot decode the notification at `value[0].changeType`: invalid type: integer `5`, expected a string at line 1 column 27"
        );
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        let error = decode::<Value>(None, b"{} trailing").unwrap_err();
        assert!(matches!(error, CallbackError::Decode { .. }), "{error}");
        let error = decode::<Value>(None, b"").unwrap_err();
        assert!(matches!(error, CallbackError::Decode { .. }), "{error}");
    }

    #[test]
    fn refuses_other_content_types() {
        let error = decode::<Value>(Some("text/plain"), b"hello").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the notification has content type `text/plain`, expected JSON: hello"
        );
        assert_eq!(error.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
