//! Decode of the documented call payloads with callgen's `graph-calls`,
//! typify's types for the same schema, and `serde_json::Value`, in one
//! process: what each side keeps of every payload (the JSON paths its round
//! trip loses) and the time to decode them all (medians of interleaved
//! rounds). Built and run by `benches/peers/typify.sh`; not part of the
//! workspace.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Interleaved rounds; the median round is reported.
const ROUNDS: usize = 21;

/// Passes over every payload in a round.
const PASSES: usize = 200;

fn main() {
    let path = std::env::args().nth(1).expect("usage: decode PAYLOADS.json");
    let text = std::fs::read_to_string(&path).expect("cannot read the payloads");
    let documented: Vec<(String, Value)> = serde_json::from_str(&text).expect("payloads JSON");
    let mut kept = Vec::new();
    let (mut lost_callgen, mut lost_typify) = (0, 0);
    for (name, value) in &documented {
        let callgen = round_trip::<graph_calls::models::Call>(value);
        let typify = round_trip::<typify_calls::Call>(value);
        match (callgen, typify) {
            (Ok(c), Ok(t)) => {
                let (lc, lt) = (lost_paths(value, &c), lost_paths(value, &t));
                println!("{name}: callgen loses {} paths, typify {}: {:?}", lc.len(), lt.len(), lt);
                lost_callgen += lc.len();
                lost_typify += lt.len();
                kept.push(serde_json::to_vec(value).expect("JSON"));
            }
            (c, t) => println!("{name}: left out (callgen: {:?}; typify: {:?})", c.err(), t.err()),
        }
    }
    println!(
        "payloads: {} documented, {} decoded by both; JSON paths lost in the round trip: callgen {lost_callgen}, typify {lost_typify}",
        documented.len(),
        kept.len()
    );
    let bytes: usize = kept.iter().map(Vec::len).sum();
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..ROUNDS {
        times[0].push(timed(&kept, decode::<graph_calls::models::Call>));
        times[1].push(timed(&kept, decode::<typify_calls::Call>));
        times[2].push(timed(&kept, decode::<Value>));
    }
    let [callgen, typify, value] = times.map(|mut t| median(&mut t));
    println!(
        "decode of {} payloads ({bytes} bytes), median of {ROUNDS} rounds, per pass: callgen {:.1} us, typify {:.1} us, Value {:.1} us",
        kept.len(),
        micros(callgen),
        micros(typify),
        micros(value)
    );
    println!(
        "ratio decode callgen/typify {:.2}, callgen/Value {:.2}, typify/Value {:.2}",
        callgen.as_secs_f64() / typify.as_secs_f64(),
        callgen.as_secs_f64() / value.as_secs_f64(),
        typify.as_secs_f64() / value.as_secs_f64()
    );
}

fn round_trip<T: DeserializeOwned + serde::Serialize>(value: &Value) -> Result<Value, String> {
    let bytes = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    let typed: T = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// The JSON paths of `original` that `written` does not give back equal.
fn lost_paths(original: &Value, written: &Value) -> Vec<String> {
    let mut lost = Vec::new();
    walk(original, Some(written), String::new(), &mut lost);
    lost
}

fn walk(original: &Value, written: Option<&Value>, path: String, lost: &mut Vec<String>) {
    match (original, written) {
        (Value::Object(members), Some(Value::Object(other))) => {
            for (key, value) in members {
                walk(value, other.get(key), format!("{path}/{key}"), lost);
            }
        }
        (Value::Array(items), Some(Value::Array(other))) if items.len() == other.len() => {
            for (index, (item, written)) in items.iter().zip(other).enumerate() {
                walk(item, Some(written), format!("{path}/{index}"), lost);
            }
        }
        (original, Some(written)) if original == written => {}
        _ => lost.push(path),
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> bool {
    serde_json::from_slice::<T>(bytes).is_ok()
}

fn timed(payloads: &[Vec<u8>], decode: fn(&[u8]) -> bool) -> Duration {
    let start = Instant::now();
    let mut ok = 0;
    for _ in 0..PASSES {
        for bytes in payloads {
            ok += usize::from(decode(std::hint::black_box(bytes)));
        }
    }
    std::hint::black_box(ok);
    start.elapsed() / PASSES as u32
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn micros(time: Duration) -> f64 {
    time.as_secs_f64() * 1e6
}
