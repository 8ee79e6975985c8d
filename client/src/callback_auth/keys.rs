//! The signing keys: fetched from the OpenID configuration's `jwks_uri`,
//! cached, and fetched again on an unknown key id at most once per
//! interval. Concurrent misses wait for one fetch instead of each starting
//! their own. Keys never show in `Debug`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;
use serde::Deserialize;
use tokio::sync::Mutex;

use super::Rejection;
use super::config::CallbackAuthConfig;

/// The largest configuration or key-set document read.
const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

pub(crate) struct KeyCache {
    http: reqwest::Client,
    openid_configuration_url: String,
    min_refetch_interval: Duration,
    key_lifetime: Duration,
    timeout: Duration,
    keys: RwLock<KeySet>,
    /// When a fetch was last started; held during a fetch.
    last_fetch: Mutex<Option<Instant>>,
}

#[derive(Default)]
struct KeySet {
    by_id: HashMap<String, Arc<DecodingKey>>,
    fetched_at: Option<Instant>,
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.keys.read().map(|keys| keys.by_id.len()).unwrap_or(0);
        f.debug_struct("KeyCache")
            .field("openid_configuration_url", &self.openid_configuration_url)
            .field("cached_keys", &count)
            .finish_non_exhaustive()
    }
}

impl KeyCache {
    pub(crate) fn new(config: &CallbackAuthConfig, http: reqwest::Client) -> KeyCache {
        KeyCache {
            http,
            openid_configuration_url: config.openid_configuration_url.clone(),
            min_refetch_interval: config.min_refetch_interval,
            key_lifetime: config.key_lifetime,
            timeout: config.fetch_timeout,
            keys: RwLock::new(KeySet::default()),
            last_fetch: Mutex::new(None),
        }
    }

    /// The key with id `kid`, from the cache or from one (rate-limited) fetch.
    pub(crate) async fn key(&self, kid: &str) -> Result<Arc<DecodingKey>, Rejection> {
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let mut last_fetch = self.last_fetch.lock().await;
        // Another post may have fetched while this one waited.
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let now = Instant::now();
        let fetched_recently =
            last_fetch.is_some_and(|at| now.duration_since(at) < self.min_refetch_interval);
        if fetched_recently {
            return Err(self.miss(kid));
        }
        *last_fetch = Some(now);
        let fetched = self.fetch().await;
        drop(last_fetch);
        match fetched {
            Ok(by_id) => {
                let key = by_id.get(kid).cloned();
                self.store(by_id, now);
                key.ok_or_else(|| Rejection::unknown_key(kid))
            }
            // Fresh keys stay in use: only this id is unknown.
            Err(_) if self.has_fresh_keys() => Err(Rejection::unknown_key(kid)),
            Err(reason) => Err(Rejection::KeysUnavailable { reason }),
        }
    }

    /// A miss without a fetch: an unknown id while keys are fresh, else
    /// the keys are unavailable until the next fetch is allowed.
    fn miss(&self, kid: &str) -> Rejection {
        if self.has_fresh_keys() {
            return Rejection::unknown_key(kid);
        }
        Rejection::KeysUnavailable {
            reason: "the last fetch failed or the keys expired; the next fetch is not due yet"
                .to_owned(),
        }
    }

    fn cached(&self, kid: &str) -> Option<Arc<DecodingKey>> {
        let keys = self.keys.read().ok()?;
        let fresh = keys
            .fetched_at
            .is_some_and(|at| at.elapsed() < self.key_lifetime);
        fresh.then(|| keys.by_id.get(kid).cloned()).flatten()
    }

    fn has_fresh_keys(&self) -> bool {
        self.keys.read().is_ok_and(|keys| {
            keys.fetched_at
                .is_some_and(|at| at.elapsed() < self.key_lifetime)
        })
    }

    fn store(&self, by_id: HashMap<String, Arc<DecodingKey>>, fetched_at: Instant) {
        if let Ok(mut keys) = self.keys.write() {
            *keys = KeySet {
                by_id,
                fetched_at: Some(fetched_at),
            };
        }
    }

    async fn fetch(&self) -> Result<HashMap<String, Arc<DecodingKey>>, String> {
        let configuration: OpenIdConfiguration =
            self.get_json(&self.openid_configuration_url).await?;
        let set: KeySetDocument = self.get_json(&configuration.jwks_uri).await?;
        let by_id: HashMap<_, _> = set.keys.iter().filter_map(rsa_key).collect();
        if by_id.is_empty() {
            return Err(format!(
                "{} publishes no RSA signing key",
                configuration.jwks_uri
            ));
        }
        Ok(by_id)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, String> {
        let body = tokio::time::timeout(self.timeout, self.get_bounded(url))
            .await
            .map_err(|_| format!("{url} did not answer within {:?}", self.timeout))??;
        serde_json::from_slice(&body)
            .map_err(|error| format!("{url} answered unexpected JSON: {error}"))
    }

    async fn get_bounded(&self, url: &str) -> Result<Vec<u8>, String> {
        let mut response =
            self.http.get(url).send().await.map_err(|error| {
                format!("cannot reach {url}: {}", crate::error::root_cause(&error))
            })?;
        if !response.status().is_success() {
            return Err(format!("{url} answered {}", response.status()));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| format!("cannot read {url}: {}", crate::error::root_cause(&error)))?
        {
            if body.len() + chunk.len() > MAX_DOCUMENT_BYTES {
                return Err(format!(
                    "{url} answered more than {MAX_DOCUMENT_BYTES} bytes"
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

#[derive(Deserialize)]
struct OpenIdConfiguration {
    jwks_uri: String,
}

#[derive(Deserialize)]
struct KeySetDocument {
    keys: Vec<PublishedKey>,
}

/// One key of a JWKS, as far as RSA signature keys need.
#[derive(Deserialize)]
struct PublishedKey {
    kty: String,
    kid: Option<String>,
    #[serde(rename = "use")]
    usage: Option<String>,
    alg: Option<String>,
    n: Option<String>,
    e: Option<String>,
}

/// The key as an RS256 verification key, if it is one.
fn rsa_key(key: &PublishedKey) -> Option<(String, Arc<DecodingKey>)> {
    let is_signing_rsa = key.kty == "RSA"
        && key.usage.as_deref().is_none_or(|usage| usage == "sig")
        && key.alg.as_deref().is_none_or(|alg| alg == "RS256");
    if !is_signing_rsa {
        return None;
    }
    let (kid, n, e) = (key.kid.as_ref()?, key.n.as_ref()?, key.e.as_ref()?);
    let decoding = DecodingKey::from_rsa_components(n, e).ok()?;
    Some((kid.clone(), Arc::new(decoding)))
}
