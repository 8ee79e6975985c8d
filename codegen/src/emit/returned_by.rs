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

/// How an operation's response holds the type.
enum Place {
    /// The response body is the type.
    Itself,
    /// The response body is an array of the type.
    Collection,
    /// A property of an inline response object holds the type (or an array of it).
    Property(String),
}

/// The markdown section for the type `id`, `None` when no operation
/// returns it.
pub fn section(ir: &Ir, id: TypeId) -> Option<String> {
    let mut lines: Vec<String> = returns(ir, id)
        .into_iter()
        .map(|(op, status, place)| line(op, status, &place, None))
        .collect();
    if let Some(family) = family_of_base(ir, id) {
        let family_name = &ir.get(family).rust_name;
        lines.extend(
            returns(ir, family)
                .into_iter()
                .map(|(op, status, place)| line(op, status, &place, Some(family_name))),
        );
    }
    if lines.is_empty() {
        return None;
    }
    Some(format!("# Returned by\n\n{}", lines.join("\n")))
}

/// Every (operation, status, place) whose response holds `id`, in
/// operation order.
fn returns(ir: &Ir, id: TypeId) -> Vec<(&Operation, &str, Place)> {
    let mut found = Vec::new();
    for op in &ir.operations {
        for response in &op.responses {
            let Some(ty) = response.body.as_ref().and_then(|b| b.ty.as_ref()) else {
                continue;
            };
            if let Some(place) = place_in(ir, ty, id) {
                found.push((op, response.status.as_str(), place));
            }
        }
    }
    found
}

fn place_in(ir: &Ir, ty: &TypeRef, id: TypeId) -> Option<Place> {
    match ty {
        TypeRef::Named(named) if *named == id => Some(Place::Itself),
        TypeRef::Array(item) if **item == TypeRef::Named(id) => Some(Place::Collection),
        TypeRef::Named(wrapper) => property_holding(ir, *wrapper, id).map(Place::Property),
        _ => None,
    }
}

/// The wire name of the property of an inline response object that holds
/// `id` or an array of it.
fn property_holding(ir: &Ir, wrapper: TypeId, id: TypeId) -> Option<String> {
    let def = ir.get(wrapper);
    let TypeKind::Struct(st) = &def.kind else {
        return None;
    };
    if def.group != Group::Operations {
        return None;
    }
    st.fields
        .iter()
        .find(|field| match &field.ty {
            TypeRef::Named(named) => *named == id,
            TypeRef::Array(item) => **item == TypeRef::Named(id),
            _ => false,
        })
        .map(|field| field.wire_name.clone())
}

/// The family whose base struct is `id`.
fn family_of_base(ir: &Ir, id: TypeId) -> Option<TypeId> {
    ir.types.iter().find_map(|def| match &def.kind {
        TypeKind::Family(family) if family.base == id => Some(def.id),
        _ => None,
    })
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
        section(ir, ir.find(schema_name).unwrap().id)
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
