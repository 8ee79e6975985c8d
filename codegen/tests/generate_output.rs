//! The generator's output: deterministic, every file `@generated` and valid
//! Rust, written atomically, and schema problems reported with their JSON
//! pointers.

use callgen::generate::{
    GenerateConfig, GenerateError, default_emit_config, generate, generate_files,
};
use serde_json::json;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(name)
}

fn load(name: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

#[test]
fn same_schema_gives_byte_identical_files() {
    for name in ["calls-small.json", "hostile-names.json"] {
        let document = load(name);
        let first = generate_files(&document).unwrap();
        let second = generate_files(&document).unwrap();
        assert_eq!(first.files, second.files, "{name}");
    }
}

#[test]
fn every_file_is_generated_and_every_rust_file_parses() {
    let generated = generate_files(&load("calls-small.json")).unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    for file in &generated.files {
        let first_line = file.contents.lines().next().unwrap_or_default();
        assert!(
            first_line.contains("@generated"),
            "{}: {first_line}",
            file.path.display()
        );
        assert!(
            first_line.contains("cargo run --release"),
            "{}",
            file.path.display()
        );
        if file.path.extension().is_some_and(|e| e == "rs") {
            syn::parse_file(&file.contents)
                .unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
        }
    }
    let paths: Vec<String> = generated
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert!(paths.contains(&"src/models/media_config.rs".to_owned()));
    assert!(paths.contains(&"src/operations/call_mute.rs".to_owned()));
    assert_eq!(generated.stats.families, 3);
    assert_eq!(generated.stats.operations, 3);
    assert_eq!(generated.stats.files, generated.files.len());
}

#[test]
fn readme_shows_the_create_call_example_as_builder_code() {
    let generated = generate_files(&load("calls-small.json")).unwrap();
    let readme = generated
        .files
        .iter()
        .find(|f| f.path == Path::new("README.md"))
        .unwrap();
    assert!(
        readme
            .contents
            .contains(".with_media_config(ServiceHostedMediaConfig::new())"),
        "{}",
        readme.contents
    );
    assert!(
        readme
            .contents
            .contains("assert_eq!(serde_json::to_value(&request).unwrap(), documented);")
    );
}

#[test]
fn generate_writes_the_crate_and_keeps_it_on_error() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("crate");
    let config = GenerateConfig {
        schema: fixture("calls-small.json"),
        out: out.clone(),
        emit: default_emit_config(),
        deny_warnings: false,
    };
    let report = generate(&config).unwrap();
    assert_eq!(report.stats.files, 34);
    let call = std::fs::read_to_string(out.join("src/models/call.rs")).unwrap();
    let bad_schema = root.path().join("bad.json");
    std::fs::write(&bad_schema, r##"{"components": {"schemas": {"microsoft.graph.x": {"type": "object", "properties": {"y": {"$ref": "#/components/schemas/microsoft.graph.missing"}}}}}}"##).unwrap();
    let error = generate(&GenerateConfig {
        schema: bad_schema,
        ..config
    })
    .unwrap_err();
    assert!(matches!(error, GenerateError::Schema(_)), "{error}");
    assert_eq!(
        std::fs::read_to_string(out.join("src/models/call.rs")).unwrap(),
        call
    );
}

#[test]
fn an_up_to_date_crate_is_not_rewritten_and_a_changed_one_is() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("crate");
    let config = GenerateConfig {
        schema: fixture("calls-small.json"),
        out: out.clone(),
        emit: default_emit_config(),
        deny_warnings: false,
    };
    assert!(!generate(&config).unwrap().unchanged);
    let lib = out.join("src/lib.rs");
    let written = std::fs::metadata(&lib).unwrap().modified().unwrap();
    assert!(generate(&config).unwrap().unchanged);
    assert_eq!(
        std::fs::metadata(&lib).unwrap().modified().unwrap(),
        written
    );
    std::fs::write(out.join("src/extra.rs"), "// not generated\n").unwrap();
    assert!(!generate(&config).unwrap().unchanged);
    assert!(!out.join("src/extra.rs").exists());
    std::fs::write(&lib, "// edited by hand\n").unwrap();
    assert!(!generate(&config).unwrap().unchanged);
    assert!(
        std::fs::read_to_string(&lib)
            .unwrap()
            .contains("@generated")
    );
}

#[test]
fn schema_problems_are_all_reported_with_pointers() {
    let document = json!({
        "paths": {
            "/a": {"get": {"summary": "no operation id"}},
            "/b": {"get": {"operationId": "b.get", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "tuple"}}}}}}}
        },
        "components": {"schemas": {
            "microsoft.graph.a": {"type": "object", "allOf": [{"$ref": "#/components/schemas/microsoft.graph.b"}]},
            "microsoft.graph.b": {"type": "object", "allOf": [{"$ref": "#/components/schemas/microsoft.graph.a"}]},
            "microsoft.graph.c": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/microsoft.graph.nowhere"}}},
            "microsoft.graph.e": {"type": "string", "enum": ["ok", 3]}
        }}
    });
    let error = generate_files(&document).unwrap_err().to_string();
    let expected = [
        "schema /components/schemas/microsoft.graph.a/allOf: inheritance loops through `microsoft.graph.a`",
        "schema /components/schemas/microsoft.graph.c/properties/x/$ref: reference to `microsoft.graph.nowhere`, which is not in components.schemas",
        "schema /components/schemas/microsoft.graph.e/enum/1: enum value 3 is not a string",
        "schema /paths/~1a/get: an operation must have an operationId",
        "schema /paths/~1b/get/responses/200/content/application~1json/schema: unknown type `tuple`",
    ];
    for line in expected {
        assert!(error.contains(line), "missing {line:?} in:\n{error}");
    }
}
