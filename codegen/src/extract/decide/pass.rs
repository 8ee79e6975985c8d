//! One pass over the corpus under a given hierarchy: every type's
//! properties decided, then every method page's operations.
//!
//! Types are decided in parallel, then method pages in parallel (rayon),
//! each with its own diagnostics and a deferring enum table; both are
//! merged in document order ([`Enums::absorb`]), so the result and the
//! diagnostics are those of deciding one after the other. This module
//! does not decide a property ([`crate::extract::decide::schema`]) or an operation
//! ([`crate::extract::decide::paths`]); it only runs them over the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diag::Diagnostics;

use crate::extract::closure::Corpus;
use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::Resolver;
use crate::extract::decide::navigate::Navigator;
use crate::extract::decide::paths::{page_operations, slash_path};
use crate::extract::decide::schema::{Context, decide_property};
use crate::extract::decide::spelling::ObservedValues;
use crate::extract::decide::used_enums::Enums;
use crate::extract::read::examples::ExampleDoc;
use crate::extract::read::template::odata_type_name;
use crate::extract::read::type_doc::TypeDoc;
use crate::extract::render::api::{Api, ObjectType, Operation};

/// What one pass reads.
pub(crate) struct Pass<'a> {
    pub(crate) corpus: &'a Corpus,
    /// The types, one per name.
    pub(crate) docs: &'a BTreeMap<String, &'a TypeDoc>,
    pub(crate) resolver: &'a Resolver,
    pub(crate) hierarchy: &'a Hierarchy,
}

/// What deciding one type or one page produced, before the merge.
struct Decided<'d, T> {
    value: T,
    enums: Enums<'d>,
    diags: Diagnostics,
}

impl Pass<'_> {
    /// Types and operations under the pass's hierarchy.
    pub(crate) fn run(&self, enums: &mut Enums<'_>, diags: &mut Diagnostics) -> Api {
        let types = self.types(enums, diags);
        let operations = self.operations(&types, enums, diags);
        Api {
            types,
            enums: BTreeMap::new(),
            operations: unique_operations(operations, diags),
        }
    }

    fn types(
        &self,
        enums: &mut Enums<'_>,
        diags: &mut Diagnostics,
    ) -> BTreeMap<String, ObjectType> {
        let mut examples_by_page: BTreeMap<&Path, Vec<&ExampleDoc>> = BTreeMap::new();
        for example in &self.corpus.resource_examples {
            examples_by_page
                .entry(example.page.as_path())
                .or_default()
                .push(example);
        }
        let docs: Vec<&TypeDoc> = self.docs.values().copied().collect();
        let decided: Vec<Decided<'_, ObjectType>> = docs
            .par_iter()
            .map(|doc| {
                let page_examples = examples_by_page
                    .get(doc.page.as_path())
                    .map_or(&[][..], Vec::as_slice);
                self.decide_type(doc, page_examples)
            })
            .collect();
        let mut types = BTreeMap::new();
        for one in decided {
            diags.extend(one.diags);
            enums.absorb(one.enums, diags);
            types.insert(one.value.name.clone(), one.value);
        }
        types
    }

    fn decide_type(&self, doc: &TypeDoc, page_examples: &[&ExampleDoc]) -> Decided<'_, ObjectType> {
        let mut enums = Enums::deferring(&self.corpus.enums);
        let mut diags = Diagnostics::new();
        let inherited = inherited_names(doc, self.docs, self.hierarchy, &mut diags);
        let has_template = doc.properties.iter().any(|p| p.template.is_some());
        let observed = ObservedValues::of(
            page_examples
                .iter()
                .copied()
                .filter(|e| shows_type(e, &doc.name)),
        );
        let mut ctx = Context {
            resolver: self.resolver,
            hierarchy: self.hierarchy,
            enums: &mut enums,
            diags: &mut diags,
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
        Decided {
            value: object_type(doc, properties, self.hierarchy, page_examples),
            enums,
            diags,
        }
    }

    fn operations(
        &self,
        types: &BTreeMap<String, ObjectType>,
        enums: &mut Enums<'_>,
        diags: &mut Diagnostics,
    ) -> Vec<Operation> {
        let nav = Navigator {
            resolver: self.resolver,
            hierarchy: self.hierarchy,
            types,
        };
        let decided: Vec<Decided<'_, Vec<Operation>>> = self
            .corpus
            .methods
            .par_iter()
            .map(|method| {
                let mut enums = Enums::deferring(&self.corpus.enums);
                let mut diags = Diagnostics::new();
                let mut ctx = Context {
                    resolver: self.resolver,
                    hierarchy: self.hierarchy,
                    enums: &mut enums,
                    diags: &mut diags,
                };
                let value = page_operations(method, &nav, &mut ctx);
                Decided {
                    value,
                    enums,
                    diags,
                }
            })
            .collect();
        let mut operations = Vec::new();
        for one in decided {
            diags.extend(one.diags);
            enums.absorb(one.enums, diags);
            operations.extend(one.value);
        }
        operations
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

/// The object type of `doc` with `properties`, its base from `hierarchy`
/// and the examples of its page (none for a shape).
pub(super) fn object_type(
    doc: &TypeDoc,
    properties: Vec<crate::extract::render::api::Property>,
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
fn unique_operations(operations: Vec<Operation>, diags: &mut Diagnostics) -> Vec<Operation> {
    let (mut kept, dropped) = first_per_path_and_method(operations);
    for (operation, first) in dropped {
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

/// Operations sorted by path, method and page, the first per path and
/// method kept; the others are returned with the page of the first.
/// (Indices are sorted, not the operations: an operation is large.)
pub(crate) fn first_per_path_and_method(
    operations: Vec<Operation>,
) -> (Vec<Operation>, Vec<(Operation, String)>) {
    let mut order: Vec<usize> = (0..operations.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&operations[a], &operations[b]);
        (&a.path, &a.method, &a.page).cmp(&(&b.path, &b.method, &b.page))
    });
    let mut slots: Vec<Option<Operation>> = operations.into_iter().map(Some).collect();
    let mut kept: Vec<Operation> = Vec::new();
    let mut dropped = Vec::new();
    let mut first_page: BTreeMap<(String, String), String> = BTreeMap::new();
    for operation in order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
    {
        let key = (operation.path.clone(), operation.method.clone());
        match first_page.get(&key) {
            Some(first) => dropped.push((operation, first.clone())),
            None => {
                first_page.insert(key, operation.page.clone());
                kept.push(operation);
            }
        }
    }
    (kept, dropped)
}
