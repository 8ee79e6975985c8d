//! The delivery rules of the crate docs, one by one: duplicates, late and
//! early states, merging, rosters, operations, limits and retirement.

mod support;

use std::time::{Duration, Instant};

use graph_calls::{CallState, CommsOperationStatus};
use graph_calls_state::{CallPhase, CallStates, Config, Event, Limit, NotUnderstood};
use serde_json::json;
use support::{batch, call, call_state, keeper, operation, participants};

const CALL: &str = "57dab8b1-894c-409a-b240-bd8beae78896";

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

#[test]
fn a_duplicate_changes_nothing_and_says_nothing() {
    let mut calls = keeper();
    let now = Instant::now();
    let established = call(
        "updated",
        CALL,
        json!({"state": "established", "callChainId": "c1"}),
    );
    let first = calls.apply(batch(vec![established.clone()]), now);
    assert_eq!(
        first,
        [
            Event::CallStateChanged {
                call_id: CALL.to_owned(),
                from: None,
                to: CallState::Established
            },
            Event::CallChanged {
                call_id: CALL.to_owned(),
                properties: vec!["callChainId".to_owned()]
            }
        ]
    );
    let before = support::snapshot(&calls);
    assert_eq!(calls.apply(batch(vec![established]), now), []);
    assert_eq!(support::snapshot(&calls), before);
}

#[test]
fn established_before_establishing_does_not_regress() {
    let mut calls = keeper();
    let now = Instant::now();
    calls.apply(batch(vec![call_state(CALL, "established")]), now);
    let events = calls.apply(batch(vec![call_state(CALL, "establishing")]), now);
    assert_eq!(
        events,
        [Event::StaleCallState {
            call_id: CALL.to_owned(),
            kept: CallState::Established,
            refused: CallState::Establishing
        }]
    );
    let record = calls.call(CALL).unwrap();
    assert_eq!(record.state(), Some(&CallState::Established));
    assert_eq!(record.resource().state.get(), Some(&CallState::Established));
}

#[test]
fn nothing_resurrects_an_ended_call() {
    let mut calls = keeper();
    let now = Instant::now();
    // call.reject's documented deletion carries no state at all.
    calls.apply(batch(vec![call("deleted", CALL, json!({}))]), now);
    assert_eq!(
        calls.call(CALL).unwrap().state(),
        Some(&CallState::Terminated)
    );
    for late in ["established", "terminating", "incoming", "parkedSomewhere"] {
        let events = calls.apply(batch(vec![call_state(CALL, late)]), now);
        assert!(
            matches!(&events[..], [Event::StaleCallState { refused, .. }] if refused.as_str() == late),
            "{late}: {events:?}"
        );
        assert!(calls.call(CALL).unwrap().is_ended());
    }
}

#[test]
fn a_failed_transfer_goes_back_within_its_phase() {
    let mut calls = keeper();
    let now = Instant::now();
    for state in ["established", "transferring", "established"] {
        calls.apply(batch(vec![call_state(CALL, state)]), now);
    }
    let record = calls.call(CALL).unwrap();
    assert_eq!(record.state(), Some(&CallState::Established));
    assert_eq!(record.phase(), Some(CallPhase::Connected));
}

#[test]
fn an_unknown_state_stays_in_the_phase_reached() {
    let mut calls = keeper();
    let now = Instant::now();
    calls.apply(batch(vec![call_state(CALL, "established")]), now);
    let events = calls.apply(batch(vec![call_state(CALL, "parked")]), now);
    assert_eq!(
        events,
        [Event::CallStateChanged {
            call_id: CALL.to_owned(),
            from: Some(CallState::Established),
            to: CallState::from_wire("parked")
        }]
    );
    assert_eq!(
        calls.call(CALL).unwrap().phase(),
        Some(CallPhase::Connected)
    );
    // An earlier phase is still refused, a later one still taken.
    calls.apply(batch(vec![call_state(CALL, "establishing")]), now);
    assert_eq!(
        calls.call(CALL).unwrap().state(),
        Some(&CallState::from_wire("parked"))
    );
    calls.apply(batch(vec![call_state(CALL, "terminating")]), now);
    assert_eq!(
        calls.call(CALL).unwrap().state(),
        Some(&CallState::Terminating)
    );
}

#[test]
fn absent_properties_do_not_erase_known_ones_and_unknown_ones_are_kept() {
    let mut calls = keeper();
    let now = Instant::now();
    let first = json!({"state": "established", "callChainId": "chain", "futureThing": {"a": 1},
        "mediaState": {"audio": "active"}});
    calls.apply(batch(vec![call("updated", CALL, first)]), now);
    let second = json!({"mediaState": {"audio": "inactive"}, "resultInfo": null});
    let events = calls.apply(batch(vec![call("updated", CALL, second)]), now);
    assert_eq!(
        events,
        [Event::CallChanged {
            call_id: CALL.to_owned(),
            properties: vec!["mediaState".to_owned(), "resultInfo".to_owned()]
        }]
    );
    let resource = serde_json::to_value(calls.call(CALL).unwrap().resource()).unwrap();
    assert_eq!(
        resource,
        json!({"@odata.type": "#microsoft.graph.call", "callChainId": "chain",
            "mediaState": {"audio": "inactive"}, "resultInfo": null, "state": "established",
            "futureThing": {"a": 1}})
    );
}

#[test]
fn a_late_update_only_fills_in() {
    let mut calls = keeper();
    let now = Instant::now();
    let terminated = json!({"state": "terminated", "resultInfo": {"code": 0}});
    calls.apply(batch(vec![call("deleted", CALL, terminated)]), now);
    let late = json!({"state": "established", "resultInfo": {"code": 500}, "subject": "late"});
    calls.apply(batch(vec![call("updated", CALL, late)]), now);
    let resource = calls.call(CALL).unwrap().resource();
    assert_eq!(resource.state.get(), Some(&CallState::Terminated));
    assert_eq!(
        resource.result_info.get().and_then(|r| r.code.get()),
        Some(&0)
    );
    assert_eq!(resource.subject.get().map(String::as_str), Some("late"));
}

#[test]
fn guid_ids_match_whatever_their_spelling() {
    let mut calls = keeper();
    let now = Instant::now();
    calls.apply(
        batch(vec![call_state(
            "57DAB8B1894C409AB240BD8BEAE78896",
            "established",
        )]),
        now,
    );
    calls.apply(batch(vec![call_state(CALL, "terminated")]), now);
    assert_eq!(calls.calls().count(), 1);
    assert!(calls.call(CALL).unwrap().is_ended());
}

#[test]
fn participants_join_change_and_leave_and_do_not_come_back() {
    let mut calls = keeper();
    let now = Instant::now();
    let bob = vec!["bob".to_owned()];
    let joined = calls.apply(batch(vec![participants("updated", CALL, &bob, false)]), now);
    assert_eq!(
        joined,
        [Event::ParticipantJoined {
            call_id: CALL.to_owned(),
            participant_id: "bob".to_owned()
        }]
    );
    let muted = calls.apply(batch(vec![participants("updated", CALL, &bob, true)]), now);
    assert_eq!(
        muted,
        [Event::ParticipantChanged {
            call_id: CALL.to_owned(),
            participant_id: "bob".to_owned(),
            changes: vec![graph_calls_state::ParticipantChange::Muted(Some(true))]
        }]
    );
    let left = calls.apply(batch(vec![participants("deleted", CALL, &bob, true)]), now);
    assert_eq!(
        left,
        [Event::ParticipantLeft {
            call_id: CALL.to_owned(),
            participant_id: "bob".to_owned()
        }]
    );
    let late = calls.apply(batch(vec![participants("updated", CALL, &bob, false)]), now);
    assert_eq!(
        late,
        [Event::StaleParticipant {
            call_id: CALL.to_owned(),
            participant_id: "bob".to_owned()
        }]
    );
    assert!(calls.call(CALL).unwrap().roster().is_empty());
}

#[test]
fn a_participant_without_id_is_reported_whole() {
    let mut calls = keeper();
    let notification = json!({
        "changeType": "updated",
        "resourceUrl": format!("/communications/calls/{CALL}/participants"),
        "resourceData": [{"@odata.type": "#microsoft.graph.participant", "id": null, "isMuted": true},
            {"@odata.type": "#microsoft.graph.participant", "id": "p1"}],
    });
    let events = calls.apply(batch(vec![notification]), Instant::now());
    let [
        Event::NotUnderstood {
            notification,
            reason,
        },
        Event::ParticipantJoined { .. },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(reason, &NotUnderstood::ParticipantWithoutId(0));
    let kept = serde_json::to_value(notification).unwrap();
    assert_eq!(kept["resourceData"][0]["isMuted"], json!(true));
}

#[test]
fn notifications_it_cannot_apply_come_back_whole() {
    let mut calls = keeper();
    let now = Instant::now();
    let cases = [
        (
            json!({"changeType": "updated", "resourceData": {"@odata.type": "#microsoft.graph.call"}}),
            "ResourceUrl",
        ),
        (
            json!({"changeType": "updated", "resourceUrl": "/communications/calls"}),
            "NoCallId",
        ),
        (
            json!({"changeType": "moved", "resourceUrl": format!("/communications/calls/{CALL}")}),
            "ChangeType",
        ),
        (
            json!({"changeType": "updated", "resourceUrl": format!("/communications/calls/{CALL}/x"),
            "resourceData": {"@odata.type": "#microsoft.graph.audioRoutingGroup", "id": "g"}}),
            "ResourceData",
        ),
    ];
    for (notification, expected) in cases {
        let events = calls.apply(batch(vec![notification.clone()]), now);
        let [
            Event::NotUnderstood {
                notification: kept,
                reason,
            },
        ] = &events[..]
        else {
            panic!("{expected}: {events:?}");
        };
        assert!(format!("{reason:?}").starts_with(expected), "{reason:?}");
        assert_eq!(serde_json::to_value(kept).unwrap(), notification);
    }
}

#[test]
fn an_operation_moves_forward_only_and_keeps_its_failure() {
    let mut calls = keeper();
    let now = Instant::now();
    let running = json!({"@odata.type": "#microsoft.graph.recordOperation", "status": "running",
        "clientContext": "ctx"});
    let failed = json!({"@odata.type": "#microsoft.graph.recordOperation", "status": "failed",
        "resultInfo": {"code": 400, "subcode": 8508, "message": "cancelled"},
        "completionReason": "operationCanceled"});
    calls.apply(
        batch(vec![operation("updated", CALL, "op1", running.clone())]),
        now,
    );
    let events = calls.apply(batch(vec![operation("deleted", CALL, "op1", failed)]), now);
    let [
        Event::OperationFailed {
            result_info: Some(info),
            completion_reason,
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(info.subcode.get(), Some(&8508));
    assert_eq!(completion_reason.as_deref(), Some("operationCanceled"));
    let late = calls.apply(batch(vec![operation("updated", CALL, "op1", running)]), now);
    assert_eq!(
        late,
        [Event::StaleOperation {
            call_id: CALL.to_owned(),
            operation_id: "op1".to_owned(),
            refused: Some(CommsOperationStatus::Running)
        }]
    );
    let record = calls.call(CALL).unwrap().operation("op1").unwrap();
    assert_eq!(record.status(), Some(&CommsOperationStatus::Failed));
    assert_eq!(
        record
            .operation()
            .client_context()
            .get()
            .map(String::as_str),
        Some("ctx")
    );
}

#[test]
fn an_ended_call_is_retired_after_its_grace_and_stays_retired() {
    let config = Config {
        terminated_call_grace: Duration::from_secs(60),
        ..Config::default()
    };
    let mut calls = CallStates::new(config);
    let start = Instant::now();
    calls.apply(batch(vec![call_state(CALL, "terminated")]), start);
    assert_eq!(calls.retire(start + Duration::from_secs(59)), []);
    let retired = calls.retire(start + Duration::from_secs(60));
    assert_eq!(
        retired,
        [Event::CallRetired {
            call_id: CALL.to_owned(),
            early: false
        }]
    );
    assert!(calls.call(CALL).is_none());
    let late = calls.apply(batch(vec![call_state(CALL, "established")]), start);
    assert!(
        matches!(&late[..], [Event::LateForRetiredCall { .. }]),
        "{late:?}"
    );
    assert_eq!(calls.counts().calls, 0);
}

#[test]
fn at_the_call_limit_an_ended_call_makes_room_else_the_new_one_is_kept_out() {
    let config = Config {
        max_calls: 2,
        ..Config::default()
    };
    let mut calls = CallStates::new(config);
    let now = Instant::now();
    calls.apply(
        batch(vec![
            call_state("a", "established"),
            call_state("b", "terminated"),
        ]),
        now,
    );
    let events = calls.apply(batch(vec![call_state("c", "established")]), now);
    assert_eq!(
        events[0],
        Event::CallRetired {
            call_id: "b".to_owned(),
            early: true
        }
    );
    let events = calls.apply(batch(vec![call_state("d", "established")]), now);
    let [
        Event::LimitReached {
            call_id,
            limit: Limit::Calls,
            notification: Some(kept),
            ..
        },
    ] = &events[..]
    else {
        panic!("{events:?}");
    };
    assert_eq!(call_id, "d");
    assert_eq!(
        serde_json::to_value(kept).unwrap(),
        call_state("d", "established")
    );
    assert_eq!(calls.counts().calls, 2);
}

#[test]
fn at_the_participant_limit_joiners_are_kept_out_and_reported() {
    let config = Config {
        max_participants_per_call: 3,
        ..Config::default()
    };
    let mut calls = CallStates::new(config);
    let events = calls.apply(
        batch(vec![participants("updated", CALL, &ids("p", 5), false)]),
        Instant::now(),
    );
    let Some(Event::LimitReached {
        limit: Limit::Participants,
        notification: Some(kept),
        ..
    }) = events.last()
    else {
        panic!("{events:?}");
    };
    let kept = serde_json::to_value(kept).unwrap();
    assert_eq!(kept["resourceData"].as_array().map(Vec::len), Some(2));
    let roster = calls.call(CALL).unwrap().roster();
    assert_eq!(roster.len(), 3);
    assert!(roster.is_incomplete());
}

#[test]
fn finished_operations_are_retired_and_make_room_at_their_limit() {
    let config = Config {
        max_operations_per_call: 2,
        finished_operation_grace: Duration::from_secs(10),
        ..Config::default()
    };
    let mut calls = CallStates::new(config);
    let start = Instant::now();
    let done =
        json!({"@odata.type": "#microsoft.graph.playPromptOperation", "status": "completed"});
    let running =
        json!({"@odata.type": "#microsoft.graph.playPromptOperation", "status": "running"});
    calls.apply(
        batch(vec![operation("deleted", CALL, "op1", done.clone())]),
        start,
    );
    calls.apply(
        batch(vec![operation("updated", CALL, "op2", running.clone())]),
        start,
    );
    let events = calls.apply(
        batch(vec![operation("updated", CALL, "op3", running.clone())]),
        start,
    );
    assert_eq!(
        events[0],
        Event::OperationRetired {
            call_id: CALL.to_owned(),
            operation_id: "op1".to_owned(),
            early: true
        }
    );
    let events = calls.apply(
        batch(vec![operation("updated", CALL, "op4", running)]),
        start,
    );
    assert!(
        matches!(
            &events[..],
            [Event::LimitReached {
                limit: Limit::Operations,
                ..
            }]
        ),
        "{events:?}"
    );
    calls.apply(batch(vec![operation("deleted", CALL, "op2", done)]), start);
    let later = calls.retire(start + Duration::from_secs(10));
    assert_eq!(
        later,
        [Event::OperationRetired {
            call_id: CALL.to_owned(),
            operation_id: "op2".to_owned(),
            early: false
        }]
    );
    assert_eq!(calls.counts().operations, 1);
}

#[test]
fn an_operation_kept_out_by_a_limit_cannot_be_recorded_for_waiting() {
    let config = Config {
        max_operations_per_call: 1,
        ..Config::default()
    };
    let mut calls = CallStates::new(config);
    let now = Instant::now();
    let running = |id: &str| {
        serde_json::from_value::<graph_calls::AnyCommsOperation>(json!({
            "@odata.type": "#microsoft.graph.playPromptOperation", "id": id, "status": "running"
        }))
        .unwrap()
    };
    assert!(calls.record_operation(CALL, running("op1"), now).is_ok());
    let refused = calls.record_operation(CALL, running("op2"), now);
    assert_eq!(
        refused,
        Err(graph_calls_state::RecordError::LimitReached(
            Limit::Operations
        ))
    );
}

#[test]
fn roster_and_operation_news_after_the_end_apply_without_reviving_the_call() {
    let mut calls = keeper();
    let now = Instant::now();
    let bob = vec!["bob".to_owned()];
    let done =
        json!({"@odata.type": "#microsoft.graph.playPromptOperation", "status": "completed"});
    calls.apply(batch(vec![participants("updated", CALL, &bob, false)]), now);
    calls.apply(batch(vec![call_state(CALL, "terminated")]), now);
    let events = calls.apply(
        batch(vec![
            participants("deleted", CALL, &bob, false),
            operation("deleted", CALL, "op1", done),
        ]),
        now,
    );
    assert!(
        matches!(
            &events[..],
            [
                Event::ParticipantLeft { .. },
                Event::OperationCompleted { .. }
            ]
        ),
        "{events:?}"
    );
    let record = calls.call(CALL).unwrap();
    assert!(record.is_ended() && record.roster().is_empty());
}
