//! App-only tokens from an OAuth2 token endpoint (client-credentials grant).
//!
//! [`ClientCredentials`] posts the application's id and secret to the token
//! endpoint (Microsoft identity platform by default, any endpoint for
//! national clouds or tests), caches the token and fetches a new one a
//! margin before it expires. Neither the secret nor the token appears in
//! `Debug` output or in errors. It does not know Graph requests.

use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::Mutex;

use crate::auth::{AccessToken, AuthError, TokenProvider};
use crate::client::default_http_client;
use crate::error::{Error, root_cause};
use crate::path;
use crate::response::snippet;

/// The Microsoft identity platform authority of the global cloud.
pub const MICROSOFT_LOGIN: &str = "https://login.microsoftonline.com";

/// The scope that asks for every application permission granted on Graph.
pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// How long before expiry a cached token is replaced, by default.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// How long the token endpoint has to answer, by default.
pub const DEFAULT_TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// A token provider for app-only access with a client secret.
#[derive(Debug)]
pub struct ClientCredentials {
    http: reqwest::Client,
    token_endpoint: String,
    client_id: String,
    client_secret: SecretString,
    scope: String,
    refresh_margin: Duration,
    timeout: Duration,
    cached: Mutex<Option<CachedToken>>,
}

#[derive(Debug, Clone)]
struct CachedToken {
    token: AccessToken,
    expires_at: Instant,
}

impl ClientCredentials {
    /// A provider for the application `client_id` in `tenant_id` (a tenant
    /// GUID or domain), using the global Microsoft identity platform and the
    /// Graph `.default` scope.
    pub fn new(
        tenant_id: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Result<ClientCredentials, Error> {
        let tenant = path::segment("tenant-id", tenant_id)?;
        Ok(ClientCredentials {
            http: default_http_client()?,
            token_endpoint: format!("{MICROSOFT_LOGIN}/{tenant}/oauth2/v2.0/token"),
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            scope: GRAPH_DEFAULT_SCOPE.to_owned(),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            timeout: DEFAULT_TOKEN_TIMEOUT,
            cached: Mutex::new(None),
        })
    }

    /// Uses another token endpoint (a national cloud, a local test server).
    pub fn with_token_endpoint(mut self, url: impl Into<String>) -> Self {
        self.token_endpoint = url.into();
        self
    }

    /// Asks for another scope (default [`GRAPH_DEFAULT_SCOPE`]).
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// Replaces a cached token this long before it expires (default
    /// [`DEFAULT_REFRESH_MARGIN`]).
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Gives the token endpoint this long to answer (default
    /// [`DEFAULT_TOKEN_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The token endpoint in use.
    pub fn token_endpoint(&self) -> &str {
        &self.token_endpoint
    }

    async fn fetch(&self) -> Result<CachedToken, AuthError> {
        let requested_at = Instant::now();
        let exchange = async {
            let response = self.token_request().send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, body))
        };
        let (status, body) = match tokio::time::timeout(self.timeout, exchange).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(error)) => return Err(self.unreachable(error)),
            Err(_elapsed) => {
                return Err(AuthError::new(format!(
                    "token endpoint {} gave no answer within {:?}",
                    self.token_endpoint, self.timeout
                )));
            }
        };
        read_token_response(&self.token_endpoint, status, &body, requested_at)
    }

    fn token_request(&self) -> reqwest::RequestBuilder {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
            ("scope", self.scope.as_str()),
        ];
        self.http.post(&self.token_endpoint).form(&form)
    }

    fn unreachable(&self, error: reqwest::Error) -> AuthError {
        let detail = root_cause(&error).to_string();
        AuthError::with_source(
            format!(
                "token endpoint {} could not be reached: {detail}",
                self.token_endpoint
            ),
            error,
        )
    }
}

#[async_trait]
impl TokenProvider for ClientCredentials {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some(current) = cached.as_ref() {
            if Instant::now() + self.refresh_margin < current.expires_at {
                return Ok(current.token.clone());
            }
        }
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
    }
}

/// Reads a token endpoint's answer. A success body is never quoted in an
/// error, since it may hold a token.
fn read_token_response(
    endpoint: &str,
    status: StatusCode,
    body: &[u8],
    requested_at: Instant,
) -> Result<CachedToken, AuthError> {
    let document: Option<Value> = serde_json::from_slice(body).ok();
    if !status.is_success() {
        return Err(refusal(endpoint, status, document.as_ref(), body));
    }
    let bad = |what: &str| {
        AuthError::new(format!(
            "token endpoint {endpoint} answered {status} without {what}"
        ))
    };
    let document = document.ok_or_else(|| bad("a JSON body"))?;
    let token = document
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| bad("an `access_token`"))?;
    if let Some(kind) = document.get("token_type").and_then(Value::as_str) {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(bad("a bearer token"));
        }
    }
    let lifetime = document
        .get("expires_in")
        .and_then(seconds)
        .ok_or_else(|| bad("a readable `expires_in`"))?;
    Ok(CachedToken {
        token: AccessToken::new(token),
        expires_at: requested_at + lifetime,
    })
}

/// `expires_in` as a number or a numeric string (older endpoints).
fn seconds(value: &Value) -> Option<Duration> {
    let seconds = match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }?;
    Some(Duration::from_secs(seconds))
}

fn refusal(endpoint: &str, status: StatusCode, document: Option<&Value>, body: &[u8]) -> AuthError {
    let field = |name: &str| {
        document
            .and_then(|document| document.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match (field("error"), field("error_description")) {
        (Some(code), Some(description)) => AuthError::new(format!(
            "token endpoint {endpoint} refused the request with {status}: {code}: {description}"
        )),
        (Some(code), None) => AuthError::new(format!(
            "token endpoint {endpoint} refused the request with {status}: {code}"
        )),
        _ => AuthError::new(format!(
            "token endpoint {endpoint} answered {status}: {}",
            describe(body)
        )),
    }
}

fn describe(body: &[u8]) -> String {
    let text = snippet(body);
    if text.is_empty() {
        "(empty body)".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDPOINT: &str = "http://127.0.0.1:1/tenant/oauth2/v2.0/token";

    fn read(status: u16, body: &str) -> Result<CachedToken, AuthError> {
        let status = StatusCode::from_u16(status).unwrap();
        read_token_response(ENDPOINT, status, body.as_bytes(), Instant::now())
    }

    #[test]
    fn reads_a_token_and_its_lifetime() {
        let before = Instant::now();
        let token = read(
            200,
            r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "t0k"}"#,
        )
        .unwrap();
        assert_eq!(token.token.expose_secret(), "t0k");
        assert!(token.expires_at >= before + Duration::from_secs(3599));
        let text = read(
            200,
            r#"{"token_type": "bearer", "expires_in": "60", "access_token": "t"}"#,
        )
        .unwrap();
        assert!(text.expires_at <= Instant::now() + Duration::from_secs(60));
    }

    #[test]
    fn explains_refusals_and_bad_answers_without_quoting_tokens() {
        let cases = [
            (
                401,
                r#"{"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided"}"#,
                format!(
                    "token endpoint {ENDPOINT} refused the request with 401 Unauthorized: invalid_client: AADSTS7000215: Invalid client secret provided"
                ),
            ),
            (
                400,
                r#"{"error": "invalid_scope"}"#,
                format!(
                    "token endpoint {ENDPOINT} refused the request with 400 Bad Request: invalid_scope"
                ),
            ),
            (
                502,
                "<html>gateway</html>",
                format!("token endpoint {ENDPOINT} answered 502 Bad Gateway: <html>gateway</html>"),
            ),
            (
                500,
                "",
                format!(
                    "token endpoint {ENDPOINT} answered 500 Internal Server Error: (empty body)"
                ),
            ),
            (
                200,
                r#"{"access_token": "leak-me"}"#,
                format!(
                    "token endpoint {ENDPOINT} answered 200 OK without a readable `expires_in`"
                ),
            ),
            (
                200,
                r#"{"access_token": "leak-me", "token_type": "mac", "expires_in": 5}"#,
                format!("token endpoint {ENDPOINT} answered 200 OK without a bearer token"),
            ),
            (
                200,
                r#"{"expires_in": 5}"#,
                format!("token endpoint {ENDPOINT} answered 200 OK without an `access_token`"),
            ),
            (
                200,
                "leak-me",
                format!("token endpoint {ENDPOINT} answered 200 OK without a JSON body"),
            ),
        ];
        for (status, body, expected) in cases {
            let error = read(status, body).unwrap_err();
            assert_eq!(error.to_string(), expected);
            assert!(!error.to_string().contains("leak-me"));
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        let provider =
            ClientCredentials::new("contoso.onmicrosoft.com", "app-id", "s3cr3t-value").unwrap();
        let shown = format!("{provider:?}");
        assert!(!shown.contains("s3cr3t-value"), "{shown}");
        assert!(shown.contains("app-id"));
        assert_eq!(
            provider.token_endpoint(),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert!(ClientCredentials::new("a/b", "x", "y").is_ok());
        assert!(ClientCredentials::new("", "x", "y").is_err());
    }
}
