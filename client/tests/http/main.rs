//! The client against a real HTTP server on 127.0.0.1 (wiremock).
//!
//! The operations in `ops` are hand-written stand-ins for generated ones;
//! everything else (request building, tokens, retries, decoding, errors) is
//! the crate's real code over real sockets.

mod errors;
mod oauth;
mod ops;
mod redaction;
mod retries;
mod success;
mod support;
