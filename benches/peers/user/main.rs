//! What a bot compiles to use the generated types: decode a notification
//! batch and a call from JSON text, and write them back. Built by
//! `benches/peers/typify.sh` twice, once per generator (`GENERATED` is
//! replaced by the crate's module path); its build time, with the
//! generated crate's, is what a user pays. Not part of the workspace.

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read(path).unwrap_or_default();
    if let Ok(call) = serde_json::from_slice::<GENERATED::Call>(&text) {
        println!("{}", serde_json::to_string(&call).unwrap_or_default());
    }
    if let Ok(batch) = serde_json::from_slice::<GENERATED::CommsNotifications>(&text) {
        println!("{}", serde_json::to_string(&batch).unwrap_or_default());
    }
}
