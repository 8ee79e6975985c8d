//! Awaiting an operation through the shared keeper: a completion that
//! arrives during the wait or before it, a failure with the service's
//! resultInfo, a call that ends first, and a timeout (on tokio's paused
//! clock, so no test waits for real).

mod support;

use std::time::Duration;

use graph_calls::{AnyCommsOperation, CallState, CommsOperationStatus, PlayPromptOperation};
use graph_calls_state::{CallPhase, Config, StateKeeper, WaitError};
use serde_json::json;
use support::{batch, call_state, operation};

const CALL: &str = "57DAB8B1894C409AB240BD8BEAE78896";
const MINUTE: Duration = Duration::from_secs(60);

/// The operation a playPrompt request is answered with (as documented).
fn running() -> PlayPromptOperation {
    serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.playPromptOperation",
        "id": "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
        "status": "running",
        "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"
    }))
    .unwrap()
}

/// The documented completion, naming the operation in another spelling.
fn completion(status: &str) -> serde_json::Value {
    operation(
        "deleted",
        CALL,
        "0FE0623FD62842EDB4BD8AC290072CC5",
        json!({
            "@odata.type": "#microsoft.graph.playPromptOperation",
            "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c",
            "status": status,
            "resultInfo": {"code": 400, "subcode": 8508, "message": "Action failed"}
        }),
    )
}

#[tokio::test(start_paused = true)]
async fn a_completion_during_the_wait_ends_it() {
    let keeper = StateKeeper::new(Config::default());
    let service = keeper.clone();
    let feed = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await;
        service.apply(batch(vec![completion("completed")]));
    });
    let done = keeper
        .wait_for_operation(CALL, running(), MINUTE)
        .await
        .unwrap();
    feed.await.unwrap();
    assert_eq!(done.status(), Some(&CommsOperationStatus::Completed));
    // Kept under the spelling seen first: the response's.
    assert_eq!(done.id(), "0fe0623f-d628-42ed-b4bd-8ac290072cc5");
}

#[tokio::test(start_paused = true)]
async fn a_completion_that_arrived_first_is_found_at_once() {
    let keeper = StateKeeper::new(Config::default());
    keeper.apply(batch(vec![completion("completed")]));
    let done = keeper
        .wait_for_operation(CALL, running(), MINUTE)
        .await
        .unwrap();
    // The response's `running` arrived later and does not move it back.
    assert_eq!(done.status(), Some(&CommsOperationStatus::Completed));
    let context = done.operation().client_context().get().map(String::as_str);
    assert_eq!(context, Some("d45324c1-fcb5-430a-902c-f20af696537c"));
}

#[tokio::test(start_paused = true)]
async fn a_failure_carries_the_result_info() {
    let keeper = StateKeeper::new(Config::default());
    keeper.apply(batch(vec![completion("failed")]));
    let error = keeper
        .wait_for_operation(CALL, running(), MINUTE)
        .await
        .unwrap_err();
    let WaitError::OperationFailed(record) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        record.result_info().and_then(|r| r.subcode.get()),
        Some(&8508)
    );
    assert_eq!(
        error.to_string(),
        "operation 0FE0623FD62842EDB4BD8AC290072CC5 failed (code 400, subcode 8508: Action failed)"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_conclusive_times_out() {
    let keeper = StateKeeper::new(Config::default());
    let error = keeper
        .wait_for_operation(CALL, running(), MINUTE)
        .await
        .unwrap_err();
    assert_eq!(error, WaitError::TimedOut { waited: MINUTE });
    let unidentified = AnyCommsOperation::from(PlayPromptOperation::new());
    let error = keeper
        .wait_for_operation(CALL, unidentified, MINUTE)
        .await
        .unwrap_err();
    assert!(matches!(error, WaitError::Record(_)), "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn a_call_that_ends_first_ends_the_wait() {
    let keeper = StateKeeper::new(Config::default());
    let service = keeper.clone();
    let feed = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        service.apply(batch(vec![call_state(CALL, "terminated")]));
    });
    let error = keeper
        .wait_for_operation(CALL, running(), MINUTE)
        .await
        .unwrap_err();
    feed.await.unwrap();
    assert_eq!(
        error,
        WaitError::CallEnded {
            call_id: CALL.to_owned()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_call_is_awaited_to_a_phase() {
    let keeper = StateKeeper::new(Config::default());
    let service = keeper.clone();
    let feed = tokio::spawn(async move {
        for state in ["establishing", "established"] {
            tokio::time::sleep(Duration::from_secs(1)).await;
            service.apply(batch(vec![call_state(CALL, state)]));
        }
    });
    let call = keeper
        .wait_for_phase(CALL, CallPhase::Connected, MINUTE)
        .await
        .unwrap();
    feed.await.unwrap();
    assert_eq!(call.state(), Some(&CallState::Established));
    keeper.apply(batch(vec![call_state(CALL, "terminated")]));
    let error = keeper
        .wait_for_phase(CALL, CallPhase::Connected, MINUTE)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        WaitError::CallEnded {
            call_id: CALL.to_owned()
        }
    );
}
