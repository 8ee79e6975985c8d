//! Waiting and randomness for retries, replaceable for tests.
//!
//! The client waits through a [`Sleeper`] and draws backoff jitter from a
//! [`Jitter`]. The defaults use the tokio timer and a fast random generator;
//! a test can pass its own to check the waits without spending them. This
//! module does not decide how long to wait (`retry` does).

use std::fmt::Debug;
use std::time::Duration;

use async_trait::async_trait;

/// Waits for a while between attempts.
#[async_trait]
pub trait Sleeper: Debug + Send + Sync {
    /// Returns after `duration` has passed.
    async fn sleep(&self, duration: Duration);
}

/// The real wait, on the tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

#[async_trait]
impl Sleeper for TokioSleeper {
    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

/// A source of random fractions for backoff jitter.
pub trait Jitter: Debug + Send + Sync {
    /// A fraction in `[0, 1)`.
    fn fraction(&self) -> f64;
}

/// Uniform random fractions from a thread-local generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomJitter;

impl Jitter for RandomJitter {
    fn fraction(&self) -> f64 {
        fastrand::f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_fractions_stay_in_range_and_vary() {
        let draws: Vec<f64> = (0..1000).map(|_| RandomJitter.fraction()).collect();
        assert!(draws.iter().all(|f| (0.0..1.0).contains(f)));
        let first = draws[0];
        assert!(draws.iter().any(|f| *f != first));
    }

    #[tokio::test(start_paused = true)]
    async fn tokio_sleeper_waits_the_given_time() {
        let start = tokio::time::Instant::now();
        TokioSleeper.sleep(Duration::from_millis(1500)).await;
        assert_eq!(start.elapsed(), Duration::from_millis(1500));
    }
}
