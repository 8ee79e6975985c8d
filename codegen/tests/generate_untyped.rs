//! No silent degradation: every value the generator types as any JSON
//! although the schema states more is a warning with its JSON pointer, and
//! `--deny-warnings` makes it fatal; notification data that is a call or
//! one of several collections is a union, not any JSON.

use callgen::emit::EmitConfig;
use callgen::generate::{
    GenerateConfig, GenerateError, default_emit_config, generate, generate_files_with,
};
use callgen::ir::{TypeKind, from_openapi};
use serde_json::{Value, json};

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/microsoft.graph.{name}")})
}

fn object(name: &str, properties: Value) -> Value {
    json!({"title": name, "type": "object", "properties": properties})
}

/// A notification item whose properties show each kind of fallback, and a
/// `resourceData` with two collections.
fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "untyped", "version": "1"},
        "paths": {},
        "components": {"schemas": {
            "microsoft.graph.call": object("call", json!({"state": {"type": "string"}})),
            "microsoft.graph.participant": object("participant", json!({"id": {"type": "string"}})),
            "microsoft.graph.contentSharingSession":
                object("contentSharingSession", json!({"id": {"type": "string"}})),
            "microsoft.graph.commsNotification": object("commsNotification", json!({
                "resourceData": {"anyOf": [
                    reference("call"),
                    {"type": "array", "items": reference("participant")},
                    {"type": "array", "items": reference("contentSharingSession")}
                ]},
                "mixed": {"anyOf": [{"type": "string"}, reference("call")]},
                "several": {"type": ["string", "integer"]},
                "hub": {"type": "object", "x-callgen-documented-as": "user"},
                "unresolved": {"x-callgen-documented-as": "futureThing"},
                "anything": {}
            }))
        }}
    })
}

/// The committed crate's settings without its README example, which this
/// schema has no operation for.
fn emit_config() -> EmitConfig {
    EmitConfig {
        readme_example: None,
        ..default_emit_config()
    }
}

const NOTIFICATION: &str = "/components/schemas/microsoft.graph.commsNotification/properties";

#[test]
fn every_fallback_is_reported_with_its_pointer() {
    let ir = from_openapi(&document()).unwrap();
    let pointers: Vec<String> = ir.untyped.iter().map(|p| p.pointer.clone()).collect();
    let expected: Vec<String> = ["hub", "mixed", "several", "unresolved"]
        .iter()
        .map(|name| format!("{NOTIFICATION}/{name}"))
        .collect();
    // `anything` is `{}` with no docs type behind it: any JSON is what the
    // schema states, not a fallback.
    assert_eq!(pointers, expected);
    let messages: Vec<String> = ir.untyped.iter().map(ToString::to_string).collect();
    assert!(
        messages[0].contains("the docs name the type `user`"),
        "{messages:?}"
    );
    assert!(messages[1].contains("no union takes them"), "{messages:?}");
    assert!(
        messages[2].contains("several types (string, integer)"),
        "{messages:?}"
    );

    let generated = generate_files_with(&document(), &emit_config()).unwrap();
    assert_eq!(generated.warnings.len(), 4, "{:?}", generated.warnings);
    assert!(
        generated.warnings[0].starts_with(&format!("[untyped] schema {NOTIFICATION}/hub: ")),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn several_collections_make_a_union_not_any_json() {
    let ir = from_openapi(&document()).unwrap();
    let union = ir
        .types
        .iter()
        .find_map(|def| match &def.kind {
            TypeKind::Union(union) => Some(union),
            _ => None,
        })
        .expect("resourceData is a union");
    let collections = union.alternatives.iter().filter(|a| a.collection).count();
    assert_eq!((union.alternatives.len(), collections), (3, 2));
}

#[test]
fn deny_warnings_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let schema = scratch.path().join("schema.json");
    std::fs::write(&schema, document().to_string()).unwrap();
    let out = scratch.path().join("crate");
    let config = GenerateConfig {
        schema,
        out: out.clone(),
        emit: emit_config(),
        deny_warnings: true,
    };
    let error = generate(&config).unwrap_err();
    let GenerateError::DeniedWarnings(warnings) = &error else {
        panic!("expected denied warnings, got {error}");
    };
    assert_eq!(warnings.len(), 4);
    assert!(!out.exists(), "nothing is written when warnings are denied");
    let report = generate(&GenerateConfig {
        deny_warnings: false,
        ..config
    })
    .unwrap();
    assert_eq!(report.warnings.len(), 4);
    assert!(out.join("src/lib.rs").exists());
}
