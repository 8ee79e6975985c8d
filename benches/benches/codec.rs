//! Decode and encode throughput of the generated types against
//! `serde_json::Value` on the same bytes, for three payloads built from the
//! schema's documented examples (see `callgen_benches::payloads`): a batch
//! of call-state notifications, a roster notification with 1,000
//! participants, and the create-call response.
//!
//! Before measuring, each payload is checked to survive the typed round
//! trip unchanged (so both sides do the same work), and the share of it the
//! typed decode leaves as raw JSON (unknown properties, untyped values) is
//! printed.
//!
//! Encode is measured four ways: `encode_typed` is the typed value through
//! the runtime's JSON writer (`callgen_runtime::json::to_vec`, what the
//! client sends), `encode_typed_serde_json` the typed value through
//! `serde_json::to_vec`, `encode_value` a `Value` through serde_json (the
//! baseline), and `encode_value_writer` a `Value` through the runtime's
//! writer (to show how much of the gain is the writer's).
//!
//! Notifications are also decoded tolerantly (`decode_tolerant`,
//! `callgen_runtime::de::from_slice_tolerant`, what a bot's callback uses),
//! as received and with one value changed so that it does not fit its type
//! (`decode_tolerant_one_misfit`: the text is repaired and read again).
//!
//! Run: `cargo bench -p callgen-benches --bench codec`. Targets: typed
//! decode at most 0.5x the `Value` decode time; typed encode at most 0.9x
//! the `Value` encode.
//!
//! For instruction counts, `CALLGEN_CODEC_PROFILE=<payload>/<operation>[/<n>]`
//! (payload `call_state_batch`, `roster_1000` or `create_call_response`;
//! operation `decode_typed`, `decode_value`, `encode_typed`,
//! `encode_typed_serde_json`, `encode_value` or `encode_value_writer`) runs that operation `n` times (default 100) in
//! [`profile_loop`] and exits instead of benchmarking; under callgrind:
//! `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect='*profile_loop*' target/release/deps/codec-<hash>`.

use callgen_benches::payloads::{self, Payload};
use callgen_benches::untyped::untyped;
use callgen_benches::workspace;
use callgen_runtime::Inspect;
use callgen_runtime::json;
use divan::Bencher;
use divan::counter::BytesCount;
use graph_calls::models::{Call, CommsNotification, CommsNotifications};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::LazyLock;

/// How many participants the roster payload lists.
const ROSTER_PARTICIPANTS: usize = 1000;

static SCHEMA: LazyLock<Value> = LazyLock::new(workspace::committed_schema);
static CALL_STATE: LazyLock<Payload> =
    LazyLock::new(|| payloads::call_state_batch(&SCHEMA, decodes));
static ROSTER: LazyLock<Payload> =
    LazyLock::new(|| payloads::roster(&SCHEMA, ROSTER_PARTICIPANTS, decodes));
static CREATE_CALL: LazyLock<Payload> = LazyLock::new(|| payloads::create_call_response(&SCHEMA));
static CALL_STATE_MISFIT: LazyLock<Vec<u8>> = LazyLock::new(|| one_misfit(&CALL_STATE));
static ROSTER_MISFIT: LazyLock<Vec<u8>> = LazyLock::new(|| one_misfit(&ROSTER));

/// Whether a documented notification decodes as the generated type.
fn decodes(notification: &Value) -> bool {
    CommsNotification::deserialize(notification).is_ok()
}

fn main() {
    if let Ok(spec) = std::env::var("CALLGEN_CODEC_PROFILE") {
        return profile(&spec);
    }
    println!("machine: {}", workspace::machine());
    check::<CommsNotifications>(&CALL_STATE);
    check::<CommsNotifications>(&ROSTER);
    check::<Call>(&CREATE_CALL);
    divan::main();
}

/// Panics unless `payload` decodes as `T` and encodes back to the same
/// JSON; prints its size and how much of it stays raw JSON in `T`.
fn check<T: DeserializeOwned + Serialize + Inspect>(payload: &Payload) {
    let typed: T = serde_json::from_slice(&payload.bytes)
        .unwrap_or_else(|e| panic!("{}: typed decode failed: {e}", payload.name));
    let original: Value = serde_json::from_slice(&payload.bytes)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", payload.name));
    let round_trip = serde_json::to_value(&typed)
        .unwrap_or_else(|e| panic!("{}: typed encode failed: {e}", payload.name));
    assert_eq!(
        round_trip, original,
        "{}: the typed round trip changed the payload",
        payload.name
    );
    let serde_bytes = serde_json::to_vec(&typed).unwrap_or_else(|e| panic!("{e}"));
    let writer_bytes = json::to_vec(&typed).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        serde_bytes == writer_bytes,
        "{}: the JSON writer's bytes differ from serde_json's",
        payload.name
    );
    let raw = untyped(&typed, &original);
    println!(
        "{}: {} bytes; the typed decode keeps {} bytes ({:.0}%) as raw JSON in unknown properties {:?}",
        payload.name,
        payload.bytes.len(),
        raw.bytes,
        100.0 * raw.bytes as f64 / payload.bytes.len() as f64,
        raw.properties
    );
}

/// The payload with the last string property of the first notification's
/// resource data (its first item, for a list) turned into a number: strict decoding refuses it,
/// tolerant decoding keeps it as JSON.
fn one_misfit(payload: &Payload) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(&payload.bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut resource = &mut value["value"][0]["resourceData"];
    if resource.is_array() {
        resource = &mut resource[0];
    }
    let Some(object) = resource.as_object_mut() else {
        panic!("{}: no resource data", payload.name)
    };
    let Some((_, slot)) = object
        .iter_mut()
        .filter(|(key, slot)| slot.is_string() && !key.starts_with('@'))
        .last()
    else {
        panic!("{}: no string property", payload.name)
    };
    *slot = Value::from(7);
    let bytes = serde_json::to_vec(&value).unwrap_or_else(|e| panic!("{e}"));
    assert!(serde_json::from_slice::<CommsNotifications>(&bytes).is_err());
    let kept: CommsNotifications =
        callgen_runtime::de::from_slice_tolerant(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(callgen_runtime::inspect::mismatches(&kept).len(), 1);
    bytes
}

fn decode_tolerant(bencher: Bencher, bytes: &[u8]) {
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        callgen_runtime::de::from_slice_tolerant::<CommsNotifications>(divan::black_box(bytes))
    });
}

/// Runs one operation on one payload `n` times (see the module docs).
fn profile(spec: &str) {
    let mut parts = spec.split('/');
    let (payload, operation) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let n: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let (payload, call): (&Payload, bool) = match payload {
        "call_state_batch" => (&CALL_STATE, false),
        "roster_1000" => (&ROSTER, false),
        "create_call_response" => (&CREATE_CALL, true),
        other => panic!("unknown payload {other:?}"),
    };
    let bytes = payload.bytes.as_slice();
    let typed_value = serde_json::from_slice::<Value>(bytes).unwrap_or_else(|e| panic!("{e}"));
    let typed_call: Call = match call {
        true => serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}")),
        false => Call::default(),
    };
    let typed_batch: CommsNotifications = match call {
        true => CommsNotifications::default(),
        false => serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}")),
    };
    let started = std::time::Instant::now();
    let length = match (operation, call) {
        ("decode_typed", true) => profile_loop(n, || {
            serde_json::from_slice::<Call>(bytes)
                .map(|_| 0)
                .unwrap_or(1)
        }),
        ("decode_typed", false) => profile_loop(n, || {
            serde_json::from_slice::<CommsNotifications>(bytes)
                .map(|_| 0)
                .unwrap_or(1)
        }),
        ("decode_value", _) => profile_loop(n, || {
            serde_json::from_slice::<Value>(bytes)
                .map(|_| 0)
                .unwrap_or(1)
        }),
        ("encode_typed", true) => profile_loop(n, || {
            json::to_vec(&typed_call).map(|v| v.len()).unwrap_or(0)
        }),
        ("encode_typed", false) => profile_loop(n, || {
            json::to_vec(&typed_batch).map(|v| v.len()).unwrap_or(0)
        }),
        ("encode_value_writer", _) => profile_loop(n, || {
            json::to_vec(&typed_value).map(|v| v.len()).unwrap_or(0)
        }),
        ("encode_typed_serde_json", true) => profile_loop(n, || {
            serde_json::to_vec(&typed_call)
                .map(|v| v.len())
                .unwrap_or(0)
        }),
        ("encode_typed_serde_json", false) => profile_loop(n, || {
            serde_json::to_vec(&typed_batch)
                .map(|v| v.len())
                .unwrap_or(0)
        }),
        ("encode_value", _) => profile_loop(n, || {
            serde_json::to_vec(&typed_value)
                .map(|v| v.len())
                .unwrap_or(0)
        }),
        (other, _) => panic!("unknown operation {other:?}"),
    };
    println!("{spec}: {n} runs in {:?} ({length})", started.elapsed());
}

/// Runs `operation` `n` times; the only function callgrind counts in the
/// profiling mode.
#[inline(never)]
fn profile_loop(n: usize, mut operation: impl FnMut() -> usize) -> usize {
    let mut total = 0;
    for _ in 0..n {
        total += divan::black_box(operation());
    }
    total
}

fn decode_typed<T: DeserializeOwned>(bencher: Bencher, payload: &Payload) {
    bencher
        .counter(BytesCount::new(payload.bytes.len()))
        .bench(|| serde_json::from_slice::<T>(divan::black_box(&payload.bytes)));
}

fn decode_value(bencher: Bencher, payload: &Payload) {
    bencher
        .counter(BytesCount::new(payload.bytes.len()))
        .bench(|| serde_json::from_slice::<Value>(divan::black_box(&payload.bytes)));
}

/// Encodes with serde_json (`Value` and the typed values' serde path).
fn encode<T: DeserializeOwned + Serialize + Sync>(bencher: Bencher, payload: &Payload) {
    let value: T = serde_json::from_slice(&payload.bytes).unwrap_or_else(|e| panic!("{e}"));
    bencher
        .counter(BytesCount::new(payload.bytes.len()))
        .bench(|| serde_json::to_vec(divan::black_box(&value)));
}

/// Encodes with the runtime's JSON writer (`callgen_runtime::json`), the
/// client's request-body encoder: the same bytes as serde_json.
fn encode_writer<T: DeserializeOwned + Serialize + Sync>(bencher: Bencher, payload: &Payload) {
    let value: T = serde_json::from_slice(&payload.bytes).unwrap_or_else(|e| panic!("{e}"));
    bencher
        .counter(BytesCount::new(payload.bytes.len()))
        .bench(|| json::to_vec(divan::black_box(&value)));
}

/// Every documented call-state notification in one `commsNotifications`.
mod call_state_batch {
    use super::*;

    #[divan::bench]
    fn decode_typed(bencher: Bencher) {
        super::decode_typed::<CommsNotifications>(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn decode_value(bencher: Bencher) {
        super::decode_value(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn decode_tolerant(bencher: Bencher) {
        super::decode_tolerant(bencher, &CALL_STATE.bytes);
    }

    #[divan::bench]
    fn decode_tolerant_one_misfit(bencher: Bencher) {
        super::decode_tolerant(bencher, &CALL_STATE_MISFIT);
    }

    #[divan::bench]
    fn encode_typed(bencher: Bencher) {
        super::encode_writer::<CommsNotifications>(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn encode_typed_serde_json(bencher: Bencher) {
        super::encode::<CommsNotifications>(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn encode_value_writer(bencher: Bencher) {
        super::encode_writer::<Value>(bencher, &CALL_STATE);
    }
}

/// One roster notification listing 1,000 participants.
mod roster_1000 {
    use super::*;

    #[divan::bench]
    fn decode_typed(bencher: Bencher) {
        super::decode_typed::<CommsNotifications>(bencher, &ROSTER);
    }

    #[divan::bench]
    fn decode_value(bencher: Bencher) {
        super::decode_value(bencher, &ROSTER);
    }

    #[divan::bench]
    fn decode_tolerant(bencher: Bencher) {
        super::decode_tolerant(bencher, &ROSTER.bytes);
    }

    #[divan::bench]
    fn decode_tolerant_one_misfit(bencher: Bencher) {
        super::decode_tolerant(bencher, &ROSTER_MISFIT);
    }

    #[divan::bench]
    fn encode_typed(bencher: Bencher) {
        super::encode_writer::<CommsNotifications>(bencher, &ROSTER);
    }

    #[divan::bench]
    fn encode_typed_serde_json(bencher: Bencher) {
        super::encode::<CommsNotifications>(bencher, &ROSTER);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &ROSTER);
    }

    #[divan::bench]
    fn encode_value_writer(bencher: Bencher) {
        super::encode_writer::<Value>(bencher, &ROSTER);
    }
}

/// The documented create-call response (a `call`).
mod create_call_response {
    use super::*;

    #[divan::bench]
    fn decode_typed(bencher: Bencher) {
        super::decode_typed::<Call>(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn decode_value(bencher: Bencher) {
        super::decode_value(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn encode_typed(bencher: Bencher) {
        super::encode_writer::<Call>(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn encode_typed_serde_json(bencher: Bencher) {
        super::encode::<Call>(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn encode_value_writer(bencher: Bencher) {
        super::encode_writer::<Value>(bencher, &CREATE_CALL);
    }
}
