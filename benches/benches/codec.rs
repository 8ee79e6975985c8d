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
//! Run: `cargo bench -p callgen-benches --bench codec`. Targets: typed
//! decode at most 0.5x the `Value` decode time; typed encode no slower than
//! the `Value` encode.

use callgen_benches::payloads::{self, Payload};
use callgen_benches::untyped::untyped;
use callgen_benches::workspace;
use callgen_runtime::Inspect;
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

/// Whether a documented notification decodes as the generated type.
fn decodes(notification: &Value) -> bool {
    CommsNotification::deserialize(notification).is_ok()
}

fn main() {
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

fn encode<T: DeserializeOwned + Serialize + Sync>(bencher: Bencher, payload: &Payload) {
    let value: T = serde_json::from_slice(&payload.bytes).unwrap_or_else(|e| panic!("{e}"));
    bencher
        .counter(BytesCount::new(payload.bytes.len()))
        .bench(|| serde_json::to_vec(divan::black_box(&value)));
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
    fn encode_typed(bencher: Bencher) {
        super::encode::<CommsNotifications>(bencher, &CALL_STATE);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &CALL_STATE);
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
    fn encode_typed(bencher: Bencher) {
        super::encode::<CommsNotifications>(bencher, &ROSTER);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &ROSTER);
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
        super::encode::<Call>(bencher, &CREATE_CALL);
    }

    #[divan::bench]
    fn encode_value(bencher: Bencher) {
        super::encode::<Value>(bencher, &CREATE_CALL);
    }
}
