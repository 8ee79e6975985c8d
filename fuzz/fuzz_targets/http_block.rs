//! The reader of `http` code blocks (request lines, status lines, headers,
//! bodies): any text gives a block, a warning or nothing, never a panic.

#![no_main]

use std::path::Path;

use callgen::diag::Diagnostics;
use callgen::docs::http::parse_http;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diags = Diagnostics::new();
    let _ = parse_http(text, Path::new("fuzzed.md"), 1, &mut diags);
});
