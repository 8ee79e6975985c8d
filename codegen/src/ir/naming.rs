//! Decides every Rust name in the IR through [`super::names`]: type names
//! (one namespace for the crate), module names (one per top-level module),
//! field names (one per struct, after the generator's own fields), enum and
//! family members (after the catch-all), operation and parameter names.

use super::model::*;
use super::names::{NameKind, Scope};
use std::collections::BTreeMap;

/// How a type's Rust name and module are to be derived.
#[derive(Debug, Clone)]
pub(super) struct NameHint {
    /// The raw name to sanitize into the type name.
    pub raw: String,
    /// Where the type's code goes.
    pub module: ModuleHint,
}

/// Which module (file) a type is written to.
#[derive(Debug, Clone)]
pub(super) enum ModuleHint {
    /// Its own module, named after the type.
    Own,
    /// The module of another type (a family goes with its base).
    SameAs(TypeId),
    /// The module of an operation, named after its `operationId`.
    Operation(String),
}

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
    let mut operation_modules = assign_modules(types, hints);
    let rust_names: Vec<String> = types.iter().map(|t| t.rust_name.clone()).collect();
    let stems = variant_stems(types);
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(st) => name_fields(&mut st.fields),
            TypeKind::Enum(en) => name_members(en),
            TypeKind::Family(family) => name_family(family, &rust_names),
            TypeKind::Union(union) => name_union(union, &stems),
        }
    }
    let mut functions = Scope::new();
    for op in operations.iter_mut() {
        op.rust_name = functions.claim(&op.operation_id, NameKind::Value);
        op.type_name = type_scope.claim(&op.operation_id, NameKind::Type);
        op.module = operation_modules.module(&op.operation_id);
        let mut arguments = Scope::with_reserved(OPERATION_BOOKKEEPING);
        for parameter in &mut op.parameters {
            parameter.rust_name = arguments.claim(&parameter.wire_name, NameKind::Value);
        }
    }
}

/// The request value's own field: the body, next to the parameters.
pub const OPERATION_BOOKKEEPING: &[&str] = &["body"];

/// Module names of the operations group, handed out once per operation.
struct OperationModules {
    scope: Scope,
    by_operation: BTreeMap<String, String>,
}

impl OperationModules {
    /// The module of `operation_id`, claimed on first use.
    fn module(&mut self, operation_id: &str) -> String {
        let scope = &mut self.scope;
        self.by_operation
            .entry(operation_id.to_owned())
            .or_insert_with(|| scope.claim(operation_id, NameKind::Module))
            .clone()
    }
}

fn assign_modules(types: &mut [TypeDef], hints: &[NameHint]) -> OperationModules {
    let mut scopes: BTreeMap<Group, Scope> = BTreeMap::new();
    let mut operation_modules = OperationModules {
        scope: Scope::new(),
        by_operation: BTreeMap::new(),
    };
    for (def, hint) in types.iter_mut().zip(hints) {
        match &hint.module {
            ModuleHint::Own => {
                let scope = match def.group {
                    Group::Operations => &mut operation_modules.scope,
                    group => scopes.entry(group).or_default(),
                };
                def.module = scope.claim(&def.rust_name, NameKind::Module);
            }
            ModuleHint::Operation(operation_id) => {
                def.module = operation_modules.module(operation_id);
            }
            ModuleHint::SameAs(_) => {}
        }
    }
    for index in 0..types.len() {
        if types[index].module.is_empty() {
            types[index].module = resolve_module(types, hints, index);
        }
    }
    operation_modules
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

/// The name a type gives a union variant: its own, or its base's for a
/// family (`CommsOperation` rather than `AnyCommsOperation`).
fn variant_stems(types: &[TypeDef]) -> Vec<String> {
    types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Family(family) => types[family.base.0].rust_name.clone(),
            _ => def.rust_name.clone(),
        })
        .collect()
}

fn name_union(union: &mut UnionDef, stems: &[String]) {
    let mut scope = Scope::with_reserved(&[CATCH_ALL]);
    union.unrecognized = CATCH_ALL.to_owned();
    for alternative in &mut union.alternatives {
        let stem = &stems[alternative.ty.0];
        let raw = if alternative.collection {
            format!("{stem} collection")
        } else {
            stem.clone()
        };
        alternative.rust_name = scope.claim(&raw, NameKind::Type);
    }
}

fn name_family(family: &mut FamilyDef, rust_names: &[String]) {
    let mut scope = Scope::with_reserved(&[CATCH_ALL]);
    family.unrecognized = CATCH_ALL.to_owned();
    for member in &mut family.members {
        member.rust_name = scope.claim(&rust_names[member.ty.0], NameKind::Type);
    }
}
