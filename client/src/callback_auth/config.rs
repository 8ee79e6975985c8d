//! What a callback verifier accepts: app ids, issuers, where the keys are
//! published, clock skew and fetch limits.

use std::time::Duration;

/// The calling service's OpenID configuration, whose `jwks_uri` publishes
/// the keys that sign callback tokens.
pub const CALLING_SERVICE_OPENID_CONFIGURATION: &str =
    "https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration";

/// The issuers of callback tokens accepted by default.
pub const DEFAULT_ISSUERS: [&str; 2] = [
    "https://graph.microsoft.com",
    "https://api.botframework.com",
];

/// The clock skew allowed on `exp` and `nbf` by default.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(300);

/// The largest clock skew a configuration may allow.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(600);

/// The shortest time between two key fetches caused by unknown key ids, by
/// default.
pub const DEFAULT_MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

/// How long fetched keys are used before they are fetched again, by default.
pub const DEFAULT_KEY_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// The longest `Authorization` header accepted, by default (the service's
/// tokens take about 1.5 KB).
pub const DEFAULT_MAX_HEADER_LENGTH: usize = 8 * 1024;

/// How long the configuration and key-set endpoints have to answer, by
/// default.
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// The configuration of a [`CallbackVerifier`](super::CallbackVerifier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackAuthConfig {
    pub(crate) app_ids: Vec<String>,
    pub(crate) issuers: Vec<String>,
    pub(crate) openid_configuration_url: String,
    pub(crate) clock_skew: Duration,
    pub(crate) min_refetch_interval: Duration,
    pub(crate) key_lifetime: Duration,
    pub(crate) max_header_length: usize,
    pub(crate) fetch_timeout: Duration,
}

impl CallbackAuthConfig {
    /// Accepts tokens whose audience is one of `app_ids` (the bot's
    /// application ids), issued by the [`DEFAULT_ISSUERS`], signed with the
    /// calling service's keys.
    pub fn new<I, S>(app_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CallbackAuthConfig {
            app_ids: app_ids.into_iter().map(Into::into).collect(),
            issuers: DEFAULT_ISSUERS
                .iter()
                .map(|issuer| (*issuer).to_owned())
                .collect(),
            openid_configuration_url: CALLING_SERVICE_OPENID_CONFIGURATION.to_owned(),
            clock_skew: DEFAULT_CLOCK_SKEW,
            min_refetch_interval: DEFAULT_MIN_REFETCH_INTERVAL,
            key_lifetime: DEFAULT_KEY_LIFETIME,
            max_header_length: DEFAULT_MAX_HEADER_LENGTH,
            fetch_timeout: DEFAULT_FETCH_TIMEOUT,
        }
    }

    /// Replaces the accepted issuers.
    pub fn with_issuers<I, S>(mut self, issuers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.issuers = issuers.into_iter().map(Into::into).collect();
        self
    }

    /// Reads the keys through another OpenID configuration (a national
    /// cloud, or a local server in tests).
    pub fn with_openid_configuration_url(mut self, url: impl Into<String>) -> Self {
        self.openid_configuration_url = url.into();
        self
    }

    /// Allows this clock skew on `exp` and `nbf`, at most [`MAX_CLOCK_SKEW`].
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew.min(MAX_CLOCK_SKEW);
        self
    }

    /// Fetches the keys again for an unknown key id at most once per
    /// `interval`; tokens with unknown ids in between are refused.
    pub fn with_min_refetch_interval(mut self, interval: Duration) -> Self {
        self.min_refetch_interval = interval;
        self
    }

    /// Uses fetched keys for `lifetime`, then fetches them again.
    pub fn with_key_lifetime(mut self, lifetime: Duration) -> Self {
        self.key_lifetime = lifetime;
        self
    }

    /// Refuses `Authorization` headers longer than `bytes`.
    pub fn with_max_header_length(mut self, bytes: usize) -> Self {
        self.max_header_length = bytes;
        self
    }

    /// Gives the configuration and key-set endpoints `timeout` to answer.
    pub fn with_fetch_timeout(mut self, timeout: Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// The clock skew allowed.
    pub fn clock_skew(&self) -> Duration {
        self.clock_skew
    }
}
