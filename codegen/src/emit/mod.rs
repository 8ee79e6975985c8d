//! Intermediate representation -> Rust source files.
