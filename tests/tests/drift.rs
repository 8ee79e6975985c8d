//! `generated/` is exactly what the committed schema generates: the test
//! regenerates in memory and compares every file, naming the command that
//! brings the crate up to date. With `CALLGEN_UPDATE_GENERATED=1` it rewrites
//! `generated/` instead (never set on CI).

use callgen::generate::{DEFAULT_COMMAND, DEFAULT_OUT, generate_files};
use callgen_conformance::{committed_schema, workspace_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files_on_disk(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(relative, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    out
}

#[test]
fn generated_crate_matches_the_committed_schema() {
    let generated = generate_files(&committed_schema()).unwrap();
    let out = workspace_root().join(DEFAULT_OUT);
    let expected: BTreeMap<PathBuf, String> = generated
        .files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let actual = files_on_disk(&out);
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
    let mut differences = Vec::new();
    for (path, text) in &expected {
        match actual.get(path) {
            None => differences.push(format!("missing: {}", path.display())),
            Some(on_disk) if on_disk != text => {
                differences.push(format!("differs: {}", path.display()))
            }
            Some(_) => {}
        }
    }
    for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
        differences.push(format!("not generated: {}", path.display()));
    }
    panic!(
        "generated/ is out of date with the committed schema; run `{DEFAULT_COMMAND}` in the workspace root\n{}",
        differences.join("\n")
    );
}
