//! `callgen diff` on small schema pairs written for the project: each
//! folder under `tests/fixtures/diff/` holds `old.json` and `new.json`, and
//! the text and JSON changelogs are snapshotted.

use callgen::diff::{self, Changelog};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn fixture_pairs() -> Vec<(String, Value, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut pairs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                load(&dir.join("old.json")),
                load(&dir.join("new.json")),
            )
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

fn all_changes(changelog: &Changelog) -> impl Iterator<Item = &diff::Change> {
    let types = changelog.types.iter().flat_map(|t| &t.changes);
    types.chain(changelog.operations.iter().flat_map(|o| &o.changes))
}

#[test]
fn changelog_of_each_fixture_pair() {
    insta::glob!("fixtures/diff/*/old.json", |old_path| {
        let old = load(old_path);
        let new = load(&old_path.with_file_name("new.json"));
        let changelog = diff::compare(&old, &new);
        insta::assert_snapshot!("text", diff::render_text(&changelog));
        insta::assert_snapshot!("json", diff::render_json(&changelog));
    });
}

#[test]
fn a_document_compared_with_itself_has_no_changes() {
    for (name, old, new) in fixture_pairs() {
        for document in [&old, &new] {
            let changelog = diff::compare(document, document);
            assert_eq!(changelog.summary.total, 0, "{name}: {changelog:#?}");
            assert!(
                diff::render_text(&changelog).starts_with("No changes.\n"),
                "{name}"
            );
        }
    }
}

#[test]
fn fixtures_cover_every_change_kind_and_json_names_match() {
    let mut seen = BTreeSet::new();
    for (name, old, new) in fixture_pairs() {
        let changelog = diff::compare(&old, &new);
        let json = serde_json::to_value(&changelog).unwrap();
        let changes = all_changes(&changelog).collect::<Vec<_>>();
        assert_eq!(changelog.summary.total, changes.len(), "{name}");
        let json_kinds: Vec<&str> = json["types"]
            .as_array()
            .unwrap()
            .iter()
            .chain(json["operations"].as_array().unwrap())
            .flat_map(|group| group["changes"].as_array().unwrap())
            .map(|change| change["kind"].as_str().unwrap())
            .collect();
        let kinds: Vec<&str> = changes.iter().map(|c| c.kind.name()).collect();
        assert_eq!(json_kinds, kinds, "{name}");
        seen.extend(kinds.into_iter().map(str::to_string));
    }
    let every_kind = [
        "abstract-changed",
        "base-type-changed",
        "deprecated-path-added",
        "deprecated-path-removed",
        "deprecation-changed",
        "enum-value-added",
        "enum-value-removed",
        "enum-value-renamed",
        "http-method-changed",
        "nullable-changed",
        "open-type-changed",
        "operation-added",
        "operation-removed",
        "operation-renamed",
        "path-changed",
        "property-added",
        "property-moved-to-base",
        "property-removed",
        "property-renamed",
        "property-retyped",
        "read-only-changed",
        "request-body-added",
        "request-body-removed",
        "request-body-retyped",
        "required-changed",
        "response-changed",
        "status-changed",
        "type-added",
        "type-kind-changed",
        "type-removed",
    ];
    let expected: BTreeSet<String> = every_kind.iter().map(|k| k.to_string()).collect();
    assert_eq!(seen, expected);
}

#[test]
fn the_issue_examples_are_judged_as_documented() {
    let (_, old, new) = fixture_pairs()
        .into_iter()
        .find(|(n, ..)| n == "renames")
        .unwrap();
    let changelog = diff::compare(&old, &new);
    let text = diff::render_text(&changelog);
    for expected in [
        "breaking    property renamed: resource -> resourceUrl (high confidence",
        "breaking    property renamed: subCode -> subcode, retyped String -> Int32 (high confidence",
        "breaking    property renamed: status -> recordingStatus, retyped inline enum recordingInfoStatus -> inline enum recordingInfoRecordingStatus (medium confidence",
        "breaking    property retyped: code: String -> Int32",
        "compatible  property added: initiator: String",
        "breaking    property removed: allowConversationWithoutHost: Boolean",
        "compatible  property added: organizer: String",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in\n{text}");
    }
}

#[test]
fn typed_to_untyped_is_breaking_and_a_grown_union_is_not() {
    let semver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/semver");
    for (pair, expected) in [
        (
            "property-untyped",
            "breaking    property retyped: code: String -> any JSON\n",
        ),
        (
            "union-untyped",
            "breaking    property retyped: resource: commsOperation or resultInfo -> commsOperation or resultInfo or String\n",
        ),
        (
            "union-member-added",
            "compatible  property retyped: resource: commsOperation or resultInfo -> commsOperation or resultInfo or note (same generated type)\n",
        ),
    ] {
        let old = load(&semver.join(pair).join("old.json"));
        let new = load(&semver.join(pair).join("new.json"));
        let changelog = diff::compare(&old, &new);
        let text = diff::render_text(&changelog);
        assert!(
            text.contains(expected),
            "{pair}: missing `{expected}` in\n{text}"
        );
        assert!(
            changelog.warnings.is_empty(),
            "{pair}: {:?}",
            changelog.warnings
        );
    }
}
