//! The check both payload targets make: decoding any bytes as `T` through
//! the generated crate's public path (serde_json) gives a value or an error,
//! never a panic; and a decoded value re-encodes to the input JSON exactly
//! (as a `serde_json::Value`: nothing lost, nothing invented).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes `data` as `T`; when that succeeds, checks the round trip.
pub fn check_payload<T: DeserializeOwned + Serialize>(data: &[u8]) {
    let Ok(decoded) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let input: serde_json::Value =
        serde_json::from_slice(data).expect("a payload that decodes is JSON");
    let encoded = serde_json::to_value(&decoded).expect("a decoded payload encodes");
    assert_eq!(
        encoded, input,
        "the re-encoded payload differs from the input"
    );
}
