//! What stands before the handler: the bearer token of every post is
//! verified (401, or 503 when the keys cannot be fetched, with the reason in
//! the body and the log), then the body size is capped (413 on a declared
//! `Content-Length` over the limit, before any of the body is read; the
//! streamed body is cut at the limit too). The verified claims go to the
//! handler as a request extension.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use callgen_client::callback_auth::{CallbackVerifier, Rejection};

/// The body limit by default: 4 MiB. A 1,000-participant roster
/// notification built from the documented participants takes about
/// 0.78 MB (782,104 bytes, measured by the load test); the rest is room
/// for participants with more properties than the documented one.
pub const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// The checks of every callback post.
#[derive(Debug, Clone)]
pub struct CallbackGuard {
    verifier: Arc<CallbackVerifier>,
    body_limit: usize,
}

impl CallbackGuard {
    /// Verifies posts with `verifier`, with the [`DEFAULT_BODY_LIMIT`].
    pub fn new(verifier: CallbackVerifier) -> Self {
        CallbackGuard {
            verifier: Arc::new(verifier),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Refuses bodies longer than `bytes` with 413.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// `router` with every route behind the checks.
    pub(crate) fn protect(self, router: Router) -> Router {
        let body_limit = self.body_limit;
        router
            .layer(DefaultBodyLimit::max(body_limit))
            .layer(middleware::from_fn_with_state(self, check))
    }
}

async fn check(State(guard): State<CallbackGuard>, mut request: Request, next: Next) -> Response {
    let claims = match guard.verifier.verify(request.headers()).await {
        Ok(claims) => claims,
        Err(rejection) => return refuse(&rejection),
    };
    if let Some(length) = declared_length(request.headers()).filter(|l| *l > guard.body_limit) {
        let reason = format!(
            "the body has {length} bytes, more than the {} allowed",
            guard.body_limit
        );
        return (StatusCode::PAYLOAD_TOO_LARGE, reason).into_response();
    }
    request.extensions_mut().insert(claims);
    next.run(request).await
}

fn refuse(rejection: &Rejection) -> Response {
    eprintln!("callback refused: {rejection}");
    let status =
        StatusCode::from_u16(rejection.status().as_u16()).unwrap_or(StatusCode::UNAUTHORIZED);
    (
        status,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        rejection.to_string(),
    )
        .into_response()
}

fn declared_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}
