//! The committed schema itself: a valid OpenAPI 3.1 document whose every
//! example validates against its schema, except the docs defects listed in
//! `codegen/tests/fixtures/example-defects.json`.
//!
//! `codegen/tests/openapi-3.1-schema.json` is the official OpenAPI 3.1
//! schema, `$id` `https://spec.openapis.org/oas/3.1/schema/2022-10-07`,
//! byte-identical to `openapi_spec_validator/resources/schemas/v3.1/schema.json`
//! of the `openapi-spec-validator` 0.7.1 package (PyPI), which ships the
//! file published by the OpenAPI Initiative. It checks the document's
//! structure; schema objects are checked against the JSON Schema 2020-12
//! meta-schema built into the `jsonschema` crate.

mod extract_support;

use std::collections::BTreeSet;

use serde_json::{Value, json};

use extract_support::{committed_schema, escape, workspace_root};

#[test]
fn the_document_is_valid_openapi_3_1() {
    let document = committed_schema();
    let text =
        std::fs::read_to_string(workspace_root().join("codegen/tests/openapi-3.1-schema.json"))
            .unwrap();
    let meta: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft202012::new(&meta).expect("the OpenAPI 3.1 schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid OpenAPI 3.1: {errors:#?}");
}

#[test]
fn every_component_is_a_valid_json_schema() {
    let document = committed_schema();
    for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
        let result = jsonschema::draft202012::meta::validate(schema);
        assert!(result.is_ok(), "{name}: {result:?}");
    }
}

#[test]
fn every_reference_resolves() {
    let document = committed_schema();
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let pointer = reference.strip_prefix('#').unwrap_or(&reference);
        assert!(
            document.pointer(pointer).is_some(),
            "dangling $ref {reference}"
        );
    }
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    ("value", _) => {} // example payloads are data
                    _ => collect_refs(item, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}

/// One example and the schema it is documented against.
struct Case {
    page: String,
    line: u64,
    schema: Value,
    value: Value,
}

fn cases(document: &Value) -> Vec<Case> {
    let mut out = Vec::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            media_cases(
                &operation["requestBody"]["content"]["application/json"],
                &mut out,
            );
            for response in operation["responses"].as_object().unwrap().values() {
                media_cases(&response["content"]["application/json"], &mut out);
            }
            if let Some(callbacks) = operation["callbacks"].as_object() {
                for callback in callbacks
                    .values()
                    .flat_map(|c| c.as_object().unwrap().values())
                {
                    media_cases(
                        &callback["post"]["requestBody"]["content"]["application/json"],
                        &mut out,
                    );
                }
            }
        }
    }
    for (name, schema) in document["components"]["schemas"].as_object().unwrap() {
        let reference = json!({"$ref": format!("#/components/schemas/{}", escape(name))});
        for example in schema["x-callgen-examples"]
            .as_array()
            .into_iter()
            .flatten()
        {
            out.push(case(&reference, example));
        }
    }
    out
}

fn media_cases(media: &Value, out: &mut Vec<Case>) {
    let Some(examples) = media["examples"].as_object() else {
        return;
    };
    for example in examples.values() {
        out.push(case(&media["schema"], example));
    }
}

fn case(schema: &Value, example: &Value) -> Case {
    Case {
        page: example["x-callgen-source"]["page"]
            .as_str()
            .unwrap()
            .to_string(),
        line: example["x-callgen-source"]["line"].as_u64().unwrap(),
        schema: schema.clone(),
        value: example["value"].clone(),
    }
}

/// `(page, line, instance path)` of every validation failure.
fn failures(document: &Value) -> BTreeSet<(String, u64, String)> {
    let mut found = BTreeSet::new();
    for case in cases(document) {
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": document["components"],
            "allOf": [case.schema],
        });
        let validator = jsonschema::draft202012::new(&root).expect("the example's schema compiles");
        for error in validator.iter_errors(&case.value) {
            found.insert((
                case.page.clone(),
                case.line,
                error.instance_path().to_string(),
            ));
        }
    }
    found
}

#[test]
fn every_example_validates_or_is_a_listed_docs_defect() {
    let document = committed_schema();
    assert!(
        cases(&document).len() > 100,
        "the document carries its examples"
    );
    let found = failures(&document);
    let text = std::fs::read_to_string(
        workspace_root().join("codegen/tests/fixtures/example-defects.json"),
    )
    .unwrap();
    let listed: Vec<Value> = serde_json::from_str(&text).unwrap();
    let listed: BTreeSet<(String, u64, String)> = listed
        .iter()
        .map(|d| {
            assert!(
                d["reason"].as_str().is_some_and(|r| r.len() > 10),
                "every defect gives its reason: {d}"
            );
            (
                d["page"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["instance_path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let unlisted: Vec<_> = found.difference(&listed).collect();
    let fixed: Vec<_> = listed.difference(&found).collect();
    assert!(
        unlisted.is_empty() && fixed.is_empty(),
        "examples failing validation but not listed in codegen/tests/fixtures/example-defects.json: {unlisted:#?}\n\
         listed defects that no longer fail: {fixed:#?}"
    );
}
