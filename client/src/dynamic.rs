//! Operations chosen at run time: by operation id, with JSON in and out.
//!
//! Generated crates list every method they know as a [`MethodEntry`]
//! (operation id, HTTP method, path template, Rust types, and a function
//! that builds the typed operation from path arguments and a JSON body).
//! The built operation is a [`DynOperation`]: the generated type behind
//! [`JsonOutput`], so it is sent like any other operation and decodes the
//! answer into the documented type before giving back the JSON received. Tools
//! that route by name (a command line, a proxy, the conformance suite) use
//! this; typed code uses the generated types directly. This module knows no
//! particular method.

use std::any::TypeId;
use std::collections::BTreeMap;

use http::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;
use crate::operation::Operation;
use crate::response::RawResponse;

/// Path (and query) arguments by parameter name (`call-id`), as the
/// schema spells them.
pub type PathArgs = BTreeMap<String, String>;

/// A generated operation that can be built from arguments by name and a
/// JSON body.
pub trait FromParts: Sized {
    /// Reads the arguments the operation needs from `args` and its body
    /// (if it takes one) from `body`.
    fn from_parts(args: &PathArgs, body: Option<&Value>) -> Result<Self, Error>;
}

/// Builds `O` from parts and erases it; a generated [`MethodEntry`] points
/// its `build` here.
pub fn build<O>(args: &PathArgs, body: Option<&Value>) -> Result<DynOperation, Error>
where
    O: FromParts + Operation + Send + Sync + 'static,
{
    Ok(Box::new(JsonOutput(O::from_parts(args, body)?)))
}

/// An operation whose typed result is handed back as JSON.
pub type DynOperation = Box<dyn Operation<Output = Value> + Send + Sync>;

/// One documented method of a generated crate.
#[derive(Debug, Clone, Copy)]
pub struct MethodEntry {
    /// The schema's `operationId` (`call.mute`).
    pub operation_id: &'static str,
    /// The HTTP method, uppercase (`POST`).
    pub method: &'static str,
    /// The path template (`/communications/calls/{call-id}/mute`).
    pub path: &'static str,
    /// The path parameters, in template order (`call-id`).
    pub path_parameters: &'static [&'static str],
    /// The generated operation type (`operations::CallMute`).
    pub rust_type: &'static str,
    /// The Rust type of the request body, when the method takes one.
    pub body_type: Option<&'static str>,
    /// The Rust type of the result (`models::MuteParticipantOperation`, `()`).
    pub output_type: &'static str,
    /// Builds the operation from path arguments and the JSON body.
    pub build: fn(&PathArgs, Option<&Value>) -> Result<DynOperation, Error>,
}

impl MethodEntry {
    /// Builds the operation from path arguments and the JSON body (read as
    /// the typed body, so a body of the wrong shape is an error here).
    pub fn operation(&self, args: &PathArgs, body: Option<&Value>) -> Result<DynOperation, Error> {
        (self.build)(args, body)
    }
}

/// The entry with operation id `operation_id`, if `entries` has one.
pub fn find<'a>(entries: &'a [MethodEntry], operation_id: &str) -> Option<&'a MethodEntry> {
    entries
        .iter()
        .find(|entry| entry.operation_id == operation_id)
}

/// An operation whose answer is handed back as JSON, once it has been
/// decoded into its documented type: the JSON received, or `null` for an
/// operation without a result (`()`).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonOutput<O>(pub O);

impl<O> Operation for JsonOutput<O>
where
    O: Operation,
    O::Output: 'static,
{
    type Output = Value;

    fn method(&self) -> Method {
        self.0.method()
    }

    fn path(&self) -> Result<String, Error> {
        self.0.path()
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        self.0.body()
    }

    /// Decodes the answer as `O` does (so an answer that does not fit its
    /// documented type is the same error), then reads the body as a
    /// `Value`. The typed answer is not written back: decoding is lossless,
    /// so that would give the same JSON, and it would make a generated
    /// crate compile a serializer for every answer type.
    fn parse_response(&self, response: RawResponse<'_>) -> Result<Value, Error> {
        self.0.parse_response(response)?;
        received_json(TypeId::of::<O::Output>() == TypeId::of::<()>(), response)
    }
}

/// The answer's JSON, or `null` when the operation has no result (not
/// generic: compiled once, not per operation).
fn received_json(no_result: bool, response: RawResponse<'_>) -> Result<Value, Error> {
    if no_result {
        return Ok(Value::Null);
    }
    serde_json::from_slice(response.body).map_err(|error| Error::Decode {
        status: response.status,
        path: ".".to_owned(),
        message: format!("the decoded answer does not read as JSON: {error}"),
    })
}

/// The argument of the required parameter `name`.
pub fn path_arg(args: &PathArgs, name: &str) -> Result<String, Error> {
    args.get(name)
        .cloned()
        .ok_or_else(|| Error::InvalidRequest(format!("no argument for parameter `{name}`")))
}

/// The request body of `operation_id` read from JSON as `T`; the error names
/// where in the body it went wrong.
///
/// The body is written out as JSON text and read from the bytes, with the
/// same deserializer as the answers ([`crate::response::json`]): a generated
/// crate then compiles one decoder per type, shared by its request bodies
/// and its answers, instead of a second one over `Value`.
pub fn body_from_json<T: DeserializeOwned>(
    operation_id: &str,
    body: Option<&Value>,
) -> Result<T, Error> {
    let bytes = body_bytes(operation_id, body)?;
    match callgen_runtime::de::from_slice(&bytes) {
        Ok(value) => Ok(value),
        Err(error) => Err(body_misfit(operation_id, &error)),
    }
}

/// A request body that did not decode. The body was a `Value`: a position
/// in text the caller never saw would mislead.
fn body_misfit(operation_id: &str, error: &callgen_runtime::de::DecodeError) -> Error {
    misfit(
        operation_id,
        error.path(),
        &error.message_without_position(),
    )
}

/// The body's JSON text (not generic: compiled once).
fn body_bytes(operation_id: &str, body: Option<&Value>) -> Result<Vec<u8>, Error> {
    let Some(body) = body else {
        return Err(Error::InvalidRequest(format!(
            "`{operation_id}` needs a request body"
        )));
    };
    serde_json::to_vec(body).map_err(|error| misfit(operation_id, ".", &error.to_string()))
}

/// A request body that does not fit its type (not generic: compiled once).
fn misfit(operation_id: &str, path: &str, message: &str) -> Error {
    Error::InvalidRequest(format!(
        "the request body of `{operation_id}` does not fit its type at `{path}`: {message}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{json_body, path, response};
    use http::{HeaderMap, StatusCode};
    use serde_json::json;

    use crate::test_models::Note as Body;

    struct Mute {
        call_id: String,
        body: Body,
    }

    impl Operation for Mute {
        type Output = Value;
        fn method(&self) -> Method {
            Method::POST
        }
        fn path(&self) -> Result<String, Error> {
            Ok(format!(
                "/communications/calls/{}/mute",
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

    impl FromParts for Mute {
        fn from_parts(args: &PathArgs, body: Option<&Value>) -> Result<Self, Error> {
            Ok(Mute {
                call_id: path_arg(args, "call-id")?,
                body: body_from_json("call.mute", body)?,
            })
        }
    }

    const ENTRIES: &[MethodEntry] = &[MethodEntry {
        operation_id: "call.mute",
        method: "POST",
        path: "/communications/calls/{call-id}/mute",
        path_parameters: &["call-id"],
        rust_type: "Mute",
        body_type: Some("Body"),
        output_type: "Value",
        build: build::<Mute>,
    }];

    #[test]
    fn builds_and_runs_an_operation_by_id() {
        let entry = find(ENTRIES, "call.mute").unwrap();
        let args = PathArgs::from([("call-id".to_owned(), "a/b".to_owned())]);
        let operation = entry
            .operation(&args, Some(&json!({"clientContext": "c"})))
            .unwrap();
        assert_eq!(operation.method(), Method::POST);
        assert_eq!(
            operation.path().unwrap(),
            "/communications/calls/a%2Fb/mute"
        );
        let headers = HeaderMap::new();
        let answer = RawResponse::new(StatusCode::OK, &headers, br#"{"status": "running"}"#);
        assert_eq!(
            operation.parse_response(answer).unwrap(),
            json!({"status": "running"})
        );
        assert!(find(ENTRIES, "call.unmute").is_none());
    }

    /// Reads a [`Body`]; [`JsonOutput`] needs no serializer for it.
    struct GetNote;

    impl Operation for GetNote {
        type Output = Body;
        fn method(&self) -> Method {
            Method::GET
        }
        fn path(&self) -> Result<String, Error> {
            Ok("/notes/1".to_owned())
        }
        fn body(&self) -> Result<Option<Vec<u8>>, Error> {
            Ok(None)
        }
        fn parse_response(&self, answer: RawResponse<'_>) -> Result<Body, Error> {
            response::json(answer)
        }
    }

    struct DeleteNote;

    impl Operation for DeleteNote {
        type Output = ();
        fn method(&self) -> Method {
            Method::DELETE
        }
        fn path(&self) -> Result<String, Error> {
            Ok("/notes/1".to_owned())
        }
        fn body(&self) -> Result<Option<Vec<u8>>, Error> {
            Ok(None)
        }
        fn parse_response(&self, answer: RawResponse<'_>) -> Result<(), Error> {
            response::no_content(answer)
        }
    }

    #[test]
    fn an_answer_comes_back_as_received_once_it_fits_its_type() {
        let headers = HeaderMap::new();
        let answer = |status, body: &'static [u8]| RawResponse::new(status, &headers, body);
        let note = JsonOutput(GetNote);
        let body = br#"{"clientContext": "c", "extra": [1, 2.50, null], "id": null}"#;
        assert_eq!(
            note.parse_response(answer(StatusCode::OK, body)).unwrap(),
            json!({"clientContext": "c", "extra": [1, 2.5, null], "id": null})
        );
        let error = note
            .parse_response(answer(StatusCode::OK, br#"{"clientContext": 5}"#))
            .unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "clientContext"),
            "{error:?}"
        );
        let nothing = JsonOutput(DeleteNote);
        assert_eq!(
            nothing
                .parse_response(answer(StatusCode::NO_CONTENT, b""))
                .unwrap(),
            Value::Null
        );
        assert_eq!(
            nothing
                .parse_response(answer(StatusCode::ACCEPTED, b"accepted"))
                .unwrap(),
            Value::Null,
            "a body a no-content answer carries is not the result"
        );
        assert!(
            nothing
                .parse_response(answer(StatusCode::NOT_FOUND, b""))
                .is_err()
        );
    }

    #[test]
    fn missing_arguments_and_misfit_bodies_are_errors() {
        let entry = &ENTRIES[0];
        let body = json!({"clientContext": "c"});
        let error = entry
            .operation(&PathArgs::new(), Some(&body))
            .err()
            .unwrap();
        assert_eq!(
            error.to_string(),
            "invalid request: no argument for parameter `call-id`"
        );
        let args = PathArgs::from([("call-id".to_owned(), "c".to_owned())]);
        let error = entry.operation(&args, None).err().unwrap();
        assert_eq!(
            error.to_string(),
            "invalid request: `call.mute` needs a request body"
        );
        let error = entry
            .operation(&args, Some(&json!({"clientContext": 5})))
            .err()
            .unwrap();
        assert_eq!(
            error.to_string(),
            "invalid request: the request body of `call.mute` does not fit its type at `clientContext`: invalid type: integer `5`, expected a string"
        );
    }
}
