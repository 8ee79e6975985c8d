//! What a bot's callback endpoint does with a notification post: check the
//! content type, check that the body is a notification batch (a JSON object
//! with a `value` array of objects), decode it into the generated
//! notification type, and answer `202 Accepted`.
//!
//! [`decode`] is tolerant: a property whose value does not fit its declared
//! type is kept as the JSON received (listed by the object's
//! `unknown_fields.mismatches()`, written back unchanged) and the rest of
//! the batch is delivered, so one ill-typed value never costs the bot a
//! notification. [`decode_strict`] fails on such a value instead.
//!
//! Decoding takes serde_json's fast path and names the JSON path of a
//! problem (see `callgen_runtime::de::from_slice`). This module knows no
//! web framework and no particular notification type.

use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::media_type::is_json;
use crate::response::snippet;
use batch::check_batch;

mod batch;

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
/// tolerated) into `T`, typically the generated `CommsNotifications`,
/// tolerantly: a value that does not fit its property's type is kept as
/// JSON in its object's `unknown_fields` (see
/// `callgen_runtime::UnknownFields::mismatches`). The body must be a JSON
/// object with a `value` array of objects.
pub fn decode<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, CallbackError> {
    check_body(content_type, body)?;
    decode_body(body, Mode::Tolerant)
}

/// Like [`decode`], but a value that does not fit its property's type is an
/// error naming its path.
pub fn decode_strict<T: DeserializeOwned>(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, CallbackError> {
    check_body(content_type, body)?;
    decode_body(body, Mode::Strict)
}

/// How values that do not fit their declared type are treated.
#[derive(Clone, Copy)]
enum Mode {
    Tolerant,
    Strict,
}

/// The content type and the envelope.
fn check_body(content_type: Option<&str>, body: &[u8]) -> Result<(), CallbackError> {
    if let Some(content_type) = content_type.filter(|c| !is_json(c)) {
        return Err(CallbackError::ContentType {
            content_type: content_type.to_owned(),
            body_snippet: snippet(body),
        });
    }
    check_batch(body)
}

fn decode_body<T: DeserializeOwned>(body: &[u8], mode: Mode) -> Result<T, CallbackError> {
    let decoded = match mode {
        Mode::Tolerant => callgen_runtime::de::from_slice_tolerant(body),
        Mode::Strict => callgen_runtime::de::from_slice(body),
    };
    decoded.map_err(|error| CallbackError::Decode {
        path: error.path().to_owned(),
        message: error.error().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    use crate::test_models::NoteBatch;

    #[test]
    fn decodes_json_bodies() {
        let body = br#"{"value": [{"changeType": "updated"}]}"#;
        let batch: NoteBatch = decode(Some("application/json; charset=utf-8"), body).unwrap();
        assert_eq!(batch.notes()[0].change_type.get().unwrap(), "updated");
        let value: Value = decode(None, body).unwrap();
        assert_eq!(value["value"][0], json!({"changeType": "updated"}));
    }

    #[test]
    fn names_where_a_body_goes_wrong() {
        let error =
            decode_strict::<NoteBatch>(None, br#"{"value": [{"changeType": 5}]}"#).unwrap_err();
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
    fn an_ill_typed_value_is_kept_and_the_batch_delivered() {
        let body = br#"{"value": [{"changeType": 5, "x": 1}, {"changeType": "deleted"}]}"#;
        let batch: NoteBatch = decode(Some("application/json"), body).unwrap();
        assert_eq!(batch.notes().len(), 2);
        let first = &batch.notes()[0].unknown_fields;
        let kept: Vec<_> = first.mismatches().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!((kept[0].0, kept[0].1), ("changeType", &json!(5)));
        assert_eq!(kept[0].2.expected, "a string");
        assert_eq!(
            batch.notes()[1].change_type.get().map(String::as_str),
            Some("deleted")
        );
        let error = decode_strict::<NoteBatch>(None, body).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cannot decode the notification at `value[0].changeType`: invalid type: integer `5`, expected a string"),
            "{error}"
        );
        assert!(!callgen_runtime::de::is_tolerant());
    }

    #[test]
    fn what_is_not_a_batch_is_refused_with_the_reason() {
        let cases: [(&[u8], &str); 8] = [
            (
                br#"{"@odata.type": "x"}"#,
                "the notification has no `value` array",
            ),
            (
                br#"{"value": {"changeType": "updated"}}"#,
                "invalid type: map, expected the notification's `value` array",
            ),
            (
                br#"{"value": null}"#,
                "invalid type: null, expected the notification's `value` array",
            ),
            (
                br#"{"value": [{}, 5]}"#,
                "invalid type: integer `5`, expected a notification object at `value[1]`",
            ),
            (
                br#"{"value": [], "value": []}"#,
                "the notification has two `value` members",
            ),
            (
                br#"[{"value": []}]"#,
                "invalid type: sequence, expected a notification batch: a JSON object with a `value` array",
            ),
            (
                b"null",
                "invalid type: null, expected a notification batch: a JSON object with a `value` array",
            ),
            (br#"{"value": []} {}"#, "trailing characters"),
        ];
        for (body, reason) in cases {
            for error in [
                decode::<Value>(None, body).unwrap_err(),
                decode_strict::<Value>(None, body).unwrap_err(),
            ] {
                assert_eq!(error.status(), StatusCode::BAD_REQUEST);
                let CallbackError::Decode { path, message } = &error else {
                    panic!("{error}")
                };
                assert_eq!(path, ".");
                assert!(message.starts_with(reason), "{message}");
            }
        }
        let empty: Value = decode(None, br#"{"value": []}"#).unwrap();
        assert_eq!(empty, json!({"value": []}));
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
