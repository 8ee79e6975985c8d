//! Support types for the generated Graph calls crate.
