//! What the examples say about the schema: subtypes (`@odata.type` where a
//! base is documented) and nullable properties (`null` values).
//!
//! Each example is walked along the type it is documented as: a request
//! body along the operation's body, a response along the response type, a
//! notification along its payload type, a resource example along its
//! page's type. Inside a notification, `resourceData` (not a documented
//! property: commsNotification is open) is walked along the type its
//! sibling `resourceUrl` (`resource` in older docs) points to. A response's
//! `Location` header points to the resource the body is.
//!
//! The walker returns observations; [`add_example_evidence`] walks the
//! pages' [`Shapes`] before the pass and hands the subtype observations to
//! [`crate::extract::decide::inheritance`] (which decides what they are
//! worth); [`mark_nulls`] walks the decided API after the pass and applies
//! the null ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Diagnostics, Location};

use crate::extract::closure::Corpus;
use crate::extract::decide::inheritance::{Hierarchy, Strength};
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::decide::navigate::Navigator;
use crate::extract::decide::shapes::Shapes;
use crate::extract::read::examples::{ExampleDoc, Role};
use crate::extract::read::template::odata_type_name;
use crate::extract::read::type_doc::TypeDoc;
use crate::extract::render::api::{Api, Body, ObjectType, Operation, Property};

/// Something an example shows about the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Observation {
    /// A value of type `actual` where `declared` is documented.
    Subtype {
        actual: String,
        declared: String,
        page: PathBuf,
        line: usize,
    },
    /// `owner.property` is `null` in an example.
    Null { owner: String, property: String },
    /// A request-body parameter is `null` in an example.
    NullParameter { operation: String, property: String },
}

/// Walks examples along their documented types.
pub(crate) struct Walker<'a> {
    pub(crate) nav: &'a Navigator<'a>,
}

impl Walker<'_> {
    /// Observations from every example of an operation.
    pub(crate) fn operation(&self, operation: &Operation, out: &mut Vec<Observation>) {
        for example in &operation.request_examples {
            match &operation.body {
                Some(Body::Type(ty)) => self.value(&example.value, ty, example, out),
                Some(Body::Parameters(parameters)) => {
                    self.parameters(operation, parameters, example, out);
                }
                None => {}
            }
        }
        for example in &operation.response.examples {
            if let Some(content) = &operation.response.content {
                self.value(&example.value, content.item(), example, out);
                if let (Value::Object(map), Resolved::Object(_)) = (&*example.value, content.item())
                {
                    if let Some(Value::Array(items)) = map.get("value") {
                        items
                            .iter()
                            .for_each(|i| self.value(i, content.item(), example, out));
                    }
                }
            }
            self.location(example, out);
        }
        if let Some(payload) = &operation.notification_type {
            for example in &operation.notifications {
                self.value(&example.value, payload, example, out);
            }
        }
    }

    /// Observations from every operation's examples, then from every
    /// resource example, in that order (walked in parallel).
    fn everything(
        &self,
        operations: &[Operation],
        corpus: &Corpus,
        page_types: &HashMap<&Path, &str>,
    ) -> Vec<Observation> {
        let from_operations: Vec<Vec<Observation>> = operations
            .par_iter()
            .map(|operation| {
                let mut out = Vec::new();
                self.operation(operation, &mut out);
                out
            })
            .collect();
        let from_resources: Vec<Vec<Observation>> = corpus
            .resource_examples
            .par_iter()
            .map(|example| {
                let mut out = Vec::new();
                let resolver = self.nav.resolver;
                if let Some(ty) = resource_example_type(example, page_types, resolver) {
                    self.resource_example(example, &ty, &mut out);
                }
                out
            })
            .collect();
        from_operations
            .into_iter()
            .chain(from_resources)
            .flatten()
            .collect()
    }

    /// Observations from a resource example documented as `ty`.
    pub(crate) fn resource_example(
        &self,
        example: &ExampleDoc,
        ty: &Resolved,
        out: &mut Vec<Observation>,
    ) {
        self.value(&example.value, ty, example, out);
    }

    /// A `Location` header names the resource the response body is.
    fn location(&self, example: &ExampleDoc, out: &mut Vec<Observation>) {
        let Some((url, line)) = &example.location else {
            return;
        };
        let Some(Resolved::Object(declared)) = self.nav.resolve_url(url) else {
            return;
        };
        if let Some(actual) = self.odata_type(&example.value) {
            if actual != declared {
                out.push(Observation::Subtype {
                    actual,
                    declared,
                    page: example.page.clone(),
                    line: *line,
                });
            }
        }
    }

    fn parameters(
        &self,
        operation: &Operation,
        parameters: &[Property],
        example: &ExampleDoc,
        out: &mut Vec<Observation>,
    ) {
        let Value::Object(map) = &*example.value else {
            return;
        };
        for (key, value) in map {
            let Some(parameter) = parameters.iter().find(|p| &p.name == key) else {
                continue;
            };
            if value.is_null() {
                out.push(Observation::NullParameter {
                    operation: operation.operation_id.clone(),
                    property: key.clone(),
                });
            } else {
                self.value(value, &parameter.ty, example, out);
            }
        }
    }

    /// Walks a value along a type.
    pub(crate) fn value(
        &self,
        value: &Value,
        declared: &Resolved,
        example: &ExampleDoc,
        out: &mut Vec<Observation>,
    ) {
        match (value, declared) {
            (Value::Array(items), Resolved::Collection(inner)) => {
                items
                    .iter()
                    .for_each(|i| self.value(i, inner, example, out));
            }
            (Value::Array(items), Resolved::Object(_)) => {
                items
                    .iter()
                    .for_each(|i| self.value(i, declared, example, out));
            }
            (Value::Object(map), Resolved::Object(name)) => self.object(map, name, example, out),
            _ => {}
        }
    }

    fn object(
        &self,
        map: &Map<String, Value>,
        declared: &str,
        example: &ExampleDoc,
        out: &mut Vec<Observation>,
    ) {
        let mut effective = declared.to_string();
        if let Some(actual) = self.odata_type(&Value::Object(map.clone())) {
            if actual != declared {
                out.push(Observation::Subtype {
                    actual: actual.clone(),
                    declared: declared.to_string(),
                    page: example.page.clone(),
                    line: example.line,
                });
                if self.nav.hierarchy.is_a(&actual, declared) {
                    effective = actual;
                }
            }
        }
        for (key, value) in map {
            if key.starts_with('@') {
                continue;
            }
            match self.find_property(&effective, key) {
                Some((owner, ty)) => {
                    if value.is_null() {
                        out.push(Observation::Null {
                            owner,
                            property: key.clone(),
                        });
                    } else {
                        self.value(value, &ty, example, out);
                    }
                }
                None if key == "resourceData" => self.resource_data(map, value, example, out),
                None => {}
            }
        }
    }

    /// `resourceData` is the resource its sibling `resourceUrl` names.
    fn resource_data(
        &self,
        map: &Map<String, Value>,
        value: &Value,
        example: &ExampleDoc,
        out: &mut Vec<Observation>,
    ) {
        let url = map
            .get("resourceUrl")
            .or_else(|| map.get("resource"))
            .and_then(Value::as_str);
        if let Some(declared) = url.and_then(|u| self.nav.resolve_url(u)) {
            self.value(value, &declared, example, out);
        }
    }

    /// The documented type an object's `@odata.type` names.
    fn odata_type(&self, value: &Value) -> Option<String> {
        let text = value.get("@odata.type")?.as_str()?;
        self.nav
            .resolver
            .type_named(odata_type_name(text))
            .map(str::to_string)
    }

    /// The property `name` of `owner` or of an ancestor: (declaring type, type).
    fn find_property(&self, owner: &str, name: &str) -> Option<(String, Resolved)> {
        for ancestor in self.nav.hierarchy.self_and_ancestors(owner) {
            let Some(ty) = self.nav.types.get(&ancestor) else {
                continue;
            };
            if let Some(p) = ty.properties.iter().find(|p| p.name == name) {
                return Some((ancestor, p.ty.clone()));
            }
        }
        None
    }
}

/// The property names of a type and its ancestors.
pub(crate) fn all_property_names(nav: &Navigator<'_>, name: &str) -> BTreeSet<String> {
    nav.hierarchy
        .self_and_ancestors(name)
        .iter()
        .filter_map(|a| nav.types.get(a))
        .flat_map(|t| t.properties.iter().map(|p| p.name.clone()))
        .collect()
}

/// Applies the subtypes the examples show, walked over the pages' shapes
/// (see [`crate::extract::decide::inheritance`]).
pub(crate) fn add_example_evidence(
    corpus: &Corpus,
    docs: &BTreeMap<String, &TypeDoc>,
    shapes: &Shapes,
    resolver: &Resolver,
    hierarchy: &mut Hierarchy,
    diags: &mut Diagnostics,
) {
    let observations = {
        let nav = Navigator {
            resolver,
            hierarchy,
            types: &shapes.types,
        };
        let walker = Walker { nav: &nav };
        let page_types = types_by_page(docs);
        let mut out = walker.everything(&shapes.operations, corpus, &page_types);
        out.extend(methods_table_observations(corpus, docs, resolver));
        out
    };
    for observation in observations {
        if let Observation::Subtype {
            actual,
            declared,
            page,
            line,
        } = observation
        {
            apply_subtype(
                &actual,
                &declared,
                (&page, line),
                &shapes.types,
                resolver,
                hierarchy,
                diags,
            );
        }
    }
}

fn apply_subtype(
    actual: &str,
    declared: &str,
    at: (&Path, usize),
    types: &BTreeMap<String, ObjectType>,
    resolver: &Resolver,
    hierarchy: &mut Hierarchy,
    diags: &mut Diagnostics,
) {
    if hierarchy.is_a(actual, declared) {
        return;
    }
    let missing: Vec<String> = {
        let nav = Navigator {
            resolver,
            hierarchy,
            types,
        };
        let actual_names = all_property_names(&nav, actual);
        all_property_names(&nav, declared)
            .into_iter()
            .filter(|n| !actual_names.contains(n))
            .collect()
    };
    let blocked = hierarchy.base_of(actual).is_some()
        || hierarchy.is_a(declared, actual)
        || !missing.is_empty();
    if !blocked && hierarchy.declare(actual, declared, Strength::Example, at, diags) {
        return;
    }
    let mut diagnostic = Diagnostic::warning(
        Location::line(at.0, at.1),
        "example-type-mismatch",
        format!("an example gives a value of type `{actual}` where `{declared}` is documented"),
    );
    if !missing.is_empty() {
        diagnostic = diagnostic.with_note(format!("{actual} lacks {}", missing.join(", ")));
    }
    diags.push(diagnostic);
}

/// A Methods-table row returning `B` whose method page answers with a `D`.
fn methods_table_observations(
    corpus: &Corpus,
    docs: &BTreeMap<String, &TypeDoc>,
    resolver: &Resolver,
) -> Vec<Observation> {
    let mut out = Vec::new();
    let mut methods_by_stem: BTreeMap<String, Vec<&crate::extract::read::operations::MethodDoc>> =
        BTreeMap::new();
    for method in &corpus.methods {
        methods_by_stem
            .entry(crate::extract::closure::library::stem_of(&method.page))
            .or_default()
            .push(method);
    }
    for doc in docs.values() {
        for row in &doc.methods {
            let Some(Resolved::Object(declared)) = row.returns.as_ref().map(|r| resolver.lookup(r))
            else {
                continue;
            };
            let pages = methods_by_stem.get(&row.page_stem).into_iter().flatten();
            for example in pages
                .flat_map(|m| m.examples.iter())
                .filter(|e| e.role == Role::Response)
            {
                let Some(actual) = example.value.get("@odata.type").and_then(|v| v.as_str()) else {
                    continue;
                };
                let Some(actual) = resolver.type_named(odata_type_name(actual)) else {
                    continue;
                };
                if actual != declared {
                    out.push(Observation::Subtype {
                        actual: actual.to_string(),
                        declared: declared.clone(),
                        page: doc.page.clone(),
                        line: row.line,
                    });
                }
            }
        }
    }
    out
}

/// The type a resource-page example shows: its metadata `@odata.type`,
/// else the page's type.
fn resource_example_type(
    example: &ExampleDoc,
    page_types: &HashMap<&Path, &str>,
    resolver: &Resolver,
) -> Option<Resolved> {
    if let Some(name) = example
        .odata_type
        .as_deref()
        .and_then(|n| resolver.type_named(n))
    {
        return Some(Resolved::Object(name.to_string()));
    }
    page_types
        .get(example.page.as_path())
        .map(|name| Resolved::Object(name.to_string()))
}

/// The type each page documents: the first of `docs` (in name order)
/// whose page it is. Looked up, never iterated: hashing a path is cheaper
/// than comparing paths component by component.
fn types_by_page<'a>(docs: &BTreeMap<String, &'a TypeDoc>) -> HashMap<&'a Path, &'a str> {
    let mut out = HashMap::new();
    for doc in docs.values() {
        out.entry(doc.page.as_path()).or_insert(doc.name.as_str());
    }
    out
}

/// Marks properties and parameters nullable where an example gives `null`.
pub(crate) fn mark_nulls(
    api: &mut Api,
    corpus: &Corpus,
    resolver: &Resolver,
    hierarchy: &Hierarchy,
) {
    let observations = {
        let nav = Navigator {
            resolver,
            hierarchy,
            types: &api.types,
        };
        let walker = Walker { nav: &nav };
        let docs: BTreeMap<String, &TypeDoc> =
            corpus.types.iter().map(|t| (t.name.clone(), t)).collect();
        let page_types = types_by_page(&docs);
        walker.everything(&api.operations, corpus, &page_types)
    };
    let mut operation_index: BTreeMap<String, usize> = BTreeMap::new();
    for (index, operation) in api.operations.iter().enumerate() {
        operation_index
            .entry(operation.operation_id.clone())
            .or_insert(index);
    }
    for observation in observations {
        match observation {
            Observation::Null { owner, property } => {
                let found = api
                    .types
                    .get_mut(&owner)
                    .and_then(|t| t.properties.iter_mut().find(|p| p.name == property));
                if let Some(p) = found {
                    p.nullable = true;
                }
            }
            Observation::NullParameter {
                operation,
                property,
            } => {
                let body = operation_index
                    .get(&operation)
                    .and_then(|&i| api.operations.get_mut(i))
                    .and_then(|o| o.body.as_mut());
                if let Some(Body::Parameters(parameters)) = body {
                    if let Some(p) = parameters.iter_mut().find(|p| p.name == property) {
                        p.nullable = true;
                    }
                }
            }
            Observation::Subtype { .. } => {}
        }
    }
}
