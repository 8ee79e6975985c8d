//! Generates the models from the workspace's committed schema into
//! `OUT_DIR/graph_calls.rs`, which `src/lib.rs` includes. A consumer outside
//! this workspace points `SCHEMA` at its own copy of the schema.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const SCHEMA: &str = "../../schema/graph-calls.beta.json";

fn main() -> ExitCode {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA);
    println!("cargo::rerun-if-changed={}", schema.display());
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set (this program is a cargo build script)");
        return ExitCode::FAILURE;
    };
    let out_file = PathBuf::from(out_dir).join("graph_calls.rs");
    match callgen::generate::generate_for_build_script(&schema, &out_file) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: generating {}: {error}", out_file.display());
            ExitCode::FAILURE
        }
    }
}
