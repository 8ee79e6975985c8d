//! The "Returned by" section of a type's docs: the operations whose
//! documented success ([`Ir::success`]) is the type, a collection page of it,
//! or an array of it, each linked to its request type, so `cargo doc` shows,
//! on each type, the methods that return it.
//!
//! A family's enum lists the operations that return the family; its base
//! struct lists them too, naming the enum the value comes as. Knows the IR
//! and rustdoc markdown; no tokens.

use super::tokens::{code, group_link, model_link};
use crate::ir::{Group, Ir, Operation, OperationResult, TypeId, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// How an operation's success holds the type.
enum Place {
    /// The response body is the type.
    Itself,
    /// The response body is an array of the type.
    Array,
    /// The response is a collection page (`value`) of the type.
    Page,
}

/// Where each type is returned, computed once for the whole IR (a scan of
/// every operation per type is quadratic: at the scale of the whole beta
/// reference it was a fifth of the generation time).
pub struct ReturnedBy<'a> {
    /// Per type, every (operation, status, place) whose documented success
    /// holds it, in operation order.
    returns: BTreeMap<TypeId, Vec<(&'a Operation, &'a str, Place)>>,
    /// The family of each base struct (the first in type order).
    family_of_base: BTreeMap<TypeId, TypeId>,
}

impl<'a> ReturnedBy<'a> {
    /// The index of `ir`.
    pub fn index(ir: &'a Ir) -> Self {
        let mut returns: BTreeMap<TypeId, Vec<(&Operation, &str, Place)>> = BTreeMap::new();
        for op in &ir.operations {
            let success = ir.success(op);
            let status = success.response.map_or("", |r| r.status.as_str());
            if let Some((id, place)) = place_of(&success.result) {
                returns.entry(id).or_default().push((op, status, place));
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
        let from = ir.get(id).group;
        let mut lines: Vec<String> = self
            .returns_of(id)
            .iter()
            .map(|(op, status, place)| line(op, status, place, None, from))
            .collect();
        if let Some(family) = self.family_of_base.get(&id) {
            let family_name = &ir.get(*family).rust_name;
            lines.extend(
                self.returns_of(*family)
                    .iter()
                    .map(|(op, status, place)| line(op, status, place, Some(family_name), from)),
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

/// The named type a documented success holds, and how.
fn place_of(result: &OperationResult) -> Option<(TypeId, Place)> {
    match result {
        OperationResult::Value(TypeRef::Named(id)) => Some((*id, Place::Itself)),
        OperationResult::Value(TypeRef::Array(item)) => match **item {
            TypeRef::Named(id) => Some((id, Place::Array)),
            _ => None,
        },
        OperationResult::Collection(TypeRef::Named(id)) => Some((*id, Place::Page)),
        _ => None,
    }
}

/// One line of the section, in a doc of the group `from`.
fn line(
    op: &Operation,
    status: &str,
    place: &Place,
    family: Option<&String>,
    from: Group,
) -> String {
    let mut text = format!(
        "- {}: {} ({}, {status})",
        group_link(&op.type_name, Group::Operations, from),
        code(&format!("{} {}", op.method, op.path)),
        code(&op.operation_id)
    );
    match place {
        Place::Itself => {}
        Place::Array => text.push_str(", an array of them"),
        Place::Page => text.push_str(", a collection page of them"),
    }
    if let Some(family) = family {
        text.push_str(&format!(
            ", as {} (chosen by `@odata.type`)",
            model_link(family, from)
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
            "# Returned by\n\n- [`CallCreate`](crate::operations::CallCreate): `POST /communications/calls` (`call.create`, 201)"
        );
    }

    #[test]
    fn a_type_in_a_list_response_is_returned_as_a_collection_page() {
        let ir = fixture_ir();
        assert_eq!(
            section_of(&ir, "microsoft.graph.participant").unwrap(),
            "# Returned by\n\n- [`CallListParticipants`](crate::operations::CallListParticipants): `GET /communications/calls/{call-id}/participants` (`call.listParticipants`, 200), a collection page of them"
        );
    }

    #[test]
    fn a_type_no_operation_returns_has_no_section() {
        let ir = fixture_ir();
        assert_eq!(section_of(&ir, "microsoft.graph.identitySet"), None);
    }
}
