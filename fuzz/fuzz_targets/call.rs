//! A `call` resource as the service returns it, decoded as
//! `graph_calls::Call`: no panic, and a lossless round trip.

#![no_main]

#[path = "payload_common.rs"]
mod payload_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    payload_common::check_payload::<graph_calls::Call>(data);
});
