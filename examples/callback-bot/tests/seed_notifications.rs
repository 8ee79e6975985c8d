//! The callback endpoint on 127.0.0.1, behind its authentication (a valid
//! token signed with a key generated here), fed the documented notifications
//! straight from the committed schema: the seed's scenario (a peer-to-peer
//! call with service-hosted media: `establishing`, then `established`),
//! then every notification example of every operation.

mod support;

use callback_bot::{Delivery, Notice};
use graph_calls::{CallState, CommsOperationStatus};
use support::{
    bearer, main_key, notification_examples, schema, start_authenticated_bot, valid_claims,
};
use tokio::sync::mpsc::UnboundedReceiver;

/// Starts the endpoint on a free port of 127.0.0.1, with its key server.
async fn start() -> (String, UnboundedReceiver<Delivery>, support::KeyServer) {
    start_authenticated_bot().await
}

async fn post(url: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let token = bearer(&main_key().sign(&valid_claims()));
    support::post_typed(url, Some(&token), content_type, body).await
}

fn drain(receiver: &mut UnboundedReceiver<Delivery>) -> Vec<Notice> {
    support::drain(receiver)
        .into_iter()
        .map(|delivery| delivery.notice)
        .collect()
}

#[tokio::test]
async fn the_seed_call_is_establishing_then_established() {
    let schema = schema();
    let examples = notification_examples(&schema);
    let (url, mut receiver, _keys) = start().await;
    let mut states = Vec::new();
    for wanted in ["Notification - establishing", "Notification - established"] {
        let (_, _, _, body) = examples
            .iter()
            .find(|(op, summary, _, _)| op == "call.create" && summary == wanted)
            .unwrap();
        let (status, text) =
            post(&url, "application/json", serde_json::to_vec(body).unwrap()).await;
        assert_eq!((status, text.as_str()), (202, ""));
        states.extend(drain(&mut receiver));
    }
    assert_eq!(
        states,
        [
            Notice::CallState {
                call_id: Some("2e1a0b00-2db4-4022-9570-243709c565ab".into()),
                state: CallState::Establishing,
            },
            Notice::CallState {
                call_id: Some("2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116".into()),
                state: CallState::Established,
            },
        ]
    );
}

#[tokio::test]
async fn every_documented_notification_is_accepted() {
    let schema = schema();
    let examples = notification_examples(&schema);
    let (url, mut receiver, _keys) = start().await;
    let (mut accepted, mut notices) = (0, Vec::new());
    let mut refused = Vec::new();
    for (operation, summary, source, body) in &examples {
        let (status, text) = post(
            &url,
            "application/json; charset=utf-8",
            serde_json::to_vec(body).unwrap(),
        )
        .await;
        match status {
            202 => accepted += 1,
            _ => refused.push(format!(
                "{source} ({operation}, {summary}): {status} {text}"
            )),
        }
        notices.extend(drain(&mut receiver));
    }
    // Every one, the docs defect included (call-delete.md:131 sends
    // resultInfo.code, an Int32, as the string "0": kept as JSON).
    assert!(refused.is_empty(), "{refused:#?}");
    assert_eq!(accepted, examples.len());
    assert!(
        examples.len() >= 55,
        "{} notification examples",
        examples.len()
    );
    let count = |kind: fn(&Notice) -> bool| notices.iter().filter(|n| kind(n)).count();
    let kinds = (
        count(|n| matches!(n, Notice::CallState { .. })),
        count(|n| matches!(n, Notice::Roster { .. })),
        count(|n| matches!(n, Notice::Operation { .. })),
        count(|n| matches!(n, Notice::Other { .. })),
    );
    // 36 call states (call-delete's `terminated` among them), 10 rosters,
    // 8 operations; the one other is the `deleted` notification of
    // call-reject.md, whose call has no state.
    assert_eq!(kinds, (36, 10, 8, 1), "{notices:#?}");
    assert_eq!(notices.len(), accepted);
    let completed = count(|n| {
        matches!(
            n,
            Notice::Operation {
                status: Some(CommsOperationStatus::Completed),
                ..
            }
        )
    });
    assert_eq!(completed, 7);
}

#[tokio::test]
async fn what_is_not_a_notification_is_refused_with_the_reason() {
    let (url, mut receiver, _keys) = start().await;
    // A JSON object without a `value` array (an older, non-Graph
    // notification) is not a batch.
    let (status, text) = post(
        &url,
        "application/json",
        b"{\"id\": \"c1\", \"state\": \"established\"}".to_vec(),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (
            400,
            "cannot decode the notification at `.`: the notification has no `value` array at line 1 column 36"
        )
    );
    let (status, text) = post(&url, "text/plain", b"hello".to_vec()).await;
    assert_eq!(
        (status, text.as_str()),
        (
            415,
            "the notification has content type `text/plain`, expected JSON: hello"
        )
    );
    assert!(drain(&mut receiver).is_empty());
}
