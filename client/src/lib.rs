//! The HTTP layer of the generated Graph calls crate.
//!
//! Every documented Graph calling method becomes, in the generated crate, a
//! small type implementing [`Operation`]: its method, its path with the
//! parameters percent-encoded, its JSON body, and how to read its answer.
//! This crate holds everything those types and bot authors rely on that is
//! not generated:
//!
//! - a **sans-IO core**, always available: [`build_request`] makes a plain
//!   `http::Request<Vec<u8>>`, and [`Operation::parse_response`] (built from
//!   the [`response`] helpers) turns a status, headers and body bytes into
//!   the typed result or a typed [`Error`]. Use it with any HTTP library.
//! - **typed errors**: one [`Error`] enum, with Graph's
//!   `{"error": {"code", "message", "innerError"}}` body parsed into a
//!   [`GraphError`] carrying the request id, client request id and date.
//! - **retry rules** ([`RetryPolicy`]): 429, 503 and 504 are retried,
//!   honouring `Retry-After` (seconds, fractional seconds or an HTTP date),
//!   else with exponential backoff and full jitter, within bounded attempts
//!   and total wait.
//! - with the default feature `client`, a ready async [`Client`] over reqwest
//!   with rustls (no OpenSSL): bearer tokens from a [`TokenProvider`]
//!   ([`StaticToken`], or [`ClientCredentials`] for app-only tokens), a fresh
//!   `client-request-id` on every call, per-request timeouts and the retries
//!   above. Turn the feature off (`default-features = false`) to keep only
//!   the sans-IO core.
//!
//! With the feature `callback-auth`, [`callback_auth`] verifies the bearer
//! token of each callback post (RS256, keys from the OpenID configuration,
//! issuer, audience and lifetime) before the body is read.
//!
//! Tokens never show: [`AccessToken`]'s `Debug` is redacted and the
//! `Authorization` header is marked sensitive. The crate writes no logs.
//!
//! # Example: sending an operation
//!
//! A generated operation looks like this hand-written one:
//!
//! ```no_run
//! # #[cfg(feature = "client")]
//! # async fn run() -> Result<(), callgen_client::Error> {
//! use callgen_client::{Client, Error, Operation, RawResponse, StaticToken, json_body, path, response};
//! use http::Method;
//! use serde_json::{Value, json};
//!
//! /// `POST /communications/calls/{call-id}/mute`, answered 200 with a
//! /// `muteParticipantOperation`.
//! struct MuteCall {
//!     call_id: String,
//!     client_context: String,
//! }
//!
//! impl Operation for MuteCall {
//!     type Output = Value;
//!     fn method(&self) -> Method {
//!         Method::POST
//!     }
//!
//!     fn path(&self) -> Result<String, Error> {
//!         Ok(format!("/communications/calls/{}/mute", path::segment("call-id", &self.call_id)?))
//!     }
//!
//!     fn body(&self) -> Result<Option<Vec<u8>>, Error> {
//!         json_body(&json!({ "clientContext": self.client_context }))
//!     }
//!
//!     fn parse_response(&self, answer: RawResponse<'_>) -> Result<Value, Error> {
//!         response::json(answer)
//!     }
//! }
//!
//! let client = Client::builder(StaticToken::new("eyJ0eXAi..."))
//!     .base_url("https://graph.microsoft.com/beta")
//!     .build()?;
//! let mute = MuteCall { call_id: "57dab8b1-894c-409a-b240-bd8beae78896".into(), client_context: "d45324c1".into() };
//! match client.send(&mute).await {
//!     Ok(operation) => println!("mute is {}", operation["status"]),
//!     Err(Error::Graph { status, error }) => eprintln!("Graph said {status}: {} (request-id {:?})", error.code, error.request_id),
//!     Err(other) => eprintln!("{other}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Example: without the client
//!
//! The same operation with any HTTP library: build the request, send it
//! yourself (adding `Authorization`), and give the answer back.
//!
//! ```
//! use callgen_client::{BaseUrl, Error, Operation, RawResponse, build_request, path, response};
//! use http::Method;
//!
//! struct DeleteCall { call_id: String }
//!
//! impl Operation for DeleteCall {
//!     type Output = ();
//!     fn method(&self) -> Method {
//!         Method::DELETE
//!     }
//!     fn path(&self) -> Result<String, Error> {
//!         Ok(format!("/communications/calls/{}", path::segment("call-id", &self.call_id)?))
//!     }
//!     fn parse_response(&self, answer: RawResponse<'_>) -> Result<(), Error> {
//!         response::no_content(answer)
//!     }
//! }
//!
//! let delete = DeleteCall { call_id: "a/b".into() };
//! let request = build_request(&BaseUrl::graph_beta(), &delete, "6f1a3e0c-6bd5-4d4f-9b1e-6b1c7c1e4f40")?;
//! assert_eq!(request.uri(), "https://graph.microsoft.com/beta/communications/calls/a%2Fb");
//!
//! // ... send `request`, then:
//! let answer = http::Response::builder().status(204).body(Vec::new()).unwrap();
//! delete.parse_response(RawResponse::from_http(&answer))?;
//!
//! let answer = http::Response::builder()
//!     .status(404)
//!     .header("content-type", "application/json")
//!     .body(br#"{"error": {"code": "itemNotFound", "message": "Unknown call"}}"#.to_vec())
//!     .unwrap();
//! let error = delete.parse_response(RawResponse::from_http(&answer)).unwrap_err();
//! assert_eq!(error.to_string(), "Graph answered 404 Not Found: itemNotFound: Unknown call");
//! # Ok::<(), Error>(())
//! ```

pub mod auth;
pub mod base_url;
pub mod callback;
pub mod collection;
pub mod dynamic;
pub mod error;
pub mod graph_error;
mod media_type;
pub mod operation;
pub mod path;
pub mod resource_path;
pub mod response;
pub mod retry;
#[cfg(test)]
mod test_models;

#[cfg(feature = "callback-auth")]
pub mod callback_auth;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod oauth;
#[cfg(feature = "client")]
pub mod pacing;
#[cfg(feature = "client")]
mod transport;

pub use auth::{AccessToken, AuthError, StaticToken, TokenProvider};
pub use base_url::{BaseUrl, GRAPH_BETA};
pub use callback::CallbackError;
pub use collection::Collection;
pub use dynamic::{DynOperation, FromParts, JsonOutput, MethodEntry, PathArgs};
pub use error::Error;
pub use graph_error::GraphError;
pub use operation::{CLIENT_REQUEST_ID, Operation, build_request, json_body};
pub use resource_path::{ResourcePath, ResourcePathError, ResourceSegment};
pub use response::RawResponse;
pub use retry::RetryPolicy;

#[cfg(feature = "client")]
pub use client::{Client, ClientBuilder, RequestOptions};
#[cfg(feature = "client")]
pub use oauth::ClientCredentials;
#[cfg(feature = "client")]
pub use pacing::{Jitter, RandomJitter, Sleeper, TokioSleeper};

/// The HTTP types the API is made of, re-exported so generated code needs no
/// direct dependency on `http`.
pub use http;
