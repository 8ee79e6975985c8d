//! A notification's `resourceData` through the generated union: every shape
//! the service (or a newer beta) may send is either the right type or raw
//! JSON, never another type, and always written back exactly.

use graph_calls::{
    AnyCommsOperation, CallState, CommsNotification, CommsNotificationResourceData,
    CommsNotifications,
};
use serde_json::{Value, json};

fn read(resource_data: Value) -> CommsNotificationResourceData {
    let text = serde_json::to_string(&resource_data).unwrap();
    let data: CommsNotificationResourceData = serde_json::from_str(&text).unwrap();
    assert_eq!(
        serde_json::to_value(&data).unwrap(),
        resource_data,
        "round trip"
    );
    data
}

fn variant(data: &CommsNotificationResourceData) -> &'static str {
    match data {
        CommsNotificationResourceData::Call(_) => "Call",
        CommsNotificationResourceData::CommsOperation(_) => "CommsOperation",
        CommsNotificationResourceData::ParticipantCollection(_) => "ParticipantCollection",
        CommsNotificationResourceData::Unrecognized(_) => "Unrecognized",
    }
}

#[test]
fn objects_are_chosen_by_odata_type_first_or_late() {
    let first = read(json!({"@odata.type": "#microsoft.graph.call", "state": "established"}));
    let late = read(json!({"state": "terminated", "@odata.type": "microsoft.graph.call"}));
    for (data, state) in [
        (first, CallState::Established),
        (late, CallState::Terminated),
    ] {
        let CommsNotificationResourceData::Call(call) = data else {
            panic!("{data:?}")
        };
        assert_eq!(call.state.get(), Some(&state));
    }
    let operation = read(
        json!({"status": "completed", "@odata.type": "#microsoft.graph.playPromptOperation", "id": "op"}),
    );
    assert!(matches!(
        &operation,
        CommsNotificationResourceData::CommsOperation(op) if matches!(**op, AnyCommsOperation::PlayPromptOperation(_))
    ));
}

#[test]
fn what_no_alternative_takes_is_kept_raw() {
    let cases = [
        json!({"@odata.type": "#microsoft.graph.audioRoutingGroup", "id": "g"}),
        json!({"@odata.type": "#microsoft.graph.futureThing", "state": "established"}),
        json!({"id": "no type", "state": "established"}),
        json!({}),
        json!("a string"),
        json!(42),
        json!(true),
        json!([{"@odata.type": "#microsoft.graph.participant", "id": "p"}, {"@odata.type": "#microsoft.graph.call"}]),
        json!([{"@odata.type": "#microsoft.graph.participant", "id": "p"}, 7]),
        json!([[1], {"@odata.type": "#microsoft.graph.participant"}]),
    ];
    for value in cases {
        let data = read(value.clone());
        assert_eq!(variant(&data), "Unrecognized", "{value}");
    }
}

#[test]
fn arrays_are_collections_of_participants() {
    let data = read(json!([
        {"@odata.type": "#microsoft.graph.participant", "id": "p1", "isMuted": true},
        {"id": "p2"},
        {"isInLobby": false, "@odata.type": "microsoft.graph.participant", "id": "p3"},
    ]));
    let CommsNotificationResourceData::ParticipantCollection(participants) = &data else {
        panic!("{data:?}")
    };
    let ids: Vec<&str> = participants
        .iter()
        .filter_map(|p| p.id.get().map(String::as_str))
        .collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    assert_eq!(variant(&read(json!([]))), "ParticipantCollection");
}

#[test]
fn a_bad_value_inside_a_chosen_type_is_an_error_with_its_path() {
    let text =
        r##"{"value": [{"resourceData": {"@odata.type": "#microsoft.graph.call", "state": 5}}]}"##;
    let error =
        callgen_client::callback::decode_strict::<CommsNotifications>(None, text.as_bytes())
            .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("cannot decode the notification at `value[0].resourceData.state`"),
        "{error}"
    );
}

#[test]
fn resource_urls_name_the_ids_in_both_spellings() {
    let current: CommsNotification = serde_json::from_value(json!({
        "resourceUrl": "/communications/calls/57dab8b1/operations/0fe0623f"
    }))
    .unwrap();
    let path = current.resource_path().unwrap();
    assert_eq!(
        (path.call_id(), path.operation_id()),
        (Some("57dab8b1"), Some("0fe0623f"))
    );
    let older: CommsNotification = serde_json::from_value(json!({
        "resource": "/app/calls/ab62/participants"
    }))
    .unwrap();
    let path = older.resource_path().unwrap();
    assert_eq!(path.call_id(), Some("ab62"));
    assert_eq!(path.target_collection(), Some("participants"));
    assert!(path.is_deprecated_form());
    let none: CommsNotification = serde_json::from_value(json!({})).unwrap();
    assert_eq!(
        none.resource_path().unwrap_err(),
        callgen_client::ResourcePathError::Missing
    );
}
