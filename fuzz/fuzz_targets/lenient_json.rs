//! The lenient JSON reader used for the docs' code blocks: any text gives a
//! value or an error, never a panic.

#![no_main]

use std::path::Path;

use callgen::diag::Diagnostics;
use callgen::docs::json::parse_lenient;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diags = Diagnostics::new();
    let _ = parse_lenient(text, Path::new("fuzzed.md"), 1, &mut diags);
});
