//! Access tokens and where they come from.
//!
//! A [`TokenProvider`] hands out bearer tokens; [`StaticToken`] is the
//! simplest one, and the client-credentials provider (feature `client`) gets
//! app-only tokens from an OAuth2 token endpoint. An [`AccessToken`] never
//! shows its value through `Debug` or `Display`, and the `Authorization`
//! header made from it is marked sensitive, so neither `Debug` output nor
//! logs of a request reveal it. This module does not send requests.

use std::error::Error as StdError;
use std::fmt;

use async_trait::async_trait;
use http::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

/// A bearer token whose value is hidden from `Debug`.
#[derive(Clone)]
pub struct AccessToken(SecretString);

impl AccessToken {
    /// Wraps a token value.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(SecretString::from(token.into()))
    }

    /// The token value, for sending it. Do not log it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// The `Authorization: Bearer ...` header value, marked sensitive.
    pub fn authorization_header(&self) -> Result<HeaderValue, AuthError> {
        let mut value =
            HeaderValue::try_from(format!("Bearer {}", self.expose_secret())).map_err(|_| {
                AuthError::new("the access token contains characters a header cannot carry")
            })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([redacted])")
    }
}

/// A source of access tokens for Graph.
///
/// The client asks for a token before every attempt of every request, so a
/// provider should cache its token and refresh it shortly before it expires.
/// Implementations must not reveal the token in their `Debug` output.
#[async_trait]
pub trait TokenProvider: fmt::Debug + Send + Sync {
    /// A token valid for at least the next request.
    async fn token(&self) -> Result<AccessToken, AuthError>;
}

/// A fixed token, e.g. one obtained elsewhere or a test token.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// A provider that always hands out `token`.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

#[async_trait]
impl TokenProvider for StaticToken {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        Ok(self.0.clone())
    }
}

/// Why a token provider could not give a token.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct AuthError {
    message: String,
    #[source]
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl AuthError {
    /// An error with a message that stands on its own (without the token).
    pub fn new(message: impl Into<String>) -> Self {
        AuthError {
            message: message.into(),
            source: None,
        }
    }

    /// An error with a message and the underlying cause.
    pub fn with_source(
        message: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        AuthError {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// The message, without the cause.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-part";

    #[test]
    fn debug_never_shows_the_token() {
        let token = AccessToken::new(SECRET);
        let provider = StaticToken::new(SECRET);
        for shown in [
            format!("{token:?}"),
            format!("{provider:?}"),
            format!("{provider:#?}"),
        ] {
            assert!(!shown.contains("secret-part"), "{shown}");
            assert!(shown.contains("redacted"), "{shown}");
        }
        let header = token.authorization_header().unwrap();
        assert!(header.is_sensitive());
        assert_eq!(format!("{header:?}"), "Sensitive");
        assert_eq!(header.to_str().unwrap(), format!("Bearer {SECRET}"));
    }

    #[test]
    fn a_token_with_a_newline_cannot_become_a_header() {
        let error = AccessToken::new("abc\r\nX-Injected: 1")
            .authorization_header()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the access token contains characters a header cannot carry"
        );
    }
}
