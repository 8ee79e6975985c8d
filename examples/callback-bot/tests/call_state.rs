//! The endpoint keeping the calls' state: the seed's scenario posted, with a
//! valid token, to `router_keeping_state` on 127.0.0.1 leaves the call
//! `established` in the keeper and reports the change as events; a post the
//! guard refuses changes nothing.

mod support;

use callback_bot::{CALLBACK_PATH, CallbackGuard, router_keeping_state};
use callgen_client::callback_auth::CallbackVerifier;
use graph_calls::CallState;
use graph_calls_state::{CallPhase, Config, Event, StateKeeper};
use support::{KeyServer, bearer, config, main_key, notification_examples, schema, valid_claims};

const CALL_ID: &str = "2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116";

#[tokio::test]
async fn the_seed_scenario_leaves_the_call_established() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).expect("verifier");
    let calls = StateKeeper::new(Config::default());
    let (deliveries, _delivered) = tokio::sync::mpsc::unbounded_channel();
    let (event_sender, mut events) = tokio::sync::mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}{CALLBACK_PATH}", listener.local_addr().unwrap());
    let app = router_keeping_state(
        deliveries,
        CallbackGuard::new(verifier),
        calls.clone(),
        event_sender,
    );
    tokio::spawn(async move { axum::serve(listener, app).await.expect("bot") });

    let schema = schema();
    let examples = notification_examples(&schema);
    let established = examples
        .iter()
        .find(|(op, summary, _, _)| op == "call.create" && summary == "Notification - established")
        .map(|(_, _, _, body)| serde_json::to_vec(body).unwrap())
        .expect("the documented established notification");

    // Refused: no token. The keeper knows nothing of the call.
    let (status, _) = support::post(&url, None, established.clone()).await;
    assert_eq!(status, 401);
    assert!(calls.with_call(CALL_ID, |_| ()).is_none());

    let token = bearer(&main_key().sign(&valid_claims()));
    let (status, text) = support::post(&url, Some(&token), established).await;
    assert_eq!((status, text.as_str()), (202, ""));
    let state = calls.with_call(CALL_ID, |call| (call.state().cloned(), call.phase()));
    assert_eq!(
        state,
        Some((Some(CallState::Established), Some(CallPhase::Connected)))
    );
    let event = events.try_recv().expect("an event for the new state");
    assert!(
        matches!(
            &event,
            Event::CallStateChanged { call_id, to: CallState::Established, .. } if call_id == CALL_ID
        ),
        "{event:?}"
    );
}
