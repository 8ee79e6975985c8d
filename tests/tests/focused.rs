//! Focused behaviour of the generated bindings: what a newer or odd payload
//! does to them.

use callgen_runtime::Field;
use graph_calls::{
    AnyMediaConfig, AppHostedMediaConfig, Call, CallState, MediaConfig, ServiceHostedMediaConfig,
};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value) -> (T, Value) {
    let value: T = serde_json::from_value(json.clone()).unwrap();
    let back = serde_json::to_value(&value).unwrap();
    (value, back)
}

#[test]
fn unknown_field_is_kept_and_written_back() {
    let json = json!({
        "@odata.type": "#microsoft.graph.call",
        "state": "established",
        "brandNewProperty": {"nested": [1, 2, {"deep": null}]}
    });
    let (call, back): (Call, _) = round_trip(&json);
    assert_eq!(
        call.unknown_fields.get("brandNewProperty"),
        Some(&json["brandNewProperty"])
    );
    assert_eq!(back, json);
}

#[test]
fn unknown_enum_value_is_kept_as_received() {
    let json = json!({"state": "parkedInTheFuture"});
    let (call, back): (Call, _) = round_trip(&json);
    assert_eq!(
        call.state,
        Field::Value(CallState::Unrecognized("parkedInTheFuture".into()))
    );
    assert_eq!(
        call.state.get().map(CallState::as_str),
        Some("parkedInTheFuture")
    );
    assert_eq!(back, json);
    assert_eq!(CallState::from("established"), CallState::Established);
}

#[test]
fn unknown_odata_type_is_read_as_the_base_type() {
    let json = json!({"mediaConfig": {
        "@odata.type": "#microsoft.graph.futureMediaConfig",
        "removeFromDefaultAudioGroup": true,
        "x": [1]
    }});
    let (call, back): (Call, _) = round_trip(&json);
    let Some(media_config) = call.media_config.as_deref() else {
        panic!("expected a media config, got {:?}", call.media_config);
    };
    let AnyMediaConfig::Unrecognized(base) = media_config else {
        panic!("expected the unrecognized member, got {media_config:?}");
    };
    assert_eq!(
        base.odata_type.as_deref(),
        Some("#microsoft.graph.futureMediaConfig")
    );
    assert_eq!(base.unknown_fields.get("x"), Some(&json!([1])));
    // The base type's properties are typed, and read without a match.
    assert_eq!(
        media_config.remove_from_default_audio_group().get(),
        Some(&true)
    );
    assert_eq!(back, json);
}

#[test]
fn a_known_type_outside_the_family_is_not_parsed_as_a_member() {
    let json =
        json!({"mediaConfig": {"@odata.type": "#microsoft.graph.call", "state": "incoming"}});
    let (call, back): (Call, _) = round_trip(&json);
    assert!(matches!(
        call.media_config.as_deref(),
        Some(AnyMediaConfig::Unrecognized(_))
    ));
    assert_eq!(back, json);
}

#[test]
fn discriminator_chooses_the_member_first_or_late() {
    let first = json!({"@odata.type": "#microsoft.graph.appHostedMediaConfig", "blob": "<blob>"});
    let late = json!({"removeFromDefaultAudioGroup": true, "@odata.type": "microsoft.graph.appHostedMediaConfig", "blob": "<blob>"});
    for json in [first, late] {
        let (config, back): (AnyMediaConfig, _) = round_trip(&json);
        let AnyMediaConfig::AppHostedMediaConfig(app) = &config else {
            panic!("expected appHostedMediaConfig, got {config:?}");
        };
        assert_eq!(app.blob.get().map(String::as_str), Some("<blob>"));
        assert_eq!(
            config.odata_type(),
            json["@odata.type"].as_str(),
            "kept exactly as received"
        );
        assert_eq!(back, json);
    }
}

#[test]
fn no_discriminator_gives_the_base_type() {
    let json = json!({"removeFromDefaultAudioGroup": false, "blob": "not known to the base"});
    let (config, back): (AnyMediaConfig, _) = round_trip(&json);
    let AnyMediaConfig::MediaConfig(base) = &config else {
        panic!("expected the base, got {config:?}");
    };
    assert_eq!(base.odata_type, None);
    assert!(base.unknown_fields.get("blob").is_some());
    assert_eq!(back, json);
}

#[test]
fn absent_and_null_stay_apart() {
    let (call, back): (Call, _) = round_trip(&json!({"subject": null}));
    assert!(call.subject.is_null());
    assert!(call.state.is_absent());
    assert_eq!(back, json!({"subject": null}));
    let mut patch = Call::default();
    patch.subject.set_null();
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"subject": null})
    );
}

#[test]
fn a_derived_type_built_in_rust_carries_its_odata_type() {
    let call = Call::new().with_media_config(ServiceHostedMediaConfig::new());
    assert_eq!(
        serde_json::to_value(&call).unwrap(),
        json!({"@odata.type": "#microsoft.graph.call", "mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}})
    );
    let app = AnyMediaConfig::from(AppHostedMediaConfig::new().with_blob("b"));
    assert_eq!(
        app.odata_type(),
        Some("#microsoft.graph.appHostedMediaConfig")
    );
    assert_eq!(
        serde_json::to_value(MediaConfig::default()).unwrap(),
        json!({})
    );
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let deep_unknown = format!(
        "{{\"state\": \"incoming\", \"x\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let error = serde_json::from_str::<Call>(&deep_unknown).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
    let deep_family = format!(
        "{{\"mediaConfig\": {{\"@odata.type\": \"#x.y\", \"x\": {}{}}}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    let error = serde_json::from_str::<Call>(&deep_family).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
    let error =
        graph_calls::registry::round_trip_str("microsoft.graph.call", &deep_unknown).unwrap_err();
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

#[test]
fn bad_input_is_an_error_naming_the_place() {
    let error = serde_json::from_str::<Call>("{\n  \"state\": 3\n}").unwrap_err();
    assert_eq!(error.line(), 2, "{error}");
    let error =
        serde_json::from_str::<Call>(r#"{"state": "incoming", "state": "incoming"}"#).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `state`"),
        "{error}"
    );
    let error = serde_json::from_str::<Call>("[]").unwrap_err();
    assert!(
        error.to_string().contains("a microsoft.graph.call object"),
        "{error}"
    );
}

#[test]
fn registry_reports_the_type_and_members_chosen() {
    let json = json!({"mediaConfig": {"@odata.type": "#microsoft.graph.serviceHostedMediaConfig"}, "state": "weird", "extra": 1});
    let result = graph_calls::registry::round_trip_value("microsoft.graph.call", &json).unwrap();
    assert_eq!(result.rust_type, "models::Call");
    assert_eq!(result.json, json);
    let notes: Vec<String> = result
        .notes
        .iter()
        .map(|n| format!("{}: {}", n.path, n.what))
        .collect();
    assert!(
        notes.contains(&"$.mediaConfig: AnyMediaConfig::ServiceHostedMediaConfig".to_owned()),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"$.state: CallState::Unrecognized(\"weird\")".to_owned()),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"$.extra: unknown property, kept as JSON".to_owned()),
        "{notes:?}"
    );
    assert!(graph_calls::registry::round_trip_value("microsoft.graph.nothing", &json).is_err());
}
