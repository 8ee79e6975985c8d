//! `callgen diff`'s verdicts held to a real semver tool: for every schema
//! pair under `tests/fixtures/semver/` (one per change kind) and for the real
//! pair en-2019-09 -> en-2021-07 (extracted from the corpora), both crates are
//! generated into a scratch folder under `target/`, `cargo semver-checks`
//! compares them, and the test asserts that `diff` calls the pair breaking
//! exactly when the tool says it needs a new major version.
//!
//! cargo-semver-checks compares items, not types: no check of it sees a
//! field, a parameter or an associated type change its type, nor a value
//! change its wire spelling. A pair whose break is of that sort carries a
//! `witness.rs`: tests written against the old crate (named `api`), which
//! must pass against the old crate; the pair then counts as breaking when
//! they no longer build or pass against the new one.
//!
//! Without `cargo-semver-checks` installed the test says so and passes,
//! unless `CALLGEN_REQUIRE_SEMVER_CHECKS=1`. Without the corpora the real
//! pair is left out, unless `CALLGEN_REQUIRE_CORPUS=1`.

mod extract_support;
mod scratch_workspace;

use callgen::diff::{self, Changelog};
use callgen::emit::EmitConfig;
use callgen::generate::default_emit_config;
use extract_support::{corpus_root, extract_docs, workspace_root};
use scratch_workspace::{write_crate, write_workspace_manifest};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

/// The version both sides of every pair carry: the tool then judges the
/// change against a minor release (`--release-type minor`), so it fails
/// exactly the checks that need a new major version.
const VERSION: &str = "1.0.0";

/// One schema pair and what is known of it.
struct Pair {
    /// The change kind (the fixture folder) or the corpus pair's name.
    kind: String,
    old: Value,
    new: Value,
    /// Tests written against the old crate, if the pair has them.
    witness: Option<String>,
}

/// The tool's judgement of one pair.
#[derive(Debug, Default)]
struct ToolVerdict {
    /// The tool says a new major version is needed.
    major: bool,
    /// The names of the failed checks.
    lints: Vec<String>,
}

/// Whether `cargo semver-checks` runs; a note (or a failure when required) otherwise.
fn semver_checks_available() -> bool {
    let version = Command::new(env!("CARGO"))
        .args(["semver-checks", "--version"])
        .output();
    if version.is_ok_and(|o| o.status.success()) {
        return true;
    }
    let required = std::env::var("CALLGEN_REQUIRE_SEMVER_CHECKS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "cargo-semver-checks required but not installed (cargo install --locked cargo-semver-checks)"
    );
    eprintln!("skipping: cargo-semver-checks is not installed");
    false
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fixture_pairs() -> Vec<Pair> {
    let root = workspace_root().join("codegen/tests/fixtures/semver");
    let mut pairs: Vec<Pair> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|dir| Pair {
            kind: dir.file_name().unwrap().to_string_lossy().into_owned(),
            old: load(&dir.join("old.json")),
            new: load(&dir.join("new.json")),
            witness: std::fs::read_to_string(dir.join("witness.rs")).ok(),
        })
        .collect();
    pairs.sort_by(|a, b| a.kind.cmp(&b.kind));
    pairs
}

fn corpus_pair() -> Option<Pair> {
    let root = corpus_root()?;
    Some(Pair {
        kind: "en-2019-09-to-en-2021-07".to_owned(),
        old: extract_docs(&root.join("en-2019-09"), &[]).0.document,
        new: extract_docs(&root.join("en-2021-07"), &[]).0.document,
        witness: None,
    })
}

fn crate_name(kind: &str) -> String {
    format!("semver-{kind}")
}

/// Writes the crate generated from `document` into `dir`.
fn write_pair_crate(dir: &Path, document: &Value, name: &str) {
    let config = EmitConfig {
        crate_name: name.to_owned(),
        readme_example: None,
        ..default_emit_config()
    };
    write_crate(dir, document, &config);
}

fn witness_name(kind: &str) -> String {
    format!("witness-{kind}")
}

/// Writes a pair's witness crate, depending on the pair's crate as `api`.
fn write_witness(dir: &Path, kind: &str, witness: &str) {
    let manifest = format!(
        "[package]\nname = \"{}\"\nedition.workspace = true\nversion.workspace = true\npublish = false\n\n[lib]\npath = \"witness.rs\"\n\n[dependencies]\napi = {{ package = \"{}\", path = \"../{}\" }}\nserde_json.workspace = true\n",
        witness_name(kind),
        crate_name(kind),
        crate_name(kind)
    );
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("witness.rs"), witness).unwrap();
}

/// Writes one side's workspace: every pair's crate (and witness), depending
/// on the real runtime and client crates.
fn write_workspace(dir: &Path, pairs: &[Pair], side: fn(&Pair) -> &Value) {
    let mut members = Vec::new();
    for pair in pairs {
        let name = crate_name(&pair.kind);
        write_pair_crate(&dir.join(&name), side(pair), &name);
        members.push(name);
        if let Some(witness) = &pair.witness {
            let name = witness_name(&pair.kind);
            write_witness(&dir.join(&name), &pair.kind, witness);
            members.push(name);
        }
    }
    write_workspace_manifest(dir, &members, VERSION);
}

/// Runs the tool on one crate of the scratch workspaces.
fn run_semver_checks(scratch: &Path, name: &str) -> Output {
    Command::new(env!("CARGO"))
        .args(["semver-checks", "check-release", "--color", "never"])
        .args(["--only-explicit-features", "--release-type", "minor"])
        .arg("--manifest-path")
        .arg(scratch.join("new/Cargo.toml"))
        .arg("--baseline-root")
        .arg(scratch.join("old"))
        .args(["--package", name])
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .unwrap()
}

/// Reads the tool's verdict from its output; panics when the tool did not
/// get as far as a summary (a build failure is not a verdict).
fn tool_verdict(name: &str, output: &Output) -> ToolVerdict {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr
        .lines()
        .chain(stdout.lines())
        .find(|line| line.trim_start().starts_with("Summary "));
    let Some(summary) = summary else {
        panic!("{name}: cargo semver-checks gave no summary:\n{stdout}\n{stderr}");
    };
    let lints = stdout
        .lines()
        .chain(stderr.lines())
        .filter_map(|line| line.strip_prefix("--- failure "))
        .filter_map(|rest| rest.split(':').next())
        .map(str::to_owned)
        .collect();
    let major = summary.contains("requires new major version");
    assert_eq!(
        major,
        !output.status.success(),
        "{name}: exit status and summary disagree:\n{stdout}\n{stderr}"
    );
    ToolVerdict { major, lints }
}

/// Runs a pair's witness against one side: `true` when it builds and passes.
/// Each side builds in a target folder of its own: the two workspaces hold
/// packages of the same names at the same relative paths, which cargo would
/// take for the same build.
fn witness_passes(scratch: &Path, side: &str, kind: &str) -> bool {
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "-p", &witness_name(kind)])
        .current_dir(scratch.join(side))
        .env(
            "CARGO_TARGET_DIR",
            scratch.join("witness-target").join(side),
        )
        .output()
        .unwrap();
    if !output.status.success() && side == "old" {
        eprintln!(
            "{kind}: the witness fails against the old crate:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output.status.success()
}

/// The witness's verdict: `None` without a witness, else whether it broke.
fn witness_verdict(scratch: &Path, pair: &Pair) -> Option<bool> {
    pair.witness.as_ref()?;
    assert!(
        witness_passes(scratch, "old", &pair.kind),
        "{}: the witness must pass against the old crate",
        pair.kind
    );
    Some(!witness_passes(scratch, "new", &pair.kind))
}

fn all_changes(changelog: &Changelog) -> impl Iterator<Item = &diff::Change> {
    let types = changelog.types.iter().flat_map(|t| &t.changes);
    types.chain(changelog.operations.iter().flat_map(|o| &o.changes))
}

/// `diff`'s verdict on a pair: breaking when any change is, with the kinds
/// of the changes (breaking ones marked `!`).
fn diff_verdict(pair: &Pair) -> (bool, String) {
    let changelog = diff::compare(&pair.old, &pair.new);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for change in all_changes(&changelog) {
        let mark = if change.breaking { "!" } else { "" };
        *kinds
            .entry(format!("{}{mark}", change.kind.name()))
            .or_default() += 1;
    }
    let listed: Vec<String> = kinds
        .iter()
        .map(|(kind, n)| {
            if *n == 1 {
                kind.clone()
            } else {
                format!("{kind} x{n}")
            }
        })
        .collect();
    (changelog.summary.breaking > 0, listed.join(", "))
}

fn word(breaking: bool) -> &'static str {
    if breaking { "breaking" } else { "compatible" }
}

#[test]
fn diff_verdicts_agree_with_cargo_semver_checks() {
    if !semver_checks_available() {
        return;
    }
    let mut pairs = fixture_pairs();
    pairs.extend(corpus_pair());
    let scratch = workspace_root().join("target/callgen-semver-check");
    write_workspace(&scratch.join("old"), &pairs, |p| &p.old);
    write_workspace(&scratch.join("new"), &pairs, |p| &p.new);

    let mut table = vec![format!(
        "{:<28} {:<11} {:<14} {:<9} {:<6} {}",
        "change kind",
        "diff",
        "semver-checks",
        "witness",
        "agree",
        "diff changes / failed semver checks"
    )];
    println!("{}", table[0]);
    let mut disagreements = Vec::new();
    for pair in &pairs {
        let name = crate_name(&pair.kind);
        let tool = tool_verdict(&name, &run_semver_checks(&scratch, &name));
        let witness = witness_verdict(&scratch, pair);
        let (breaking, changes) = diff_verdict(pair);
        let agree = breaking == (tool.major || witness == Some(true));
        table.push(format!(
            "{:<28} {:<11} {:<14} {:<9} {:<6} {changes} / {}",
            pair.kind,
            word(breaking),
            if tool.major { "major" } else { "minor" },
            match witness {
                None => "-",
                Some(true) => "broken",
                Some(false) => "builds",
            },
            if agree { "yes" } else { "NO" },
            tool.lints.join(", ")
        ));
        println!("{}", table[table.len() - 1]);
        if !agree {
            disagreements.push(pair.kind.clone());
        }
    }
    let table = table.join("\n");
    assert!(
        disagreements.is_empty(),
        "diff and cargo-semver-checks disagree on {disagreements:?}:\n{table}"
    );
}
