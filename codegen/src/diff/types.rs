//! Comparing the component types of two documents: added and removed
//! types, object/enumeration swaps, base, abstract and open-type changes,
//! property changes (through [`super::properties`]) and enumeration values.
//! Knows nothing of operations or of rendering.

use super::Sides;
use super::change::{Change, ChangeKind, TypeChanges, sort_changes};
use super::properties::{Replacements, compare_properties};
use super::schema::{EnumDef, ObjectDef, TypeDef};
use std::collections::BTreeSet;

/// The changes of every type that changed, sorted by name. `replacements`
/// collects retypes (also from request bodies, compared before) so that a
/// removed type can name what replaced it.
pub fn compare_types(sides: &Sides, replacements: &mut Replacements) -> Vec<TypeChanges> {
    let names: BTreeSet<&String> = sides
        .old
        .types
        .keys()
        .chain(sides.new.types.keys())
        .collect();
    let mut kept = Vec::new();
    for name in &names {
        if let (Some(old), Some(new)) = (sides.old.types.get(*name), sides.new.types.get(*name)) {
            kept.push(group(
                name,
                compare_kept(sides, name, old, new, replacements),
            ));
        }
    }
    let mut groups = kept;
    for name in names {
        let change = match (sides.old.types.get(name), sides.new.types.get(name)) {
            (Some(old), None) => ChangeKind::TypeRemoved {
                shape: shape(old),
                replaced_by: replacements.of(name),
            },
            (None, Some(new)) => ChangeKind::TypeAdded { shape: shape(new) },
            _ => continue,
        };
        groups.push(group(name, vec![change]));
    }
    groups.retain(|g| !g.changes.is_empty());
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    groups
}

fn group(name: &str, kinds: Vec<ChangeKind>) -> TypeChanges {
    let mut changes: Vec<Change> = kinds.into_iter().map(Change::new).collect();
    sort_changes(&mut changes);
    TypeChanges {
        name: name.to_string(),
        changes,
    }
}

fn compare_kept(
    sides: &Sides,
    name: &str,
    old: &TypeDef,
    new: &TypeDef,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    match (old, new) {
        (TypeDef::Object(old), TypeDef::Object(new)) => {
            compare_objects(sides, name, old, new, replacements)
        }
        (TypeDef::Enum(old), TypeDef::Enum(new)) => compare_enums(old, new),
        _ => vec![ChangeKind::TypeKindChanged {
            old: kind_word(old).to_string(),
            new: kind_word(new).to_string(),
        }],
    }
}

fn compare_objects(
    sides: &Sides,
    name: &str,
    old: &ObjectDef,
    new: &ObjectDef,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    let mut changes = Vec::new();
    if old.base != new.base {
        changes.push(ChangeKind::BaseTypeChanged {
            old: old.base.clone(),
            new: new.base.clone(),
        });
    }
    if old.is_abstract != new.is_abstract {
        changes.push(ChangeKind::AbstractChanged {
            old: old.is_abstract,
            new: new.is_abstract,
        });
    }
    if old.open_type != new.open_type {
        changes.push(ChangeKind::OpenTypeChanged {
            old: old.open_type,
            new: new.open_type,
        });
    }
    let ancestors = sides.new.ancestors(name);
    changes.extend(compare_properties(
        sides,
        &old.properties,
        &new.properties,
        &ancestors,
        replacements,
    ));
    changes
}

/// Values removed, added, and renamed where a removed and an added value
/// differ only in case.
fn compare_enums(old: &EnumDef, new: &EnumDef) -> Vec<ChangeKind> {
    let old_values: BTreeSet<&String> = old.values.iter().collect();
    let new_values: BTreeSet<&String> = new.values.iter().collect();
    let mut added: Vec<&String> = new_values.difference(&old_values).copied().collect();
    let mut changes = Vec::new();
    for value in old_values.difference(&new_values) {
        let same_but_case = added.iter().position(|a| a.eq_ignore_ascii_case(value));
        match same_but_case {
            Some(index) => changes.push(ChangeKind::EnumValueRenamed {
                old: value.to_string(),
                new: added.remove(index).to_string(),
            }),
            None => changes.push(ChangeKind::EnumValueRemoved {
                value: value.to_string(),
            }),
        }
    }
    changes.extend(added.into_iter().map(|value| ChangeKind::EnumValueAdded {
        value: value.to_string(),
    }));
    changes
}

fn kind_word(definition: &TypeDef) -> &'static str {
    match definition {
        TypeDef::Object(_) => "object",
        TypeDef::Enum(_) => "enumeration",
    }
}

/// `object extending commsOperation, 2 properties`, `inline enumeration of 3 values`.
fn shape(definition: &TypeDef) -> String {
    match definition {
        TypeDef::Object(object) => {
            let mut text = String::new();
            if object.is_abstract {
                text.push_str("abstract ");
            }
            text.push_str("object");
            if let Some(base) = &object.base {
                text.push_str(&format!(" extending {base}"));
            }
            let count = object.properties.len();
            let noun = plural(count, "own property", "own properties");
            text.push_str(&format!(", {count} {noun}"));
            text
        }
        TypeDef::Enum(enumeration) => {
            let count = enumeration.values.len();
            let inline = if enumeration.inline { "inline " } else { "" };
            format!(
                "{inline}enumeration of {count} {}",
                plural(count, "value", "values")
            )
        }
    }
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}
