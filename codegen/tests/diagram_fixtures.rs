//! `callgen diagram` on the schemas written for the diff tests: one Mermaid
//! snapshot per `tests/fixtures/diff/*/new.json`.

use callgen::diagram;
use serde_json::Value;
use std::path::Path;

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn diagram_of_each_fixture_schema() {
    insta::glob!("fixtures/diff/*/new.json", |path| {
        let document = load(path);
        let drawn = diagram::mermaid(&document);
        assert_eq!(drawn, diagram::mermaid(&document), "deterministic");
        insta::assert_snapshot!(drawn);
    });
}

#[test]
fn classes_inheritance_associations_and_enumerations_are_drawn() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/types/new.json");
    let drawn = diagram::mermaid(&load(&path));
    for expected in [
        "    class mediaConfig {\n        <<abstract>>\n        removeFromDefaultAudioGroup: Boolean\n    }\n",
        "    class modality {\n        <<enumeration>>\n        unknown\n",
        "    mediaConfig <|-- serviceHostedMediaConfig\n",
        "    serviceHostedMediaConfig --> mediaInfo : preFetchMedia[]\n",
        "    call_ --> chatInfo : chatInfo\n",
        "    class call_[\"call\"] {\n",
    ] {
        assert!(drawn.contains(expected), "missing `{expected}` in\n{drawn}");
    }
    assert!(!drawn.contains("--> modality"), "no arrows to enumerations");
}
