//! Breaks cycles of inline containment with `Box`, and boxes every nested
//! object field.
//!
//! Every field holding a struct or a family is boxed: a struct then stays a
//! few hundred bytes however deep its schema nests (an unboxed `call` is
//! tens of kilobytes, and decoding builds and moves structs by value), and
//! only objects that are present cost an allocation.
//!
//! A struct that contains itself through fields that are not collections
//! (directly, through other structs, or through a family enum) would have
//! infinite size. A depth-first walk over the containment graph boxes every
//! edge that closes a cycle (every cycle has one). The walk uses an explicit
//! stack, so a long chain of types cannot overflow the generator's stack.

use super::model::*;

/// Where a containment edge starts: a struct field or a family member.
#[derive(Debug, Clone, Copy)]
enum Site {
    Field(usize),
    Member(usize),
}

/// Marks `boxed` on every field holding a struct or family, and on every
/// family member that closes a cycle.
pub(super) fn break_cycles(types: &mut [TypeDef]) {
    box_nested_objects(types);
    let edges: Vec<Vec<(Site, TypeId)>> = types.iter().map(inline_edges).collect();
    let mut state = vec![Visit::New; types.len()];
    let mut to_box: Vec<(usize, Site)> = Vec::new();
    for root in 0..types.len() {
        if state[root] != Visit::New {
            continue;
        }
        state[root] = Visit::Open;
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(&(site, target)) = edges[node].get(*next) else {
                state[node] = Visit::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match state[target.0] {
                Visit::Open => to_box.push((node, site)),
                Visit::New => {
                    state[target.0] = Visit::Open;
                    stack.push((target.0, 0));
                }
                Visit::Done => {}
            }
        }
    }
    for (node, site) in to_box {
        match (&mut types[node].kind, site) {
            (TypeKind::Struct(st), Site::Field(i)) => st.fields[i].boxed = true,
            (TypeKind::Family(family), Site::Member(i)) => family.members[i].boxed = true,
            _ => {}
        }
    }
}

fn box_nested_objects(types: &mut [TypeDef]) {
    let is_object: Vec<bool> = types
        .iter()
        .map(|t| matches!(t.kind, TypeKind::Struct(_) | TypeKind::Family(_)))
        .collect();
    for def in types.iter_mut() {
        if let TypeKind::Struct(st) = &mut def.kind {
            for field in &mut st.fields {
                if inline_target(&field.ty).is_some_and(|t| is_object[t.0]) {
                    field.boxed = true;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

fn inline_edges(def: &TypeDef) -> Vec<(Site, TypeId)> {
    match &def.kind {
        TypeKind::Struct(st) => st
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| inline_target(&f.ty).map(|t| (Site::Field(i), t)))
            .collect(),
        TypeKind::Family(family) => family
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (Site::Member(i), m.ty))
            .collect(),
        // A union boxes its single values and holds collections in a
        // `Vec`: nothing of it is inline.
        TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
    }
}

/// The type a field holds inline (not behind a `Vec`).
fn inline_target(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Nullable(inner) => inline_target(inner),
        TypeRef::Primitive(_) | TypeRef::Array(_) | TypeRef::Any => None,
    }
}
