//! A client wired to a local server, with waits recorded instead of spent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use callgen_client::{Client, ClientBuilder, Jitter, RetryPolicy, Sleeper, StaticToken};
use wiremock::MockServer;

pub const TOKEN: &str = "test-token-9f8e7d";

/// Records every wait and returns at once.
#[derive(Debug, Clone, Default)]
pub struct RecordingSleeper(Arc<Mutex<Vec<Duration>>>);

impl RecordingSleeper {
    pub fn waits(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait]
impl Sleeper for RecordingSleeper {
    async fn sleep(&self, duration: Duration) {
        self.0.lock().unwrap().push(duration);
    }
}

/// Always draws the same fraction.
#[derive(Debug, Clone, Copy)]
pub struct FixedJitter(pub f64);

impl Jitter for FixedJitter {
    fn fraction(&self) -> f64 {
        self.0
    }
}

/// A builder for a client of `server` with a static token, a recording
/// sleeper, jitter 0.5 and 3 attempts.
pub fn builder(server: &MockServer, sleeper: &RecordingSleeper) -> ClientBuilder {
    Client::builder(StaticToken::new(TOKEN))
        .base_url(server.uri())
        .sleeper(sleeper.clone())
        .jitter(FixedJitter(0.5))
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        })
}

pub fn client(server: &MockServer, sleeper: &RecordingSleeper) -> Client {
    builder(server, sleeper).build().unwrap()
}

pub const MS: fn(u64) -> Duration = Duration::from_millis;
