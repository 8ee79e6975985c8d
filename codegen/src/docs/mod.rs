//! Markdown documentation pages -> page model ([`model::Page`]).

pub mod model;
