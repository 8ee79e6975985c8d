//! The "Returned by" section of a type's docs: the operations whose success
//! response is the type, a collection of it, or a list wrapper holding it
//! (`call.listParticipants` -> `value`), so `cargo doc` shows, on each
//! type, the methods that return it.
//!
//! A family's enum lists the operations that return the family; its base
//! struct lists them too, naming the enum the value comes as. Knows the IR
//! and rustdoc markdown; no tokens.

use super::tokens::code;
use crate::ir::{Group, Ir, Operation, TypeId, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// How an operation's response holds the type.
enum Place {
    /// The response body is the type.
    Itself,
    /// The response body is an array of the type.
    Collection,
    /// A property of an inline response object holds the type (or an array of it).
    Property(String),
}

/// Where each type is returned, computed once for the whole IR (a scan of
/// every operation per type is quadratic: at the scale of the whole beta
/// reference it was a fifth of the generation time).
pub struct ReturnedBy<'a> {
    /// Per type, every (operation, status, place) whose response holds
    /// it, in operation order.
    returns: BTreeMap<TypeId, Vec<(&'a Operation, &'a str, Place)>>,
    /// The family of each base struct (the first in type order).
    family_of_base: BTreeMap<TypeId, TypeId>,
}

impl<'a> ReturnedBy<'a> {
    /// The index of `ir`.
    pub fn index(ir: &'a Ir) -> Self {
        let mut returns: BTreeMap<TypeId, Vec<(&Operation, &str, Place)>> = BTreeMap::new();
        for op in &ir.operations {
            for response in &op.responses {
                let Some(ty) = response.body.as_ref().and_then(|b| b.ty.as_ref()) else {
                    continue;
                };
                for (id, place) in places_in(ir, ty) {
                    returns
                        .entry(id)
                        .or_default()
                        .push((op, response.status.as_str(), place));
                }
            }
        }
        let mut family_of_base = BTreeMap::new();
        for def in &ir.types {
            if let TypeKind::Family(family) = &def.kind {
                family_of_base.entry(family.base).or_insert(def.id);
            }
        }
        ReturnedBy {
            returns,
            family_of_base,
        }
    }

    /// The markdown section for the type `id`, `None` when no operation
    /// returns it.
    pub fn section(&self, ir: &Ir, id: TypeId) -> Option<String> {
        let mut lines: Vec<String> = self
            .returns_of(id)
            .iter()
            .map(|(op, status, place)| line(op, status, place, None))
            .collect();
        if let Some(family) = self.family_of_base.get(&id) {
            let family_name = &ir.get(*family).rust_name;
            lines.extend(
                self.returns_of(*family)
                    .iter()
                    .map(|(op, status, place)| line(op, status, place, Some(family_name))),
            );
        }
        if lines.is_empty() {
            return None;
        }
        Some(format!("# Returned by\n\n{}", lines.join("\n")))
    }

    fn returns_of(&self, id: TypeId) -> &[(&'a Operation, &'a str, Place)] {
        self.returns.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// Every type a response of type `ty` holds, with where: the type itself,
/// the items of an array, or (for an inline response object) the first
/// property holding each type or an array of it.
fn places_in(ir: &Ir, ty: &TypeRef) -> Vec<(TypeId, Place)> {
    match ty {
        TypeRef::Array(item) => match **item {
            TypeRef::Named(id) => vec![(id, Place::Collection)],
            _ => Vec::new(),
        },
        TypeRef::Named(named) => {
            let mut found = vec![(*named, Place::Itself)];
            for (id, wire) in properties_holding(ir, *named) {
                if found.iter().all(|(seen, _)| *seen != id) {
                    found.push((id, Place::Property(wire)));
                }
            }
            found
        }
        _ => Vec::new(),
    }
}

/// The types the properties of an inline response object hold (directly
/// or as arrays), with their wire names, in field order.
fn properties_holding(ir: &Ir, wrapper: TypeId) -> Vec<(TypeId, String)> {
    let def = ir.get(wrapper);
    let TypeKind::Struct(st) = &def.kind else {
        return Vec::new();
    };
    if def.group != Group::Operations {
        return Vec::new();
    }
    st.fields
        .iter()
        .filter_map(|field| match &field.ty {
            TypeRef::Named(named) => Some((*named, field.wire_name.clone())),
            TypeRef::Array(item) => match **item {
                TypeRef::Named(named) => Some((named, field.wire_name.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn line(op: &Operation, status: &str, place: &Place, family: Option<&String>) -> String {
    let mut text = format!(
        "- {} ({}, {status})",
        code(&format!("{} {}", op.method, op.path)),
        code(&op.operation_id)
    );
    match place {
        Place::Itself => {}
        Place::Collection => text.push_str(": a collection of it"),
        Place::Property(wire) => text.push_str(&format!(": in {}", code(wire))),
    }
    if let Some(family) = family {
        text.push_str(&format!(
            ", as [`{family}`](crate::models::{family}) (chosen by `@odata.type`)"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture_ir() -> Ir {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/schemas/calls-small.json");
        let document = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        crate::ir::from_openapi(&document).unwrap()
    }

    fn section_of(ir: &Ir, schema_name: &str) -> Option<String> {
        ReturnedBy::index(ir).section(ir, ir.find(schema_name).unwrap().id)
    }

    #[test]
    fn a_type_returned_directly_lists_its_operation() {
        let ir = fixture_ir();
        assert_eq!(
            section_of(&ir, "microsoft.graph.call").unwrap(),
            "# Returned by\n\n- `POST /communications/calls` (`call.create`, 201)"
        );
    }

    #[test]
    fn a_type_in_a_list_response_names_the_property() {
        let ir = fixture_ir();
        assert_eq!(
            section_of(&ir, "microsoft.graph.participant").unwrap(),
            "# Returned by\n\n- `GET /communications/calls/{call-id}/participants` (`call.listParticipants`, 200): in `value`"
        );
    }

    #[test]
    fn a_type_no_operation_returns_has_no_section() {
        let ir = fixture_ir();
        assert_eq!(section_of(&ir, "microsoft.graph.identitySet"), None);
    }
}
