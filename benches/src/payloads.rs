//! The payloads of the codec benchmark, built from the documented examples
//! in the schema (never invented by hand):
//!
//! - [`call_state_batch`]: one `commsNotifications` holding every documented
//!   call-state notification (a `resourceData` that is a call);
//! - [`roster`]: one roster notification (a `resourceData` list of
//!   participants) with the documented participants repeated, each copy with
//!   its own id, up to the requested count;
//! - [`create_call_response`]: the documented response of the first
//!   create-call example.
//!
//! Each is compact JSON bytes, as a bot receives them.

use serde_json::{Value, json};

/// One payload: what it is and its bytes.
#[derive(Debug, Clone)]
pub struct Payload {
    /// A short description for reports.
    pub name: String,
    /// Compact JSON.
    pub bytes: Vec<u8>,
}

/// Every documented notification entry (the members of the `value` arrays
/// of callback examples), in document order.
fn notification_entries(schema: &Value) -> Vec<&Value> {
    let mut entries = Vec::new();
    let Some(paths) = schema.get("paths").and_then(Value::as_object) else {
        return entries;
    };
    for operation in paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
    {
        let Some(callbacks) = operation.get("callbacks").and_then(Value::as_object) else {
            continue;
        };
        for callback in callbacks.values().filter_map(Value::as_object) {
            for expression in callback.values() {
                let examples = expression
                    .pointer("/post/requestBody/content/application~1json/examples")
                    .and_then(Value::as_object);
                for example in examples.into_iter().flat_map(|e| e.values()) {
                    if let Some(value) = example.pointer("/value/value").and_then(Value::as_array) {
                        entries.extend(value.iter());
                    }
                }
            }
        }
    }
    entries
}

fn odata_type(value: &Value) -> Option<&str> {
    value.get("@odata.type").and_then(Value::as_str)
}

fn notifications(entries: Vec<Value>) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": entries,
    })
}

fn payload(name: String, value: &Value) -> Payload {
    Payload {
        name,
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

/// Every documented call-state notification that `accepted` accepts (the
/// bindings' typed decode: a few documented examples contradict the
/// schema), in one batch.
pub fn call_state_batch(schema: &Value, accepted: impl Fn(&Value) -> bool) -> Payload {
    let documented: Vec<&Value> = notification_entries(schema)
        .into_iter()
        .filter(|entry| {
            entry
                .get("resourceData")
                .and_then(odata_type)
                .is_some_and(|t| t.trim_start_matches('#') == "microsoft.graph.call")
        })
        .collect();
    let entries: Vec<Value> = documented
        .iter()
        .filter(|entry| accepted(entry))
        .map(|entry| (*entry).clone())
        .collect();
    let name = format!(
        "{} call-state notifications ({} documented, {} left out: they contradict the schema)",
        entries.len(),
        documented.len(),
        documented.len() - entries.len()
    );
    payload(name, &notifications(entries))
}

/// A roster notification listing `participants` participants: the
/// documented roster notification with its participant list replaced by
/// the documented participants (of the roster notifications `accepted`
/// accepts) repeated, each copy with a distinct id.
pub fn roster(schema: &Value, participants: usize, accepted: impl Fn(&Value) -> bool) -> Payload {
    let rosters: Vec<&Value> = notification_entries(schema)
        .into_iter()
        .filter(|entry| accepted(entry))
        .filter(|entry| {
            entry
                .get("resourceData")
                .and_then(Value::as_array)
                .is_some_and(|list| !list.is_empty())
        })
        .collect();
    let documented: Vec<&Value> = rosters
        .iter()
        .flat_map(|entry| entry["resourceData"].as_array().into_iter().flatten())
        .collect();
    let Some(shell) = rosters.first() else {
        return payload("no documented roster notification".to_owned(), &Value::Null);
    };
    let list: Vec<Value> = (0..participants)
        .map(|i| {
            let mut participant = documented[i % documented.len()].clone();
            participant["id"] = json!(format!("{i:08x}-6432-43ed-8d27-d9e7adec188c"));
            participant
        })
        .collect();
    let mut entry = (*shell).clone();
    entry["resourceData"] = Value::Array(list);
    let name = format!(
        "roster of {participants} participants ({} documented ones repeated)",
        documented.len()
    );
    payload(name, &notifications(vec![entry]))
}

/// The documented response of the first create-call example that has one.
pub fn create_call_response(schema: &Value) -> Payload {
    let examples = schema
        .pointer(
            "/paths/~1communications~1calls/post/responses/201/content/application~1json/examples",
        )
        .and_then(Value::as_object);
    match examples.and_then(|e| e.iter().next()) {
        Some((key, example)) => payload(
            format!("create-call response ({key})"),
            example.get("value").unwrap_or(&Value::Null),
        ),
        None => payload(
            "no documented create-call response".to_owned(),
            &Value::Null,
        ),
    }
}
