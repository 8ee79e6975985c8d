//! The shapes the pages give, before anything is decided: every type with
//! all the properties its page lists, every operation with its body,
//! response and notification types and its examples.
//!
//! A shape is typed only as far as walking the examples needs (object
//! types, collections of them; a string with listed values stays a
//! string) and reports nothing: the examples are walked over the shapes
//! for the subtypes they show ([`crate::extract::decide::evidence`]), so
//! that the hierarchy is complete before the one pass decides, and
//! reports, everything once. Shapes are read with the same rules as the
//! pass ([`property_shape`], [`page_operations`] with [`Shaping`]), under
//! the hierarchy the pages declare.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::extract::closure::Corpus;
use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::Resolver;
use crate::extract::decide::navigate::Navigator;
use crate::extract::decide::operation_types::Shaping;
use crate::extract::decide::pass::{first_per_path_and_method, object_type};
use crate::extract::decide::paths::page_operations;
use crate::extract::decide::schema::property_shape;
use crate::extract::read::type_doc::TypeDoc;
use crate::extract::render::api::{ObjectType, Operation, Property};

/// The types and operations as the pages give them.
pub(crate) struct Shapes {
    /// Every type by name, with all its listed properties (names and
    /// types only).
    pub(crate) types: BTreeMap<String, ObjectType>,
    /// The operations, sorted and without duplicates as the pass's.
    pub(crate) operations: Vec<Operation>,
}

impl Shapes {
    /// Reads the shapes of the closure's types and method pages under the
    /// declared hierarchy.
    pub(crate) fn of(
        corpus: &Corpus,
        docs: &BTreeMap<String, &TypeDoc>,
        resolver: &Resolver,
        hierarchy: &Hierarchy,
    ) -> Shapes {
        let types: BTreeMap<String, ObjectType> = docs
            .values()
            .map(|doc| (doc.name.clone(), type_shape(doc, resolver, hierarchy)))
            .collect();
        let nav = Navigator {
            resolver,
            hierarchy,
            types: &types,
        };
        let per_page: Vec<Vec<Operation>> = corpus
            .methods
            .par_iter()
            .map(|method| {
                page_operations(
                    method,
                    &nav,
                    &mut Shaping {
                        resolver,
                        hierarchy,
                    },
                )
            })
            .collect();
        let (operations, _) = first_per_path_and_method(per_page.into_iter().flatten().collect());
        Shapes { types, operations }
    }
}

/// A type with every property its page lists, typed as a shape.
fn type_shape(doc: &TypeDoc, resolver: &Resolver, hierarchy: &Hierarchy) -> ObjectType {
    let properties = doc
        .properties
        .iter()
        .map(|p| Property {
            name: p.name.clone(),
            ty: property_shape(p, resolver, hierarchy),
            description: None,
            read_only: false,
            nullable: false,
            documented_as: None,
        })
        .collect();
    object_type(doc, properties, hierarchy, &[])
}
