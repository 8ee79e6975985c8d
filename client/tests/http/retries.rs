//! Retries over real HTTP: which answers are retried, how long the client
//! waits, and where it stops.

use std::time::{Duration, SystemTime};

use callgen_client::{Client, Error, RetryPolicy, StaticToken};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::ops;
use crate::support::{MS, RecordingSleeper, builder, client};

async fn answers(server: &MockServer, first: ResponseTemplate, times: u64) {
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(times)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ops::mute_operation()))
        .mount(server)
        .await;
}

#[tokio::test]
async fn backs_off_with_jitter_and_keeps_the_request_id() {
    let server = MockServer::start().await;
    answers(&server, ResponseTemplate::new(503), 2).await;
    let sleeper = RecordingSleeper::default();
    let value = client(&server, &sleeper).send(&ops::mute()).await.unwrap();
    assert_eq!(value, ops::mute_operation());
    assert_eq!(sleeper.waits(), [MS(500), MS(1000)]);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    let ids: Vec<_> = received
        .iter()
        .map(|request| request.headers["client-request-id"].clone())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]));
    assert!(
        received
            .iter()
            .all(|request| request.body == received[0].body)
    );
}

#[tokio::test]
async fn honours_a_retry_after_date() {
    let server = MockServer::start().await;
    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));
    answers(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", later.as_str()),
        1,
    )
    .await;
    let sleeper = RecordingSleeper::default();
    client(&server, &sleeper).send(&ops::mute()).await.unwrap();
    let waits = sleeper.waits();
    assert_eq!(waits.len(), 1);
    assert!(waits[0] > MS(1000) && waits[0] <= MS(3000), "{waits:?}");
}

#[tokio::test]
async fn really_waits_with_the_default_sleeper() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(504).insert_header("retry-after", "0.05"),
        1,
    )
    .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(server.uri())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    client.send(&ops::mute()).await.unwrap();
    assert!(started.elapsed() >= MS(50));
}

#[tokio::test]
async fn a_retry_after_past_the_total_wait_ends_at_once() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "120"),
        1,
    )
    .await;
    let sleeper = RecordingSleeper::default();
    let error = client(&server, &sleeper)
        .send(&ops::mute())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        Error::RetriesExhausted {
            attempts: 1,
            total_wait: Duration::ZERO,
            ..
        }
    ));
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn never_policy_sends_once() {
    let server = MockServer::start().await;
    answers(&server, ResponseTemplate::new(503), 1).await;
    let sleeper = RecordingSleeper::default();
    let client = builder(&server, &sleeper)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    assert!(matches!(error, Error::RetriesExhausted { attempts: 1, .. }));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn other_failures_are_not_retried() {
    for status in [400, 401, 404, 500, 502] {
        let server = MockServer::start().await;
        answers(&server, ResponseTemplate::new(status), 1).await;
        let sleeper = RecordingSleeper::default();
        let error = client(&server, &sleeper)
            .send(&ops::mute())
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
        assert!(sleeper.waits().is_empty());
    }
}

#[tokio::test]
async fn the_client_timeout_applies_to_every_request() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(202).set_delay(Duration::from_secs(5)),
        1,
    )
    .await;
    let client = builder(&server, &RecordingSleeper::default())
        .timeout(MS(150))
        .build()
        .unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { timeout, .. } if timeout == MS(150)));
}
