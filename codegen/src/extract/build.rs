//! Corpus -> [`Api`]: the passes that turn what the pages say into decided
//! types, enums and operations.
//!
//! 1. Register names; declare the bases the pages state.
//! 2. First pass (diagnostics discarded): every type with all its table and
//!    template properties, every operation; walk the examples and add the
//!    subtypes they show.
//! 3. Final pass: own properties only (inherited ones come through the
//!    base), operations, then mark properties nullable where an example
//!    gives them `null`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::Diagnostics;

use super::api::{Api, ObjectType, Operation};
use super::closure::Corpus;
use super::evidence::{add_example_evidence, mark_nulls};
use super::examples::ExampleDoc;
use super::inheritance::{Hierarchy, Strength};
use super::names::{Resolved, Resolver};
use super::navigate::Navigator;
use super::paths::{page_operations, slash_path};
use super::schema::{Context, Enums, decide_property};
use super::spelling::ObservedValues;
use super::template::odata_type_name;
use super::types::{BaseMetadata, TypeDoc};

/// Builds the API and the hierarchy it uses.
pub fn build(corpus: &Corpus, diags: &mut Diagnostics) -> (Api, Hierarchy) {
    let docs = unique_types(corpus, diags);
    let resolver = resolver(&docs, corpus);
    let mut hierarchy = declared_hierarchy(&docs, &resolver, diags);

    let mut scratch = Diagnostics::new();
    let mut scratch_enums = Enums::new(corpus.enums.clone());
    let first = pass(
        corpus,
        &docs,
        &resolver,
        &hierarchy,
        false,
        &mut scratch_enums,
        &mut scratch,
    );
    add_example_evidence(corpus, &docs, &first, &resolver, &mut hierarchy, diags);

    let mut enums = Enums::new(corpus.enums.clone());
    let mut api = pass(
        corpus, &docs, &resolver, &hierarchy, true, &mut enums, diags,
    );
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
        resolver.add_enum(&documented.name);
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
                    super::schema::describe(&other)
                ),
            );
            None
        }
    }
}

/// Types and operations under the current hierarchy. With `own_only`,
/// properties an ancestor documents are left to the ancestor.
fn pass(
    corpus: &Corpus,
    docs: &BTreeMap<String, &TypeDoc>,
    resolver: &Resolver,
    hierarchy: &Hierarchy,
    own_only: bool,
    enums: &mut Enums,
    diags: &mut Diagnostics,
) -> Api {
    let mut types = BTreeMap::new();
    let mut examples_by_page: BTreeMap<&Path, Vec<&ExampleDoc>> = BTreeMap::new();
    for example in &corpus.resource_examples {
        examples_by_page
            .entry(example.page.as_path())
            .or_default()
            .push(example);
    }
    for doc in docs.values() {
        let page_examples = examples_by_page
            .get(doc.page.as_path())
            .map_or(&[][..], Vec::as_slice);
        let inherited = if own_only {
            inherited_names(doc, docs, hierarchy, diags)
        } else {
            BTreeSet::new()
        };
        let has_template = doc.properties.iter().any(|p| p.template.is_some());
        let observed = ObservedValues::of(
            page_examples
                .iter()
                .copied()
                .filter(|e| shows_type(e, &doc.name)),
        );
        let mut ctx = Context {
            resolver,
            hierarchy,
            enums,
            diags,
        };
        let properties = doc
            .properties
            .iter()
            .filter(|p| !inherited.contains(&p.name))
            .map(|p| {
                let seen = observed.for_key(&p.name);
                decide_property(&doc.name, &doc.page, p, has_template, seen, &mut ctx)
            })
            .collect();
        types.insert(
            doc.name.clone(),
            object_type(doc, properties, hierarchy, page_examples),
        );
    }
    let mut operations = Vec::new();
    {
        let nav = Navigator {
            resolver,
            hierarchy,
            types: &types,
        };
        let mut ctx = Context {
            resolver,
            hierarchy,
            enums,
            diags,
        };
        for method in &corpus.methods {
            operations.extend(page_operations(method, &nav, &mut ctx));
        }
    }
    let operations = unique_operations(operations, diags);
    Api {
        types,
        enums: BTreeMap::new(),
        operations,
    }
}

/// Whether a resource-page example shows a value of the type `name`
/// (no `@odata.type` naming another type in its metadata or body).
fn shows_type(example: &ExampleDoc, name: &str) -> bool {
    let body_type = example
        .value
        .get("@odata.type")
        .and_then(|v| v.as_str())
        .map(odata_type_name);
    [example.odata_type.as_deref(), body_type]
        .into_iter()
        .flatten()
        .all(|t| t.eq_ignore_ascii_case(name))
}

/// Names of a type's properties that an ancestor documents; a re-listed
/// property whose type text differs from the ancestor's is reported.
fn inherited_names(
    doc: &TypeDoc,
    docs: &BTreeMap<String, &TypeDoc>,
    hierarchy: &Hierarchy,
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for ancestor in hierarchy.self_and_ancestors(&doc.name).iter().skip(1) {
        let Some(ancestor_doc) = docs.get(ancestor) else {
            continue;
        };
        for property in &ancestor_doc.properties {
            let Some(own) = doc.properties.iter().find(|p| p.name == property.name) else {
                continue;
            };
            let own_text = own.row.as_ref().map(|r| r.type_text.to_ascii_lowercase());
            let base_text = property
                .row
                .as_ref()
                .map(|r| r.type_text.to_ascii_lowercase());
            if own_text.is_some() && base_text.is_some() && own_text != base_text {
                diags.warn(
                    &doc.page,
                    own.line(),
                    "inherited-property-differs",
                    format!(
                        "{}.{} re-documents a property of {ancestor} with another type; {ancestor}'s is used",
                        doc.name, property.name
                    ),
                );
            }
            names.insert(property.name.clone());
        }
    }
    names
}

fn object_type(
    doc: &TypeDoc,
    properties: Vec<super::api::Property>,
    hierarchy: &Hierarchy,
    page_examples: &[&ExampleDoc],
) -> ObjectType {
    ObjectType {
        name: doc.name.clone(),
        description: doc.description.clone(),
        page: slash_path(&doc.page),
        base: hierarchy.base_of(&doc.name).map(str::to_string),
        properties,
        is_abstract: doc.is_abstract,
        open_type: doc.open_type,
        key: doc.key.clone(),
        examples: page_examples.iter().map(|e| (*e).clone()).collect(),
    }
}

/// Sorts operations by path and method; reports and drops a second
/// operation on the same path and method; makes operation ids unique.
fn unique_operations(mut operations: Vec<Operation>, diags: &mut Diagnostics) -> Vec<Operation> {
    operations.sort_by(|a, b| (&a.path, &a.method, &a.page).cmp(&(&b.path, &b.method, &b.page)));
    let mut kept: Vec<Operation> = Vec::new();
    let mut first_page: BTreeMap<(String, String), String> = BTreeMap::new();
    for operation in operations {
        let key = (operation.path.clone(), operation.method.clone());
        if let Some(first) = first_page.get(&key) {
            diags.warn(
                Path::new(&operation.page),
                operation.line,
                "duplicate-operation",
                format!(
                    "{} {} is also documented by {first}; that page is used",
                    operation.method.to_uppercase(),
                    operation.path,
                ),
            );
            continue;
        }
        first_page.insert(key, operation.page.clone());
        kept.push(operation);
    }
    let mut used = BTreeSet::new();
    for operation in &mut kept {
        let base = operation.operation_id.clone();
        let mut n = 2;
        while !used.insert(operation.operation_id.clone()) {
            operation.operation_id = format!("{base}{n}");
            n += 1;
        }
        if operation.operation_id != base {
            diags.warn(
                Path::new(&operation.page),
                operation.line,
                "duplicate-operation-id",
                format!(
                    "operation id {base} is taken; {} is used",
                    operation.operation_id
                ),
            );
        }
    }
    kept
}
