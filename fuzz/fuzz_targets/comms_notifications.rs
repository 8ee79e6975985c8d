//! A notification batch as it arrives at a bot's callback URL, decoded as
//! `graph_calls::CommsNotifications`: no panic, and a lossless round trip.

#![no_main]

#[path = "payload_common.rs"]
mod payload_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    payload_common::check_payload::<graph_calls::CommsNotifications>(data);
});
