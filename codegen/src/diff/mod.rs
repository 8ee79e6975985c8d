//! Schema changelog: what changed between two OpenAPI documents written by
//! the extractor, and whether each change breaks users of the generated
//! crate.
//!
//! [`compare`] reads both documents through [`schema::SchemaView`] (the
//! conventions of ARCHITECTURE.md), matches types by name, properties by
//! name (then moves to a base, then evident renames, see [`rename`]),
//! enumeration values by value and operations by `operationId` (then
//! evident renames by page or path), and returns a [`Changelog`] grouped by
//! type and by operation, sorted. [`render_text`] and [`render_json`] print
//! it. Descriptions, examples, callbacks, summaries and the key property
//! are not compared: they change the documentation, not the crate's API.
//!
//! # What "breaking" means
//!
//! A change is breaking when code written against the crate generated from
//! the old document may stop compiling, or when a payload the old crate
//! read or wrote no longer fits the same field. The judgement assumes what
//! the generator guarantees: every property is an optional field that keeps
//! absent and `null` apart, structs are built through constructors or
//! `Default` (so a new field does not break construction), unknown fields
//! are kept, enumerations have a catch-all variant that round-trips unknown
//! values, and a request function takes its body as one value.
//!
//! Not breaking:
//! - a type, an operation, an optional property, an enumeration value
//!   (older code already receives it through the catch-all variant; code
//!   that matched it there will see the named variant instead);
//! - `readOnly` or nullability changes (the field's Rust type stays; they
//!   change the contract, so they are listed);
//! - a property moved to a base type (the generated struct still has it);
//! - an inline enumeration that became the declared enumeration of the same
//!   name (same generated type; value changes are listed separately);
//! - a union of object types (or collections of them) that gained members
//!   and kept all the old ones (its enum is `#[non_exhaustive]`);
//! - the open-type flag, the abstract flag (either way: the generated type
//!   keeps its fields and constructors; only its documentation changes);
//! - a request-body parameter added as required, or an optional one
//!   becoming required: the generated body type keeps every parameter an
//!   optional field, so old code still compiles and builds the same
//!   request (the service may now refuse it: a contract change, listed);
//! - an operation's HTTP method, path (same number of parameters),
//!   deprecated paths, deprecation flag or success status: the request
//!   function keeps its name and signature.
//!
//! Breaking:
//! - a removed type, property, enumeration value or operation;
//! - an enumeration value spelled differently (even only in case: the
//!   Rust variant stays, the wire value changes);
//! - a rename of a property or an operation (the Rust name changes, and
//!   the wire name with it), even when the detection is only probable;
//! - a retype (`String` -> `Int32`, `String` -> `enum callDirection`,
//!   `participantInfo` -> `invitationParticipantInfo`), including a typed
//!   property becoming any JSON (`{}`, or a union the generator cannot type,
//!   such as one with a primitive member), a type turning from
//!   object to enumeration or back, a changed base type (family membership
//!   and inherited fields change);
//! - a request body added, removed or retyped; a success
//!   response type that changed, appeared or went away; a path whose
//!   number of parameters changed.
//!
//! This module knows nothing of markdown, of the generator's code or of the
//! command line.

pub mod change;
mod operations;
mod properties;
pub mod rename;
mod render;
pub mod schema;
mod types;

pub use change::{
    Change, ChangeKind, Changelog, Confidence, OperationChanges, Rename, Summary, TypeChanges,
};
pub use render::{render_json, render_markdown, render_text};

use schema::SchemaView;
use serde_json::Value;

/// The two documents being compared.
pub struct Sides<'a> {
    /// The old document.
    pub old: &'a SchemaView,
    /// The new document.
    pub new: &'a SchemaView,
}

/// Compares two OpenAPI documents. Parts that are not understood are
/// listed in [`Changelog::warnings`] and compared as opaque schemas.
pub fn compare(old: &Value, new: &Value) -> Changelog {
    let old = SchemaView::read(old);
    let new = SchemaView::read(new);
    compare_views(&old, &new)
}

/// Compares two documents already read.
pub fn compare_views(old: &SchemaView, new: &SchemaView) -> Changelog {
    let sides = Sides { old, new };
    let mut replacements = properties::Replacements::default();
    let operations = operations::compare_operations(&sides, &mut replacements);
    let types = types::compare_types(&sides, &mut replacements);
    let all_changes = types
        .iter()
        .flat_map(|t| &t.changes)
        .chain(operations.iter().flat_map(|o| &o.changes));
    let summary = Summary::of(all_changes);
    let warnings = [("old", old), ("new", new)]
        .iter()
        .flat_map(|(side, view)| {
            view.problems
                .iter()
                .map(move |p| format!("{side}: {}: {}", display_pointer(&p.pointer), p.message))
        })
        .collect();
    Changelog {
        types,
        operations,
        summary,
        warnings,
    }
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}
