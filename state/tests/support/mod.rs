//! What the keeper's tests share: notifications written as JSON, and a
//! snapshot of everything a keeper holds, to compare final states.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use graph_calls::CommsNotifications;
use graph_calls_state::{CallStates, Config};
use serde_json::{Value, json};

/// A keeper that retires nothing during a test.
pub fn keeper() -> CallStates {
    CallStates::new(Config {
        terminated_call_grace: Duration::from_secs(3600),
        finished_operation_grace: Duration::from_secs(3600),
        ..Config::default()
    })
}

/// A batch of the given notifications.
pub fn batch(notifications: Vec<Value>) -> CommsNotifications {
    serde_json::from_value(json!({ "value": notifications })).expect("a notification batch")
}

/// A call notification.
pub fn call(change: &str, call_id: &str, data: Value) -> Value {
    let mut data = data;
    data["@odata.type"] = json!("#microsoft.graph.call");
    json!({
        "changeType": change,
        "resourceUrl": format!("/communications/calls/{call_id}"),
        "resourceData": data,
    })
}

/// A call notification giving a state.
pub fn call_state(call_id: &str, state: &str) -> Value {
    let change = match state {
        "terminated" => "deleted",
        "incoming" => "created",
        _ => "updated",
    };
    call(change, call_id, json!({ "state": state }))
}

/// A participant notification listing participants with these ids.
pub fn participants(change: &str, call_id: &str, ids: &[String], muted: bool) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(
            |id| json!({"@odata.type": "#microsoft.graph.participant", "id": id, "isMuted": muted}),
        )
        .collect();
    json!({
        "changeType": change,
        "resourceUrl": format!("/communications/calls/{call_id}/participants"),
        "resourceData": data,
    })
}

/// An operation notification.
pub fn operation(change: &str, call_id: &str, operation_id: &str, data: Value) -> Value {
    json!({
        "changeType": change,
        "resourceUrl": format!("/communications/calls/{call_id}/operations/{operation_id}"),
        "resourceData": data,
    })
}

/// Applies each notification as its own batch, at `now`.
pub fn apply_all(keeper: &mut CallStates, notifications: &[Value], now: Instant) {
    for notification in notifications {
        keeper.apply(batch(vec![notification.clone()]), now);
    }
}

/// Everything a keeper holds, as comparable JSON: per call (by id, in
/// key order) its state, phase, resource, participants, departed ids and
/// operations.
pub fn snapshot(keeper: &CallStates) -> Value {
    let calls: Vec<Value> = keeper
        .calls()
        .map(|call| {
            let roster: Vec<Value> = call
                .roster()
                .iter()
                .map(|p| serde_json::to_value(p).expect("a participant serializes"))
                .collect();
            let operations: Vec<Value> = call
                .operations()
                .map(|op| {
                    json!({
                        "id": canonical(op.id()),
                        "finished": op.is_finished(),
                        "completionReason": op.completion_reason(),
                        "operation": serde_json::to_value(op.operation()).expect("serializes"),
                    })
                })
                .collect();
            json!({
                "id": canonical(call.id()),
                "state": call.state().map(|s| s.as_str().to_owned()),
                "phase": format!("{:?}", call.phase()),
                "resource": serde_json::to_value(call.resource()).expect("a call serializes"),
                "roster": roster,
                "departed": call.roster().departed_len(),
                "operations": operations,
            })
        })
        .collect();
    Value::Array(calls)
}

/// An id as compared: a GUID in its hyphenated lower-case form, any other
/// id as it is (the keeper keeps the spelling it saw first).
pub fn canonical(id: &str) -> String {
    match uuid::Uuid::try_parse(id) {
        Ok(guid) => guid.hyphenated().to_string(),
        Err(_) => id.to_owned(),
    }
}
