//! Decides every Rust name in the IR through [`super::names`]: type names
//! (one namespace for the crate), module names (one per top-level module),
//! field names (one per struct, after the generator's own fields), enum and
//! family members (after the catch-all), operation and parameter names.

use super::builder::{ModuleHint, NameHint};
use super::model::*;
use super::names::{NameKind, Scope};
use std::collections::BTreeMap;

/// The generator's own struct fields: `@odata.type` and the unknown-field bag.
pub const STRUCT_BOOKKEEPING: &[&str] = &["odata_type", "unknown_fields"];

/// Field names whose `with_` setter would meet a method the generator
/// defines on every struct (`with_unknown_field`).
pub const STRUCT_RESERVED_SETTERS: &[&str] = &["unknown_field"];

/// The catch-all member of enums and families.
pub const CATCH_ALL: &str = "Unrecognized";

/// Names every type, field, member and operation.
pub(super) fn assign(types: &mut [TypeDef], hints: &[NameHint], operations: &mut [Operation]) {
    let mut type_scope = Scope::new();
    for (def, hint) in types.iter_mut().zip(hints) {
        def.rust_name = type_scope.claim(&hint.raw, NameKind::Type);
    }
    assign_modules(types, hints);
    let rust_names: Vec<String> = types.iter().map(|t| t.rust_name.clone()).collect();
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(st) => name_fields(&mut st.fields),
            TypeKind::Enum(en) => name_members(en),
            TypeKind::Family(family) => name_family(family, &rust_names),
        }
    }
    let mut functions = Scope::new();
    for op in operations.iter_mut() {
        op.rust_name = functions.claim(&op.operation_id, NameKind::Value);
        let mut arguments = Scope::new();
        for parameter in &mut op.parameters {
            parameter.rust_name = arguments.claim(&parameter.wire_name, NameKind::Value);
        }
    }
}

fn assign_modules(types: &mut [TypeDef], hints: &[NameHint]) {
    let mut scopes: BTreeMap<Group, Scope> = BTreeMap::new();
    let mut operation_modules: BTreeMap<String, String> = BTreeMap::new();
    for (def, hint) in types.iter_mut().zip(hints) {
        let scope = scopes.entry(def.group).or_default();
        match &hint.module {
            ModuleHint::Own => def.module = scope.claim(&def.rust_name, NameKind::Module),
            ModuleHint::Operation(operation_id) => {
                def.module = operation_modules
                    .entry(operation_id.clone())
                    .or_insert_with(|| scope.claim(operation_id, NameKind::Module))
                    .clone();
            }
            ModuleHint::SameAs(_) => {}
        }
    }
    for index in 0..types.len() {
        if types[index].module.is_empty() {
            types[index].module = resolve_module(types, hints, index);
        }
    }
}

/// Follows `SameAs` hints to a type with a module of its own.
fn resolve_module(types: &[TypeDef], hints: &[NameHint], start: usize) -> String {
    let mut index = start;
    for _ in 0..types.len() {
        match &hints[index].module {
            ModuleHint::SameAs(other) if other.0 != index => index = other.0,
            _ => return types[index].module.clone(),
        }
    }
    types[start].module.clone()
}

fn name_fields(fields: &mut [FieldDef]) {
    let reserved: Vec<&str> = STRUCT_BOOKKEEPING
        .iter()
        .chain(STRUCT_RESERVED_SETTERS)
        .copied()
        .collect();
    let mut scope = Scope::with_reserved(&reserved);
    for field in fields {
        field.rust_name = scope.claim(&field.wire_name, NameKind::Value);
    }
}

fn name_members(en: &mut EnumDef) {
    let mut scope = Scope::with_reserved(&[CATCH_ALL]);
    en.catch_all = CATCH_ALL.to_owned();
    for member in &mut en.members {
        member.rust_name = scope.claim(&member.wire_name, NameKind::Type);
    }
}

fn name_family(family: &mut FamilyDef, rust_names: &[String]) {
    let mut scope = Scope::with_reserved(&[CATCH_ALL]);
    family.unrecognized = CATCH_ALL.to_owned();
    for member in &mut family.members {
        member.rust_name = scope.claim(&rust_names[member.ty.0], NameKind::Type);
    }
}
