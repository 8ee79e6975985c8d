//! The ready async client: tokens, request ids, timeouts and retries.
//!
//! [`Client::send`] builds an operation's request, adds a bearer token and a
//! fresh `client-request-id`, sends it over reqwest (rustls), retries 429,
//! 503 and 504 answers within the [`RetryPolicy`], and hands the final
//! answer to the operation to decode. It knows no particular operation and
//! no Graph resource.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::auth::TokenProvider;
use crate::base_url::{BaseUrl, GRAPH_BETA};
use crate::error::Error;
use crate::operation::{Operation, build_request};
use crate::pacing::{Jitter, RandomJitter, Sleeper, TokioSleeper};
use crate::response::error_from;
use crate::retry::{RetryPolicy, retry_after};
use crate::transport::{Answer, exchange};

/// The time limit of one attempt when neither the client nor the request
/// sets one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// An async Graph client. Cheap to clone; clones share connections.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: BaseUrl,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeout: Duration,
    sleeper: Arc<dyn Sleeper>,
    jitter: Arc<dyn Jitter>,
}

/// Per-request settings for [`Client::send_with`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RequestOptions {
    /// The time limit of each attempt, instead of the client's.
    pub timeout: Option<Duration>,
    /// The `client-request-id` to send, instead of a fresh UUID v4.
    pub client_request_id: Option<String>,
}

impl RequestOptions {
    /// Sets the time limit of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the `client-request-id` to send.
    pub fn client_request_id(mut self, id: impl Into<String>) -> Self {
        self.client_request_id = Some(id.into());
        self
    }
}

impl Client {
    /// A client for Graph beta with default settings.
    pub fn new(tokens: impl TokenProvider + 'static) -> Result<Client, Error> {
        Client::builder(tokens).build()
    }

    /// A builder for a client that gets its tokens from `tokens`.
    pub fn builder(tokens: impl TokenProvider + 'static) -> ClientBuilder {
        ClientBuilder {
            tokens: Arc::new(tokens),
            base_url: GRAPH_BETA.to_owned(),
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            sleeper: Arc::new(TokioSleeper),
            jitter: Arc::new(RandomJitter),
            http: None,
        }
    }

    /// The service root requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// Sends `operation` and returns its typed result.
    pub async fn send<O: Operation + ?Sized>(&self, operation: &O) -> Result<O::Output, Error> {
        self.send_with(operation, &RequestOptions::default()).await
    }

    /// Sends `operation` with per-request settings.
    ///
    /// The same `client-request-id` is used for every attempt of this call,
    /// so the service's logs show the retries as one request.
    pub async fn send_with<O: Operation + ?Sized>(
        &self,
        operation: &O,
        options: &RequestOptions,
    ) -> Result<O::Output, Error> {
        let client_request_id = options
            .client_request_id
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let request = build_request(&self.base_url, operation, &client_request_id)?;
        let timeout = options.timeout.unwrap_or(self.timeout);
        let mut attempts = 0;
        let mut waited = Duration::ZERO;
        loop {
            attempts += 1;
            let answer = self.attempt(&request, timeout).await?;
            if !RetryPolicy::is_retryable(answer.status) {
                return operation.parse_response(answer.raw());
            }
            let asked = retry_after(&answer.headers, SystemTime::now());
            let delay = self
                .retry
                .next_delay(attempts, waited, asked, self.jitter.fraction());
            let Some(delay) = delay else {
                return Err(exhausted(&request, attempts, waited, &answer));
            };
            self.sleeper.sleep(delay).await;
            waited += delay;
        }
    }

    async fn attempt(
        &self,
        request: &http::Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Answer, Error> {
        let token = self.tokens.token().await.map_err(Error::Auth)?;
        let authorization = token.authorization_header().map_err(Error::Auth)?;
        exchange(&self.http, request, authorization, timeout).await
    }
}

fn exhausted(
    request: &http::Request<Vec<u8>>,
    attempts: u32,
    waited: Duration,
    last: &Answer,
) -> Error {
    Error::RetriesExhausted {
        method: request.method().clone(),
        url: request.uri().to_string(),
        attempts,
        total_wait: waited,
        last_status: last.status,
        last_error: Box::new(error_from(last.raw())),
    }
}

/// Settings for a [`Client`]; every one has a default.
#[derive(Debug)]
pub struct ClientBuilder {
    tokens: Arc<dyn TokenProvider>,
    base_url: String,
    retry: RetryPolicy,
    timeout: Duration,
    sleeper: Arc<dyn Sleeper>,
    jitter: Arc<dyn Jitter>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// The service root (default [`GRAPH_BETA`]); national clouds and local
    /// test servers set their own.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// When and how to retry (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The time limit of each attempt (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How to wait between attempts (default [`TokioSleeper`]).
    pub fn sleeper(mut self, sleeper: impl Sleeper + 'static) -> Self {
        self.sleeper = Arc::new(sleeper);
        self
    }

    /// Where backoff jitter comes from (default [`RandomJitter`]).
    pub fn jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// A reqwest client of your own (proxies, certificates). It should not
    /// follow redirects; the default one does not.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = BaseUrl::parse(&self.base_url)?;
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        Ok(Client {
            http,
            base_url,
            tokens: self.tokens,
            retry: self.retry,
            timeout: self.timeout,
            sleeper: self.sleeper,
            jitter: self.jitter,
        })
    }
}

/// A reqwest client that does not follow redirects (a redirected POST would
/// turn into a GET) and says who it is.
pub(crate) fn default_http_client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("callgen-client/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|error| Error::InvalidRequest(format!("cannot set up the HTTP client: {error}")))
}
