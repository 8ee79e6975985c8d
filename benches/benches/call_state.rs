//! The call state keeper (`graph-calls-state`): the cost of applying one
//! notification, and the memory a live call and a participant take.
//!
//! Notifications are the schema's documented ones, decoded before timing
//! (decoding is the codec benchmark's subject); each timed sample applies
//! one batch to a keeper prepared outside the timing:
//!
//! - `call_state_change`: create-call's documented `established` applied
//!   to its call, known `establishing`;
//! - `duplicate`: the same `established` applied again (the idempotent
//!   path);
//! - `participant_change`: one participant of a 100-participant roster
//!   muted;
//! - `participant_join`: one participant joining that roster;
//! - `operation_completed`: playPrompt's documented completion applied to
//!   the running operation;
//! - `documented_call_states`: every documented call-state notification in
//!   one batch (counted per notification).
//!
//! Before benchmarking, `main` measures memory with this binary's counting
//! allocator: the heap a keeper holds for 1,000 live calls whose resource
//! is the documented create-call response, and for one call's roster of
//! 1,000 documented participants (and what is left once they leave).
//!
//! Run: `cargo bench -p callgen-benches --bench call_state`.

use std::sync::LazyLock;
use std::time::Instant;

use callgen_benches::payloads::{self, Payload};
use callgen_benches::workspace;
use divan::Bencher;
use divan::counter::ItemsCount;
use graph_calls::{CommsNotification, CommsNotifications};
use graph_calls_state::{CallStates, Config};
use serde::Deserialize;
use serde_json::{Value, json};

#[path = "../../state/tests/support/counting_allocator.rs"]
mod counting_allocator;

use counting_allocator::live;

/// Calls and participants measured for memory.
const MEASURED: usize = 1_000;
/// The roster the participant benchmarks change.
const ROSTER: usize = 100;

static SCHEMA: LazyLock<Value> = LazyLock::new(workspace::committed_schema);

fn main() {
    println!("machine: {}", workspace::machine());
    memory_per_live_call();
    memory_per_participant();
    divan::main();
}

/// The documented callback example `name` (its `value`, a batch).
fn documented(name: &str) -> Value {
    let found = SCHEMA["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op.get("callbacks").and_then(Value::as_object))
        .flat_map(|callbacks| callbacks.values())
        .filter_map(Value::as_object)
        .flat_map(|callback| callback.values())
        .find_map(|expression| {
            expression.pointer(&format!(
                "/post/requestBody/content/application~1json/examples/{name}/value"
            ))
        });
    found
        .cloned()
        .unwrap_or_else(|| panic!("no documented notification {name}"))
}

fn decode(value: &Value) -> CommsNotifications {
    CommsNotifications::deserialize(value).unwrap_or_else(|e| panic!("{e}: {value}"))
}

fn decode_payload(payload: &Payload) -> CommsNotifications {
    serde_json::from_slice(&payload.bytes).unwrap_or_else(|e| panic!("{}: {e}", payload.name))
}

fn keeper() -> CallStates {
    CallStates::new(Config {
        max_calls: MEASURED * 2,
        ..Config::default()
    })
}

/// A keeper that has applied `batches`.
fn keeper_after(batches: &[&CommsNotifications]) -> CallStates {
    let mut calls = keeper();
    for batch in batches {
        calls.apply((*batch).clone(), Instant::now());
    }
    calls
}

static ESTABLISHING: LazyLock<CommsNotifications> =
    LazyLock::new(|| decode(&documented("application-post-calls-11")));
static ESTABLISHED: LazyLock<CommsNotifications> =
    LazyLock::new(|| decode(&documented("application-post-calls-12")));
static ROSTER_BATCH: LazyLock<CommsNotifications> = LazyLock::new(|| {
    decode_payload(&payloads::roster(&SCHEMA, ROSTER, |entry| {
        CommsNotification::deserialize(entry).is_ok()
    }))
});
static PROMPT_COMPLETED: LazyLock<CommsNotifications> =
    LazyLock::new(|| decode(&documented("call-playprompt-3")));
static CALL_STATES: LazyLock<(CommsNotifications, usize)> = LazyLock::new(|| {
    let payload = payloads::call_state_batch(&SCHEMA, |entry| {
        CommsNotification::deserialize(entry).is_ok()
    });
    let batch = decode_payload(&payload);
    let count = batch.value.get().map_or(0, Vec::len);
    (batch, count)
});

/// The roster batch with only its first participant, changed by `edit`.
fn one_participant(edit: impl Fn(&mut Value)) -> CommsNotifications {
    let mut value = serde_json::to_value(&*ROSTER_BATCH).unwrap_or_default();
    let entry = &mut value["value"][0];
    let mut first = entry["resourceData"][0].clone();
    edit(&mut first);
    entry["resourceData"] = json!([first]);
    decode(&value)
}

#[divan::bench]
fn call_state_change(bencher: Bencher) {
    bencher
        .with_inputs(|| (keeper_after(&[&ESTABLISHING]), Some(ESTABLISHED.clone())))
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

#[divan::bench]
fn duplicate(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let calls = keeper_after(&[&ESTABLISHING, &ESTABLISHED]);
            (calls, Some(ESTABLISHED.clone()))
        })
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

#[divan::bench]
fn participant_change(bencher: Bencher) {
    let muted = one_participant(|p| p["isMuted"] = json!(!p["isMuted"].as_bool().unwrap_or(false)));
    bencher
        .with_inputs(|| (keeper_after(&[&ROSTER_BATCH]), Some(muted.clone())))
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

#[divan::bench]
fn participant_join(bencher: Bencher) {
    let newcomer = one_participant(|p| p["id"] = json!("ffffffff-6432-43ed-8d27-d9e7adec188c"));
    bencher
        .with_inputs(|| (keeper_after(&[&ROSTER_BATCH]), Some(newcomer.clone())))
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

#[divan::bench]
fn operation_completed(bencher: Bencher) {
    let running = graph_calls::PlayPromptOperation::deserialize(json!({
        "@odata.type": "#microsoft.graph.playPromptOperation",
        "id": "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
        "status": "running",
        "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"
    }))
    .unwrap_or_default();
    bencher
        .with_inputs(|| {
            let mut calls = keeper();
            let call_id = "57DAB8B1894C409AB240BD8BEAE78896";
            let recorded = calls.record_operation(call_id, running.clone().into(), Instant::now());
            assert!(recorded.is_ok(), "{recorded:?}");
            (calls, Some(PROMPT_COMPLETED.clone()))
        })
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

#[divan::bench]
fn documented_call_states(bencher: Bencher) {
    let (batch, count) = &*CALL_STATES;
    bencher
        .counter(ItemsCount::new(*count))
        .with_inputs(|| (keeper(), Some(batch.clone())))
        .bench_local_refs(|(calls, batch)| {
            calls.apply(batch.take().unwrap_or_default(), Instant::now())
        });
}

/// The heap `value` holds, in bytes: what dropping it frees.
fn heap_held<T>(value: T) -> usize {
    let before = live();
    drop(value);
    before.saturating_sub(live())
}

/// 1,000 live (established) calls, each with the documented create-call
/// response as its resource.
fn memory_per_live_call() {
    let payload = payloads::create_call_response(&SCHEMA);
    let resource: Value = serde_json::from_slice(&payload.bytes).unwrap_or_default();
    let mut calls = keeper();
    for n in 0..MEASURED {
        let mut call = resource.clone();
        call["state"] = json!("established");
        let batch = decode(&json!({"value": [{
            "changeType": "updated",
            "resourceUrl": format!("/communications/calls/{n:08x}-2db4-4022-9570-243709c565ab"),
            "resourceData": call,
        }]}));
        calls.apply(batch, Instant::now());
    }
    let kept = calls.counts().calls;
    let bytes = heap_held(calls);
    println!(
        "memory per live call: {} B ({kept} calls; resource: the {}, {} bytes of JSON)",
        bytes / MEASURED,
        payload.name,
        payload.bytes.len()
    );
}

/// One call with a roster of 1,000 documented participants, against the
/// same call without them, and after they all left.
fn memory_per_participant() {
    let payload = payloads::roster(&SCHEMA, MEASURED, |entry| {
        CommsNotification::deserialize(entry).is_ok()
    });
    let joins = decode_payload(&payload);
    let mut leaves = joins.clone();
    for notification in leaves.value.get_mut().into_iter().flatten() {
        notification.change_type =
            graph_calls::Field::Value(graph_calls::CommsNotificationChangeType::Deleted);
    }
    // The roster's call, known from its documented `established`.
    let call = decode(&documented("application-post-calls-12"));
    let alone = keeper_after(&[&call]);
    let with_roster = keeper_after(&[&call, &joins]);
    let after_leaving = keeper_after(&[&call, &joins, &leaves]);
    let present = with_roster.counts().participants;
    let departed = after_leaving.counts().departed_participants;
    let alone = heap_held(alone);
    let with_roster = heap_held(with_roster);
    let after_leaving = heap_held(after_leaving);
    println!(
        "memory per participant: {} B ({present} participants: the {}, {} bytes of JSON; the call alone {alone} B)",
        with_roster.saturating_sub(alone) / MEASURED,
        payload.name,
        payload.bytes.len(),
    );
    println!(
        "memory per departed participant remembered: {} B ({departed} remembered after all left)",
        after_leaving.saturating_sub(alone) / MEASURED,
    );
}
