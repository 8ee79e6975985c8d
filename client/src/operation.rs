//! The contract between a generated request function and the HTTP layer.
//!
//! A generated operation (one per documented method) implements
//! [`Operation`]: it knows its method, its percent-encoded path, its body and
//! how to read its answer. [`build_request`] turns it into a plain
//! `http::Request` for any HTTP library; the operation's
//! [`Operation::parse_response`] turns whatever came back into the typed
//! result or an [`Error`]. Nothing here sends, waits or retries; that is the
//! client's job (or the caller's, with another HTTP library).

use http::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use http::{HeaderName, Method};
use serde::Serialize;

use crate::base_url::BaseUrl;
use crate::error::Error;
use crate::response::RawResponse;

/// The header Graph uses to correlate a client's request with its logs.
pub const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

/// One documented Graph method, with its parameters filled in.
///
/// Generated code implements this for every method of the schema, for
/// example:
///
/// ```
/// use callgen_client::{Error, Operation, RawResponse, json_body, path, response};
/// use http::Method;
///
/// /// `POST /communications/calls/{call-id}/mute`
/// struct MuteCall {
///     call_id: String,
///     body: serde_json::Value,
/// }
///
/// impl Operation for MuteCall {
///     type Output = serde_json::Value;
///     fn method(&self) -> Method {
///         Method::POST
///     }
///
///     fn path(&self) -> Result<String, Error> {
///         Ok(format!("/communications/calls/{}/mute", path::segment("call-id", &self.call_id)?))
///     }
///
///     fn body(&self) -> Result<Option<Vec<u8>>, Error> {
///         json_body(&self.body)
///     }
///
///     fn parse_response(&self, answer: RawResponse<'_>) -> Result<Self::Output, Error> {
///         response::json(answer)
///     }
/// }
/// ```
pub trait Operation {
    /// The typed result of a successful call: a resource, an operation
    /// object, a [`Collection`](crate::Collection), or `()` for 202/204.
    type Output;

    /// The HTTP method (a method rather than a constant, so that an
    /// operation chosen at run time can be a `dyn Operation`).
    fn method(&self) -> Method;

    /// The path below the service root, starting with `/`, every parameter
    /// already encoded with [`path::segment`](crate::path::segment).
    fn path(&self) -> Result<String, Error>;

    /// The JSON body, if the method takes one (see [`json_body`]).
    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(None)
    }

    /// The typed result or the error an answer stands for, usually one of
    /// [`response::json`](crate::response::json),
    /// [`response::no_content`](crate::response::no_content) or
    /// [`response::collection`](crate::response::collection).
    fn parse_response(&self, response: RawResponse<'_>) -> Result<Self::Output, Error>;
}

impl<O: Operation + ?Sized> Operation for &O {
    type Output = O::Output;

    fn method(&self) -> Method {
        (**self).method()
    }

    fn path(&self) -> Result<String, Error> {
        (**self).path()
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        (**self).body()
    }

    fn parse_response(&self, response: RawResponse<'_>) -> Result<Self::Output, Error> {
        (**self).parse_response(response)
    }
}

impl<O: Operation + ?Sized> Operation for Box<O> {
    type Output = O::Output;

    fn method(&self) -> Method {
        (**self).method()
    }

    fn path(&self) -> Result<String, Error> {
        (**self).path()
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        (**self).body()
    }

    fn parse_response(&self, response: RawResponse<'_>) -> Result<Self::Output, Error> {
        (**self).parse_response(response)
    }
}

/// Serialises a request body to JSON bytes, for [`Operation::body`]: the
/// bytes `serde_json::to_vec` gives, written by the runtime's faster
/// writer ([`callgen_runtime::json`]).
pub fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Option<Vec<u8>>, Error> {
    match callgen_runtime::json::to_vec(value) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) => Err(unserializable_body(error)),
    }
}

/// A request body that does not serialize (not generic: compiled once).
fn unserializable_body(error: serde_json::Error) -> Error {
    Error::InvalidRequest(format!("cannot serialize the request body: {error}"))
}

/// The request for `operation` below `base_url`: method, URL, `Accept`,
/// `Content-Type` (when there is a body), the `client-request-id` header and
/// the body bytes. It carries no `Authorization` header: add
/// [`AccessToken::authorization_header`](crate::AccessToken::authorization_header).
pub fn build_request<O: Operation + ?Sized>(
    base_url: &BaseUrl,
    operation: &O,
    client_request_id: &str,
) -> Result<http::Request<Vec<u8>>, Error> {
    let url = base_url.join(&operation.path()?);
    let body = operation.body()?;
    let request_id = HeaderValue::try_from(client_request_id).map_err(|_| {
        Error::InvalidRequest(format!(
            "client request id `{client_request_id}` cannot be a header value"
        ))
    })?;
    let mut builder = http::Request::builder()
        .method(operation.method())
        .uri(&url)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .header(CLIENT_REQUEST_ID, request_id);
    if body.is_some() {
        builder = builder.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    builder.body(body.unwrap_or_default()).map_err(|error| {
        Error::InvalidRequest(format!("cannot build a request for {url}: {error}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{path, response};
    use http::StatusCode;
    use serde_json::{Value, json};

    struct DeleteParticipant {
        call_id: String,
        participant_id: String,
    }

    impl Operation for DeleteParticipant {
        type Output = ();
        fn method(&self) -> Method {
            Method::DELETE
        }

        fn path(&self) -> Result<String, Error> {
            Ok(format!(
                "/communications/calls/{}/participants/{}",
                path::segment("call-id", &self.call_id)?,
                path::segment("participant-id", &self.participant_id)?
            ))
        }

        fn parse_response(&self, answer: RawResponse<'_>) -> Result<(), Error> {
            response::no_content(answer)
        }
    }

    struct PlayPrompt {
        call_id: String,
        body: Value,
    }

    impl Operation for PlayPrompt {
        type Output = Value;
        fn method(&self) -> Method {
            Method::POST
        }

        fn path(&self) -> Result<String, Error> {
            Ok(format!(
                "/communications/calls/{}/playPrompt",
                path::segment("call-id", &self.call_id)?
            ))
        }

        fn body(&self) -> Result<Option<Vec<u8>>, Error> {
            json_body(&self.body)
        }

        fn parse_response(&self, answer: RawResponse<'_>) -> Result<Value, Error> {
            response::json(answer)
        }
    }

    #[test]
    fn builds_a_request_with_body_and_headers() {
        let operation = PlayPrompt {
            call_id: "57dab8b1-894c-409a-b240-bd8beae78896".into(),
            body: json!({"clientContext": "d45324c1", "prompts": []}),
        };
        let request = build_request(&BaseUrl::graph_beta(), &operation, "c0ffee").unwrap();
        assert_eq!(request.method(), Method::POST);
        assert_eq!(
            request.uri(),
            "https://graph.microsoft.com/beta/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/playPrompt"
        );
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(request.headers()["accept"], "application/json");
        assert_eq!(request.headers()["client-request-id"], "c0ffee");
        let sent: Value = serde_json::from_slice(request.body()).unwrap();
        assert_eq!(sent, operation.body);
    }

    #[test]
    fn builds_a_bodyless_request_with_encoded_segments() {
        let operation = DeleteParticipant {
            call_id: "a/b".into(),
            participant_id: "x?y#z".into(),
        };
        let base = BaseUrl::parse("http://127.0.0.1:9/v1/").unwrap();
        let request = build_request(&base, &operation, "id").unwrap();
        assert_eq!(request.method(), Method::DELETE);
        assert_eq!(
            request.uri().path(),
            "/v1/communications/calls/a%2Fb/participants/x%3Fy%23z"
        );
        assert!(request.headers().get("content-type").is_none());
        assert!(request.body().is_empty());
    }

    #[test]
    fn refuses_bad_parameters_and_request_ids() {
        let operation = DeleteParticipant {
            call_id: "..".into(),
            participant_id: "p".into(),
        };
        let error = build_request(&BaseUrl::graph_beta(), &operation, "id").unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error}");
        let operation = DeleteParticipant {
            call_id: "c".into(),
            participant_id: "p".into(),
        };
        let error = build_request(&BaseUrl::graph_beta(), &operation, "a\nb").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid request: client request id `a\nb` cannot be a header value"
        );
    }

    #[test]
    fn parses_through_the_operation() {
        let operation = PlayPrompt {
            call_id: "c".into(),
            body: json!({}),
        };
        let answer = http::Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "application/json")
            .body(br##"{"@odata.type": "#microsoft.graph.playPromptOperation", "status": "running"}"##.to_vec())
            .unwrap();
        let result = operation
            .parse_response(RawResponse::from_http(&answer))
            .unwrap();
        assert_eq!(result["status"], "running");
    }
}
