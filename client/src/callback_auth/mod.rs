//! Inbound authentication of callback posts (feature `callback-auth`).
//!
//! The calling service signs each notification post with a bearer token
//! (`Authorization: Bearer <JWT>`). [`CallbackVerifier::verify`] checks it
//! before the body is read:
//!
//! - the signature is RS256 (nothing else: `none` and HMAC tokens are
//!   refused) and verifies with a key published through the OpenID
//!   configuration's `jwks_uri` (by default
//!   [`CALLING_SERVICE_OPENID_CONFIGURATION`]);
//! - keys are cached and fetched again on an unknown key id at most once
//!   per [`CallbackAuthConfig::with_min_refetch_interval`] (default 60 s);
//!   concurrent misses share one fetch, so a flood of forged key ids
//!   cannot become a flood of fetches;
//! - `iss` is one of the allow-list (default [`DEFAULT_ISSUERS`]), `aud`
//!   one of the bot's app ids, `exp` and `nbf` hold within a clock skew
//!   (default 5 minutes, at most [`MAX_CLOCK_SKEW`]).
//!
//! The answer is the [`CallbackClaims`] (tenant id, issuer, app id, the
//! other claims) for the handler, or a [`Rejection`] naming the reason,
//! answered 401. When the keys cannot be fetched and no cached key fits,
//! the post is refused with [`Rejection::KeysUnavailable`], answered 503
//! so that the service retries; a key still cached keeps verifying tokens
//! while the endpoint is down. A post is never accepted unchecked.
//!
//! Tokens and keys never show in `Debug`, `Display` or rejection reasons.
//! This module knows no web framework: it reads an `http::HeaderMap`.

mod claims;
mod config;
mod header;
mod keys;
mod rejection;

use std::fmt;

use http::{HeaderMap, HeaderValue, header::AUTHORIZATION};
use jsonwebtoken::{Algorithm, Validation};

pub use claims::CallbackClaims;
pub use config::{
    CALLING_SERVICE_OPENID_CONFIGURATION, CallbackAuthConfig, DEFAULT_CLOCK_SKEW,
    DEFAULT_FETCH_TIMEOUT, DEFAULT_ISSUERS, DEFAULT_KEY_LIFETIME, DEFAULT_MAX_HEADER_LENGTH,
    DEFAULT_MIN_REFETCH_INTERVAL, MAX_CLOCK_SKEW,
};
pub use rejection::Rejection;

use keys::KeyCache;

/// A configuration that cannot verify anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No app id was given: no audience would match.
    #[error("callback authentication needs at least one app id")]
    NoAppId,
    /// No issuer was given: no token would match.
    #[error("callback authentication needs at least one issuer")]
    NoIssuer,
    /// The HTTP client for key fetches could not be set up.
    #[error("{0}")]
    Http(String),
}

/// Verifies the bearer tokens of callback posts; share one per endpoint
/// (it holds the key cache).
pub struct CallbackVerifier {
    config: CallbackAuthConfig,
    validation: Validation,
    keys: KeyCache,
}

impl fmt::Debug for CallbackVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackVerifier")
            .field("config", &self.config)
            .field("keys", &self.keys)
            .finish()
    }
}

impl CallbackVerifier {
    /// A verifier for `config`; no key is fetched before the first post.
    pub fn new(config: CallbackAuthConfig) -> Result<Self, ConfigError> {
        if config.app_ids.is_empty() {
            return Err(ConfigError::NoAppId);
        }
        if config.issuers.is_empty() {
            return Err(ConfigError::NoIssuer);
        }
        let http = crate::client::default_http_client()
            .map_err(|error| ConfigError::Http(error.to_string()))?;
        Ok(CallbackVerifier {
            validation: validation(&config),
            keys: KeyCache::new(&config, http),
            config,
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &CallbackAuthConfig {
        &self.config
    }

    /// Verifies the `Authorization` header of a post.
    pub async fn verify(&self, headers: &HeaderMap) -> Result<CallbackClaims, Rejection> {
        let mut values = headers.get_all(AUTHORIZATION).iter();
        let first = values.next();
        if values.next().is_some() {
            return Err(Rejection::MalformedHeader {
                reason: "the post has more than one",
            });
        }
        self.verify_authorization(first).await
    }

    /// Verifies one `Authorization` header value (`None` when absent).
    pub async fn verify_authorization(
        &self,
        value: Option<&HeaderValue>,
    ) -> Result<CallbackClaims, Rejection> {
        let token = header::bearer_token(value, self.config.max_header_length)?;
        let token_header =
            jsonwebtoken::decode_header(token).map_err(|error| Rejection::MalformedToken {
                reason: format!("cannot read its header: {}", rejection::from_jwt(&error)),
            })?;
        if token_header.alg != Algorithm::RS256 {
            return Err(Rejection::UnsupportedAlgorithm {
                algorithm: format!("{:?}", token_header.alg),
            });
        }
        let kid = token_header.kid.ok_or(Rejection::MissingKeyId)?;
        let key = self.keys.key(&kid).await?;
        // Validated as plain JSON first, so that a missing or ill-typed
        // standard claim is reported as such, not as a shape mismatch.
        let claims = jsonwebtoken::decode::<serde_json::Value>(token, &key, &self.validation)
            .map_err(|error| rejection::from_jwt(&error))?
            .claims;
        serde_json::from_value(claims).map_err(|error| Rejection::MalformedToken {
            reason: format!("its claims are not of the expected types: {error}"),
        })
    }
}

fn validation(config: &CallbackAuthConfig) -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = config.clock_skew.as_secs();
    validation.validate_nbf = true;
    validation.set_audience(&config.app_ids);
    validation.set_issuer(&config.issuers);
    validation.set_required_spec_claims(&["exp", "iss", "aud"]);
    validation
}
