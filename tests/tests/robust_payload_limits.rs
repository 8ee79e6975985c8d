//! Payload limits through the generated crate's public decode path (JSON
//! text read by serde_json into `graph_calls` types): nesting beyond
//! serde_json's limit of 128 is an error with line and column, never a stack
//! overflow, on a thread with the 2 MiB stack of a tokio worker; nesting
//! just under the limit, through known types, families and unknown fields,
//! decodes, re-encodes and drops; very large payloads decode with memory
//! bounded by a small multiple of their size, and round-trip.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_calls::{Call, CommsNotifications};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The stack of a tokio worker thread.
const WORKER_STACK: usize = 2 * 1024 * 1024;

/// Decodes `text` as `T` on a thread with a worker's stack; when decoding
/// succeeds, also re-encodes the value and checks the round trip there (all
/// recursion, including dropping, happens on that thread). Returns how much
/// the allocated memory grew at its peak while decoding (the text itself
/// not counted).
fn decode_on_worker<T: DeserializeOwned + Serialize>(text: String) -> Result<usize, String> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let baseline = LIVE.load(Ordering::Relaxed);
            PEAK.store(baseline, Ordering::Relaxed);
            let decoded: T = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let growth = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
            let input: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let encoded = serde_json::to_value(&decoded).map_err(|e| e.to_string())?;
            if encoded != input {
                return Err("the round trip changed the payload".to_owned());
            }
            Ok(growth)
        })
        .unwrap()
        .join()
        .expect("the decoding thread must not die")
}

fn nested_arrays(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

fn nested_objects(depth: usize) -> String {
    "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)
}

/// A notification batch whose first notification's `resourceData` (a
/// property the schema does not type) holds `inner`.
fn notification_with(inner: &str) -> String {
    format!(
        r##"{{"value": [{{"changeType": "updated", "resourceUrl": "/communications/calls/1", "resourceData": {{"@odata.type": "#microsoft.graph.call", "deep": {inner}}}}}]}}"##
    )
}

#[test]
fn a_hundred_thousand_nested_arrays_in_an_unknown_field_are_an_error() {
    let error = decode_on_worker::<CommsNotifications>(notification_with(&nested_arrays(100_000)))
        .unwrap_err();
    assert!(error.contains("recursion limit exceeded"), "{error}");
    assert!(error.contains("line 1 column"), "{error}");
}

#[test]
fn a_hundred_thousand_nested_objects_in_an_unknown_field_are_an_error() {
    let error = decode_on_worker::<Call>(format!(
        r#"{{"id": "1", "deep": {}}}"#,
        nested_objects(100_000)
    ))
    .unwrap_err();
    assert!(error.contains("recursion limit exceeded"), "{error}");
}

#[test]
fn nesting_through_known_types_just_under_the_limit_decodes_and_round_trips() {
    // call (1) > participants (2) > participant (3) > info (4) >
    // identity (5) > user (6) > an unknown field nested to depth 127.
    let known_depth = 6;
    let inner = nested_arrays(127 - known_depth);
    let text = format!(
        r#"{{"participants": [{{"info": {{"identity": {{"user": {{"id": "u", "deep": {inner}}}}}}}}}]}}"#
    );
    decode_on_worker::<Call>(text).unwrap();
    let over = nested_arrays(129 - known_depth);
    let text = format!(
        r#"{{"participants": [{{"info": {{"identity": {{"user": {{"id": "u", "deep": {over}}}}}}}}}]}}"#
    );
    let error = decode_on_worker::<Call>(text).unwrap_err();
    assert!(error.contains("recursion limit exceeded"), "{error}");
}

#[test]
fn a_late_discriminator_converts_a_deep_family_member_losslessly() {
    // mediaConfig is a family; `@odata.type` after a deep unknown property
    // makes the runtime convert the value read as the base type.
    let inner = nested_arrays(120);
    let text = format!(
        r##"{{"mediaConfig": {{"deep": {inner}, "@odata.type": "#microsoft.graph.serviceHostedMediaConfig", "preFetchMedia": []}}}}"##
    );
    decode_on_worker::<Call>(text).unwrap();
}

#[test]
fn deep_notification_batches_round_trip() {
    decode_on_worker::<CommsNotifications>(notification_with(&nested_objects(120))).unwrap();
}

/// The system allocator, counting the bytes live now and at the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        moved
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes and round-trips a large payload; checks that decoding needed at
/// most `factor` times the payload's size (a bound linear in the size: a
/// string costs its bytes, an array element a `serde_json::Value` or a
/// struct).
fn large<T: DeserializeOwned + Serialize>(what: &str, text: String, factor: usize) {
    let size = text.len();
    let started = std::time::Instant::now();
    let growth = decode_on_worker::<T>(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let elapsed = started.elapsed();
    println!(
        "{what}: {size} bytes, decoded and round-tripped in {elapsed:.1?}, decoding peaked at {:.1}x the payload",
        growth as f64 / size as f64
    );
    assert!(growth <= factor * size, "{what}: {growth} bytes for {size}");
}

/// One test, so that the peak memory of each payload is measured alone.
#[test]
fn very_large_payloads_decode_with_bounded_memory() {
    let big = "x".repeat(50 * 1024 * 1024);
    large::<Call>(
        "50 MiB known string",
        format!(r#"{{"subject": "{big}"}}"#),
        2,
    );
    large::<Call>(
        "50 MiB unknown string",
        format!(r#"{{"someNewProperty": "{big}"}}"#),
        2,
    );
    drop(big);
    let million = vec!["0"; 1_000_000].join(",");
    large::<Call>(
        "1M unknown array elements",
        format!(r#"{{"someNewList": [{million}]}}"#),
        48,
    );
    let notification = r#"{"changeType": "deleted", "resourceUrl": "/communications/calls/1"}"#;
    let batch = vec![notification; 100_000].join(",");
    large::<CommsNotifications>(
        "100k notifications",
        format!(r#"{{"value": [{batch}]}}"#),
        6,
    );
    let keys: Vec<String> = (0..100_000)
        .map(|i| format!(r#""unknown{i}": {i}"#))
        .collect();
    large::<Call>(
        "100k unknown properties",
        format!("{{{}}}", keys.join(",")),
        16,
    );
}
