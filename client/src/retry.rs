//! When to try a request again, and how long to wait first.
//!
//! Graph asks clients to come back later with 429 (throttled), 503 (service
//! unavailable) and 504 (gateway timeout), usually with a `Retry-After`
//! header: whole or fractional seconds, or an HTTP date. [`RetryPolicy`]
//! honours that header and otherwise backs off exponentially with full
//! jitter, within a bounded number of attempts and a bounded total wait.
//! Everything here is pure: the caller supplies the clock and the random
//! fraction, and does the waiting. Transport failures and timeouts are not
//! retried: the request may have been carried out (a call created twice is
//! worse than an error).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode, header::RETRY_AFTER};

/// Bounds and pacing for retrying throttled or unavailable answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent at most, the first time included
    /// (1 turns retries off).
    pub max_attempts: u32,
    /// The most time spent waiting between attempts, all waits together. A
    /// wait that would pass it ends the retries instead.
    pub max_total_wait: Duration,
    /// The backoff ceiling after the first failed attempt; it doubles after
    /// each further one.
    pub initial_backoff: Duration,
    /// The largest backoff ceiling.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, at most 60 s of waiting, backoff from 1 s up to 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_total_wait: Duration::from_secs(60),
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request once.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether an answer with `status` asks to be retried (429, 503, 504).
    pub fn is_retryable(status: StatusCode) -> bool {
        matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        )
    }

    /// How long to wait before the next attempt, or `None` to give up.
    ///
    /// `attempts_made` counts the attempts so far (1 after the first),
    /// `waited` the time already spent waiting, `retry_after` the answer's
    /// `Retry-After` (see [`retry_after`]), and `jitter` is a random fraction
    /// in `[0, 1)` used only when there is no `Retry-After`.
    pub fn next_delay(
        &self,
        attempts_made: u32,
        waited: Duration,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(attempts_made, jitter));
        let total = waited.checked_add(delay)?;
        (total <= self.max_total_wait).then_some(delay)
    }

    /// Exponential backoff with full jitter: a random share (`jitter`, in
    /// `[0, 1)`) of `initial_backoff * 2^(attempts_made - 1)`, capped at
    /// `max_backoff`.
    pub fn backoff(&self, attempts_made: u32, jitter: f64) -> Duration {
        let doublings = attempts_made.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        let share = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * share)
            .map_or(ceiling, |delay| delay.min(ceiling))
    }
}

/// The wait an answer's `Retry-After` header asks for, if it has a readable
/// one. `now` is the current time, for the HTTP-date form.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Reads a `Retry-After` value: whole or fractional seconds (`120`, `1.5`)
/// or an HTTP date (a date in the past means no wait). Negative, non-finite
/// or unreadable values give `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        let seconds: f64 = value.parse().ok()?;
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const MS: fn(u64) -> Duration = Duration::from_millis;

    #[test]
    fn reads_every_retry_after_form() {
        let now = httpdate::parse_http_date("Thu, 01 Jul 2021 10:00:00 GMT").unwrap();
        let cases = [
            ("3", Some(MS(3000))),
            (" 0 ", Some(Duration::ZERO)),
            ("1.5", Some(MS(1500))),
            (".25", Some(MS(250))),
            ("Thu, 01 Jul 2021 10:00:42 GMT", Some(MS(42_000))),
            ("Thursday, 01-Jul-21 10:00:02 GMT", Some(MS(2000))),
            ("Thu, 01 Jul 2021 09:00:00 GMT", Some(Duration::ZERO)),
            ("-1", None),
            ("NaN", None),
            ("1e400", None),
            ("soon", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected, "{value:?}");
        }
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(MS(7000)));
    }

    #[test]
    fn retries_only_throttling_and_unavailability() {
        for code in [429, 503, 504] {
            assert!(RetryPolicy::is_retryable(
                StatusCode::from_u16(code).unwrap()
            ));
        }
        for code in [200, 202, 400, 401, 404, 500, 502] {
            assert!(!RetryPolicy::is_retryable(
                StatusCode::from_u16(code).unwrap()
            ));
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_full_jitter() {
        let policy = RetryPolicy::default();
        let ceilings: Vec<Duration> = (1..=7).map(|n| policy.backoff(n, 0.999_999)).collect();
        let seconds: Vec<u64> = ceilings
            .iter()
            .map(|d| d.as_millis().div_ceil(1000) as u64)
            .collect();
        assert_eq!(seconds, [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(policy.backoff(3, 0.0), Duration::ZERO);
        assert_eq!(policy.backoff(3, 0.5), MS(2000));
        assert_eq!(policy.backoff(u32::MAX, 0.5), MS(15_000));
        assert_eq!(policy.backoff(2, f64::NAN), Duration::ZERO);
        let unbounded = RetryPolicy {
            max_backoff: Duration::MAX,
            ..RetryPolicy::default()
        };
        assert!(unbounded.backoff(40, 1.0) > MS(1_000_000));
    }

    #[test]
    fn bounds_attempts_and_total_wait() {
        let policy = RetryPolicy {
            max_attempts: 3,
            max_total_wait: MS(5000),
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.next_delay(1, Duration::ZERO, Some(MS(1500)), 0.9),
            Some(MS(1500))
        );
        assert_eq!(policy.next_delay(2, MS(1500), None, 0.5), Some(MS(1000)));
        assert_eq!(policy.next_delay(3, MS(2500), Some(MS(1)), 0.5), None);
        assert_eq!(policy.next_delay(1, MS(4000), Some(MS(1001)), 0.5), None);
        assert_eq!(
            policy.next_delay(1, MS(4000), Some(MS(1000)), 0.5),
            Some(MS(1000))
        );
        assert_eq!(
            policy.next_delay(1, Duration::ZERO, Some(Duration::MAX), 0.5),
            None
        );
        assert_eq!(
            RetryPolicy::never().next_delay(1, Duration::ZERO, Some(MS(1)), 0.5),
            None
        );
    }
}
