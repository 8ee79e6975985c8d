//! `callgen diff` over the real corpora: en-2019-09 extracted against
//! en-2021-07 must report the changes the beta API is known for (skipped
//! when the corpora are absent, unless `CALLGEN_REQUIRE_CORPUS=1`).

mod extract_support;

use callgen::diag::Diagnostics;
use callgen::diff::{self, Change, ChangeKind, Changelog};
use callgen::extract::{ExtractConfig, extract};
use extract_support::corpus_root;
use serde_json::Value;
use std::path::Path;

fn extract_corpus(root: &Path, name: &str) -> Value {
    let config = ExtractConfig {
        docs: Some(root.join(name)),
        roots: Vec::new(),
    };
    let mut diags = Diagnostics::new();
    extract(&config, &mut diags).unwrap().document
}

fn type_changes<'a>(changelog: &'a Changelog, name: &str) -> &'a [Change] {
    let group = changelog.types.iter().find(|t| t.name == name);
    group.map(|t| t.changes.as_slice()).unwrap_or_default()
}

fn operation_changes<'a>(changelog: &'a Changelog, id: &str) -> &'a [Change] {
    let group = changelog.operations.iter().find(|o| o.operation == id);
    group.map(|o| o.changes.as_slice()).unwrap_or_default()
}

fn renamed(changes: &[Change], old: &str, new: &str) -> bool {
    changes.iter().any(|c| {
        c.breaking
            && matches!(&c.kind, ChangeKind::PropertyRenamed(r) if r.old_name == old && r.new_name == new)
    })
}

#[test]
fn changes_from_en_2019_09_to_en_2021_07() {
    let Some(root) = corpus_root() else { return };
    let old = extract_corpus(&root, "en-2019-09");
    let new = extract_corpus(&root, "en-2021-07");
    let changelog = diff::compare(&old, &new);
    let text = diff::render_text(&changelog);

    assert!(
        renamed(
            type_changes(&changelog, "commsNotification"),
            "resource",
            "resourceUrl"
        ),
        "commsNotification.resource -> resourceUrl not reported as a rename in\n{text}"
    );
    let code_retyped = type_changes(&changelog, "resultInfo").iter().any(|c| {
        c.breaking
            && matches!(&c.kind, ChangeKind::PropertyRetyped { property, old_type, new_type, .. }
                if property == "code" && old_type == "String" && new_type == "Int32")
    });
    assert!(
        code_retyped,
        "resultInfo.code String -> Int32 missing in\n{text}"
    );
    let chain_id_added = type_changes(&changelog, "call").iter().any(|c| {
        !c.breaking
            && matches!(&c.kind, ChangeKind::PropertyAdded { property, .. } if property == "callChainId")
    });
    assert!(chain_id_added, "call.callChainId added missing in\n{text}");

    let update_metadata_removed = operation_changes(&changelog, "call.updateMetadata")
        .iter()
        .any(|c| c.breaking && matches!(c.kind, ChangeKind::OperationRemoved { .. }));
    assert!(
        update_metadata_removed,
        "call.updateMetadata not reported removed in\n{text}"
    );

    assert!(
        renamed(type_changes(&changelog, "resultInfo"), "subCode", "subcode"),
        "{text}"
    );
    assert!(
        renamed(
            type_changes(&changelog, "recordingInfo"),
            "status",
            "recordingStatus"
        ),
        "{text}"
    );
    let record_renamed = operation_changes(&changelog, "call.record").iter().any(|c| {
        matches!(&c.kind, ChangeKind::OperationRenamed { new_id, .. } if new_id == "call.recordResponse")
    });
    assert!(
        record_renamed,
        "call.record -> call.recordResponse missing in\n{text}"
    );
    assert!(changelog.warnings.is_empty(), "{:?}", changelog.warnings);
}
