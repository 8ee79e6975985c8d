//! A notification payload type that no page documents (the docs tree lacks
//! its page, and only the examples' `@odata.type` names it) gets a schema
//! inferred from the notification examples and a warning at the examples,
//! never a silent `{}`.

use callgen::diag::Severity;
use serde_json::Value;
use std::path::Path;

mod extract_support;
use extract_support::{corpus_root, extract_docs};

/// A copy of the docs tree `from` without the page `left_out`.
fn copy_without(from: &Path, to: &Path, left_out: &str) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_without(&entry.path(), &target, left_out);
        } else if entry.file_name() != left_out {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn an_undocumented_payload_type_is_inferred_and_reported() {
    let Some(corpus) = corpus_root() else { return };
    let scratch = tempfile::tempdir().unwrap();
    copy_without(
        &corpus.join("en-2021-07"),
        scratch.path(),
        "commsnotifications.md",
    );
    let (extraction, diags) = extract_docs(scratch.path(), &[]);
    let warnings: Vec<String> = diags
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.code == "notification-type-undocumented")
        .map(ToString::to_string)
        .collect();
    let mut payloads = Vec::new();
    for item in extraction.document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let Some(callbacks) = operation.get("callbacks") else {
                continue;
            };
            let post = callbacks["notifications"]
                .as_object()
                .unwrap()
                .values()
                .next()
                .unwrap();
            payloads
                .push(post["post"]["requestBody"]["content"]["application/json"]["schema"].clone());
        }
    }
    assert!(!payloads.is_empty());
    assert_eq!(
        warnings.len(),
        payloads.len(),
        "one warning per operation: {warnings:#?}"
    );
    assert!(
        warnings[0].contains("name `commsNotifications`, which no page of the closure documents"),
        "{warnings:#?}"
    );
    for payload in &payloads {
        assert_eq!(payload["type"], "object", "{payload}");
        assert_eq!(payload["properties"]["value"]["type"], "array", "{payload}");
        let item = &payload["properties"]["value"]["items"]["properties"];
        assert_eq!(
            item["changeType"],
            serde_json::json!({"type": "string"}),
            "{payload}"
        );
        assert_eq!(
            payload["x-callgen-documented-as"],
            Value::from("commsNotifications (inferred from the notification examples)")
        );
    }
}
