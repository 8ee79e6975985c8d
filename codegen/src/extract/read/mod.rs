//! Read: one page -> what it says, with the line it says it at.
//!
//! Takes the page model of [`crate::docs`] and hands on page facts:
//! [`type_doc::TypeDoc`] for a resource page, [`operations::MethodDoc`] for a
//! method page, [`enums::EnumDoc`]s for enums.md and [`examples::ExampleDoc`]
//! for every JSON payload shown. Nothing here looks at another page: what
//! a name stands for and which table wins are decided later
//! ([`crate::extract::decide`]). [`analysis`] runs the readers over many
//! pages at once, ahead of need.

pub(crate) mod align;
pub(crate) mod analysis;
pub(crate) mod enums;
pub(crate) mod examples;
mod name_evidence;
pub(crate) mod operations;
pub(crate) mod relations;
pub(crate) mod template;
pub(crate) mod type_doc;
pub(crate) mod type_expr;
pub(crate) mod types;
pub(crate) mod walk;
