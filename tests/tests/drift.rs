//! `generated/` is exactly what the committed schema generates: the test
//! regenerates in memory and compares every file, naming the command that
//! brings the crate up to date. With `CALLGEN_UPDATE_GENERATED=1` it rewrites
//! `generated/` instead (never set on CI).

use callgen::file_tree::{compare_trees, read_tree};
use callgen::generate::{DEFAULT_COMMAND, DEFAULT_OUT, generate_files};
use callgen_conformance::{committed_schema, workspace_root};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[test]
fn generated_crate_matches_the_committed_schema() {
    let generated = generate_files(&committed_schema()).unwrap();
    let out = workspace_root().join(DEFAULT_OUT);
    let expected: BTreeMap<PathBuf, String> = generated
        .files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let actual = read_tree(&out).unwrap();
    if actual == expected {
        return;
    }
    if std::env::var("CALLGEN_UPDATE_GENERATED").as_deref() == Ok("1") {
        let files: Vec<(PathBuf, Vec<u8>)> = expected
            .into_iter()
            .map(|(path, text)| (path, text.into_bytes()))
            .collect();
        callgen::write::write_dir_atomically(&out, &files).unwrap();
        return;
    }
    let differences: Vec<String> = compare_trees(&out, &actual, &expected)
        .iter()
        .map(|d| format!("{}: {}", d.kind.label(), d.path.display()))
        .collect();
    panic!(
        "generated/ is out of date with the committed schema; run `{DEFAULT_COMMAND}` in the workspace root\n{}",
        differences.join("\n")
    );
}
