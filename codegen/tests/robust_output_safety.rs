//! Output safety through the public generate entry points: a generation
//! that fails before or while writing leaves the previous crate directory
//! exactly as it was (every file byte for byte, nothing added), and no
//! staging directory behind, when the failure is an error the generator
//! sees. A process killed while writing still leaves the previous crate
//! intact; only its staging directory stays behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use callgen::generate::{
    DEFAULT_SCHEMA, GenerateConfig, GenerateError, default_emit_config, generate,
};

fn committed_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(DEFAULT_SCHEMA)
}

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A scratch folder holding a crate generated from the committed schema
/// (`generated/`), and that crate's files.
fn previous_generation() -> (tempfile::TempDir, PathBuf, BTreeMap<PathBuf, Vec<u8>>) {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("generated");
    generate(&config(&committed_schema(), &out)).unwrap();
    let before = tree(&out);
    assert!(before.len() > 50, "{} files", before.len());
    (root, out, before)
}

fn config(schema: &Path, out: &Path) -> GenerateConfig {
    GenerateConfig {
        schema: schema.to_path_buf(),
        out: out.to_path_buf(),
        emit: default_emit_config(),
        deny_warnings: false,
    }
}

/// The committed schema with `defect` applied, written next to `out`.
fn defective_schema(root: &Path, defect: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read_to_string(committed_schema()).unwrap();
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    defect(&mut document);
    let path = root.join("defective.json");
    std::fs::write(&path, serde_json::to_string_pretty(&document).unwrap()).unwrap();
    path
}

#[test]
fn a_schema_error_found_late_leaves_the_previous_crate_untouched() {
    let (root, out, before) = previous_generation();
    // The last operation of the document (in key order) refers to nothing:
    // found only after every component converted cleanly.
    let schema = defective_schema(root.path(), |document| {
        let paths = document["paths"].as_object_mut().unwrap();
        let last = paths.values_mut().last().unwrap();
        let operation = last.as_object_mut().unwrap().values_mut().next().unwrap();
        operation["responses"] = serde_json::json!({"200": {"description": "OK",
            "content": {"application/json": {"schema":
                {"$ref": "#/components/schemas/microsoft.graph.noSuchType"}}}}});
    });
    let error = generate(&config(&schema, &out)).unwrap_err();
    assert!(matches!(error, GenerateError::Schema(_)), "{error}");
    assert!(error.to_string().contains("schema /paths/"), "{error}");
    assert_eq!(tree(&out), before);
    assert_eq!(entries(root.path()), ["defective.json", "generated"]);
}

#[test]
fn a_truncated_schema_leaves_the_previous_crate_untouched() {
    let (root, out, before) = previous_generation();
    let text = std::fs::read_to_string(committed_schema()).unwrap();
    let truncated = root.path().join("truncated.json");
    std::fs::write(&truncated, &text[..text.len() * 9 / 10]).unwrap();
    let error = generate(&config(&truncated, &out)).unwrap_err();
    assert!(matches!(error, GenerateError::Parse { .. }), "{error}");
    assert_eq!(tree(&out), before);
    assert_eq!(entries(root.path()), ["generated", "truncated.json"]);
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error_naming_it() {
    let root = tempfile::tempdir().unwrap();
    let blocker = root.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    let out = blocker.join("generated");
    let error = generate(&config(&committed_schema(), &out)).unwrap_err();
    assert!(matches!(error, GenerateError::Write(_)), "{error}");
    assert!(error.to_string().contains("not-a-folder"), "{error}");
    assert_eq!(entries(root.path()), ["not-a-folder"]);
}

/// Runs `callgen generate` with files limited to `limit_kib` KiB, so that
/// writing stops on the first bigger file, midway through the crate. With
/// `ignore_signal` the write fails with an error; without, the kernel ends
/// the process there (as an interrupt would).
#[cfg(unix)]
fn generate_with_file_size_limit(
    out: &Path,
    limit_kib: u32,
    ignore_signal: bool,
) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    Command::new("bash")
        .arg("-c")
        .arg(format!("{trap}ulimit -f {limit_kib}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_callgen"))
        .arg("generate")
        .arg("--schema")
        .arg(committed_schema())
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_write_failing_midway_leaves_the_previous_crate_untouched_and_no_staging() {
    let (root, out, before) = previous_generation();
    let biggest = before.values().map(Vec::len).max().unwrap();
    let limit_kib = 16;
    assert!(
        biggest > limit_kib * 1024,
        "no file is big enough to fail on"
    );
    let output = generate_with_file_size_limit(&out, limit_kib as u32, true);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(
        stderr.contains(".callgen-staging-"),
        "failed inside the staging folder: {stderr}"
    );
    assert_eq!(tree(&out), before);
    assert_eq!(entries(root.path()), ["generated"]);
}

#[cfg(unix)]
#[test]
fn a_process_killed_while_writing_leaves_the_previous_crate_untouched() {
    let (root, out, before) = previous_generation();
    use std::os::unix::process::ExitStatusExt;
    const SIGXFSZ: i32 = 25;
    let output = generate_with_file_size_limit(&out, 16, false);
    assert_eq!(output.status.signal(), Some(SIGXFSZ), "{:?}", output.status);
    assert_eq!(tree(&out), before);
    let leftovers: Vec<String> = entries(root.path())
        .into_iter()
        .filter(|name| name != "generated")
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert!(
        leftovers[0].starts_with(".callgen-staging-"),
        "{leftovers:?}"
    );
}
