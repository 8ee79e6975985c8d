//! Decide: [`Corpus`] -> [`Api`], the passes that turn what the pages say
//! into decided types, enums and operations.
//!
//! Takes the closure's [`Corpus`]; hands on the [`Api`] (for
//! [`crate::extract::render`]) with the [`Hierarchy`] it was decided under.
//!
//! 1. Register names; declare the bases the pages state.
//! 2. Read the pages' [`Shapes`] (every type with all its table and template
//!    properties, every operation; typed as far as objects go, nothing
//!    reported), walk the examples over them and add the subtypes they show.
//!    The hierarchy is then complete.
//! 3. The one [`Pass`]: own properties only (inherited ones come through
//!    the base), operations, then mark properties nullable where an
//!    example gives them `null`.

mod attribution;
pub(crate) mod evidence;
pub(crate) mod inferred;
pub(crate) mod inheritance;
pub(crate) mod names;
pub(crate) mod navigate;
pub(crate) mod notification_data;
mod operation_types;
mod pass;
mod path_forms;
pub(crate) mod paths;
pub(crate) mod schema;
mod shapes;
mod spelling;
pub(crate) mod used_enums;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostics;

use crate::extract::closure::Corpus;
use crate::extract::decide::evidence::{add_example_evidence, mark_nulls};
use crate::extract::decide::inheritance::{Hierarchy, Strength};
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::decide::pass::Pass;
use crate::extract::decide::shapes::Shapes;
use crate::extract::decide::used_enums::Enums;
use crate::extract::read::type_doc::{BaseMetadata, TypeDoc};
use crate::extract::render::api::Api;

/// Builds the API and the hierarchy it uses.
pub(crate) fn build(corpus: &Corpus, diags: &mut Diagnostics) -> (Api, Hierarchy) {
    let docs = unique_types(corpus, diags);
    let resolver = resolver(&docs, corpus);
    let mut hierarchy = declared_hierarchy(&docs, &resolver, diags);

    let shapes = Shapes::of(corpus, &docs, &resolver, &hierarchy);
    add_example_evidence(corpus, &docs, &shapes, &resolver, &mut hierarchy, diags);
    drop(shapes);

    let mut enums = Enums::new(&corpus.enums);
    let mut api = Pass {
        corpus,
        docs: &docs,
        resolver: &resolver,
        hierarchy: &hierarchy,
    }
    .run(&mut enums, diags);
    mark_nulls(&mut api, corpus, &resolver, &hierarchy);
    report_replaced_enums(&enums, corpus, diags);
    api.enums = enums.used;
    (api, hierarchy)
}

/// An enum in use that enums.md documents more than once.
fn report_replaced_enums(enums: &Enums, corpus: &Corpus, diags: &mut Diagnostics) {
    for name in enums.used.keys() {
        let Some(doc) = corpus.enums.get(&name.to_ascii_lowercase()) else {
            continue;
        };
        for earlier in &doc.replaces {
            diags.warn(
                &doc.page,
                doc.line,
                "duplicate-enum",
                format!("enum `{}` is documented again (first at line {earlier}); this later section is used", doc.name),
            );
        }
    }
}

/// One type per name; a second page documenting the same name is reported.
fn unique_types<'a>(corpus: &'a Corpus, diags: &mut Diagnostics) -> BTreeMap<String, &'a TypeDoc> {
    let mut docs: BTreeMap<String, &TypeDoc> = BTreeMap::new();
    for doc in &corpus.types {
        match docs.get(&doc.name) {
            Some(first) => diags.warn(
                &doc.page,
                doc.line,
                "duplicate-type",
                format!(
                    "type {} is also documented by {}; that page is used",
                    doc.name,
                    first.page.display()
                ),
            ),
            None => {
                docs.insert(doc.name.clone(), doc);
            }
        }
    }
    docs
}

fn resolver(docs: &BTreeMap<String, &TypeDoc>, corpus: &Corpus) -> Resolver {
    let mut resolver = Resolver::default();
    for doc in docs.values() {
        let stem = doc
            .page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        resolver.add_type(&doc.name, &stem);
    }
    for documented in corpus.enums.values() {
        if documented.named_by_anchor {
            resolver.add_enum_spelled_by_use(&documented.name);
        } else {
            resolver.add_enum(&documented.name);
        }
    }
    resolver
}

/// Bases stated by metadata, "Derived types" tables and "Inherits from"
/// prose (metadata first: it is the strongest).
fn declared_hierarchy(
    docs: &BTreeMap<String, &TypeDoc>,
    resolver: &Resolver,
    diags: &mut Diagnostics,
) -> Hierarchy {
    let mut hierarchy = Hierarchy::default();
    for doc in docs.values() {
        if doc.base_metadata == BaseMetadata::Null {
            hierarchy.mark_rootless(&doc.name);
        }
    }
    for doc in docs.values() {
        if let BaseMetadata::Named(base, line) = &doc.base_metadata {
            if let Some(base) = object(
                resolver.resolve_name(base, None, &doc.page, *line, diags),
                &doc.page,
                *line,
                diags,
            ) {
                hierarchy.declare(
                    &doc.name,
                    &base,
                    Strength::Metadata,
                    (&doc.page, *line),
                    diags,
                );
            }
        }
    }
    for doc in docs.values() {
        if let Some((expr, line)) = &doc.inherits_from {
            if let Some(base) = object(
                resolver.resolve(expr, &doc.page, *line, diags),
                &doc.page,
                *line,
                diags,
            ) {
                hierarchy.declare(&doc.name, &base, Strength::Prose, (&doc.page, *line), diags);
            }
        }
        for (expr, line) in &doc.derived {
            if let Some(derived) = object(
                resolver.resolve(expr, &doc.page, *line, diags),
                &doc.page,
                *line,
                diags,
            ) {
                hierarchy.declare(
                    &derived,
                    &doc.name,
                    Strength::Prose,
                    (&doc.page, *line),
                    diags,
                );
            }
        }
    }
    hierarchy
}

fn object(resolved: Resolved, file: &Path, line: usize, diags: &mut Diagnostics) -> Option<String> {
    match resolved {
        Resolved::Object(name) => Some(name),
        other => {
            diags.warn(
                file,
                line,
                "unresolved-base",
                format!(
                    "the base or derived type `{}` is not a documented type of the closure",
                    crate::extract::decide::schema::describe(&other)
                ),
            );
            None
        }
    }
}
