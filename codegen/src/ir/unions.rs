//! `anyOf` of object types and arrays of them -> a union type.
//!
//! A property that can hold one of several documented objects, or a
//! collection of them (a notification's `resourceData`: a call, an
//! operation, or a list of participants), becomes a union named after the
//! site. Each alternative is a reference to an object type (a family when
//! the type has descendants) or an array of such references; several
//! arrays are told apart by their items' `@odata.type`. Any other mix
//! (primitives, inline objects) is not a union here and stays any JSON
//! value, which the caller reports.

use super::builder::Builder;
use super::model::*;
use super::naming::NameHint;
use super::site::Site;
use crate::contract;
use serde_json::Value;

/// The union for `alternatives` (or the one type they all name), or
/// `None` when they do not form one.
pub(super) fn union_type(b: &mut Builder, alternatives: &[&Value], site: &Site) -> Option<TypeRef> {
    let mut chosen: Vec<UnionAlternative> = Vec::new();
    for schema in alternatives {
        let alternative = alternative(b, schema)?;
        if !chosen
            .iter()
            .any(|c| c.ty == alternative.ty && c.collection == alternative.collection)
        {
            chosen.push(alternative);
        }
    }
    if let [only] = chosen.as_slice() {
        // The same alternative listed twice: no union needed.
        let ty = TypeRef::Named(only.ty);
        return Some(match only.collection {
            true => TypeRef::Array(Box::new(ty)),
            false => ty,
        });
    }
    if chosen.is_empty() {
        return None;
    }
    let id = b.allocate(
        site.schema_name.clone(),
        site.group,
        TypeKind::Union(UnionDef {
            alternatives: chosen,
            unrecognized: String::new(),
        }),
        NameHint {
            raw: site.name_hint.clone(),
            module: site.module.clone(),
        },
    );
    Some(TypeRef::Named(id))
}

/// A reference to an object type, or an array of one.
fn alternative(b: &Builder, schema: &Value) -> Option<UnionAlternative> {
    let (reference, collection) = match schema.get("$ref") {
        Some(reference) => (reference, false),
        None if schema.get("type").and_then(Value::as_str) == Some("array") => {
            (schema.get("items")?.get("$ref")?, true)
        }
        None => return None,
    };
    let target = contract::ref_target(reference.as_str()?)?;
    let ty = match b.families.get(target) {
        Some(family) => *family,
        None => {
            let id = *b.components.get(target)?;
            if !matches!(b.types[id.0].kind, TypeKind::Struct(_)) {
                return None;
            }
            id
        }
    };
    Some(UnionAlternative {
        ty,
        collection,
        rust_name: String::new(),
    })
}
