//! Comparing two property lists: those of one object type in both
//! documents, or the inline parameters of one request body.
//!
//! Properties are matched by name first; a property that disappeared is
//! then looked for among the new bases' own properties (moved to a base),
//! and the remaining removed and added properties are paired by the rename
//! detection of [`super::rename`], strongest evidence first. What is left is
//! removed or added. Knows nothing of types as a whole or of operations.

use super::Sides;
use super::change::{ChangeKind, Rename};
use super::rename::{self, Verdict};
use super::schema::{Property, SchemaView, TypeExpr};
use std::collections::{BTreeMap, BTreeSet};

/// Which types took the place of which in retyped or renamed properties:
/// old type name -> new type names. Used to say what replaced a removed type.
#[derive(Debug, Default)]
pub struct Replacements(BTreeMap<String, BTreeSet<String>>);

impl Replacements {
    /// Records that a property of type `old` now has type `new`.
    pub fn record(&mut self, old: &TypeExpr, new: &TypeExpr) {
        let old_names = old.named_types();
        let new_names = new.named_types();
        for gone in old_names.iter().filter(|n| !new_names.contains(n)) {
            let entry = self.0.entry(gone.to_string()).or_default();
            for came in new_names.iter().filter(|n| !old_names.contains(n)) {
                entry.insert(came.to_string());
            }
        }
    }

    /// The types that replaced `old`, sorted.
    pub fn of(&self, old: &str) -> Vec<String> {
        self.0
            .get(old)
            .map(|names| names.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// The changes from `old` to `new`. `new_ancestors` are the bases of the
/// type in the new document, nearest first (empty for request bodies).
pub fn compare_properties(
    sides: &Sides,
    old: &[Property],
    new: &[Property],
    new_ancestors: &[&str],
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    let old_by_name: BTreeMap<&str, &Property> = old.iter().map(|p| (p.name.as_str(), p)).collect();
    let new_by_name: BTreeMap<&str, &Property> = new.iter().map(|p| (p.name.as_str(), p)).collect();
    let mut changes = Vec::new();
    for (name, old_property) in &old_by_name {
        if let Some(new_property) = new_by_name.get(name) {
            changes.extend(compare_kept(
                sides,
                old_property,
                new_property,
                replacements,
            ));
        }
    }
    let removed: Vec<&Property> = old_by_name
        .iter()
        .filter(|(name, _)| !new_by_name.contains_key(*name))
        .map(|(_, p)| *p)
        .collect();
    let added: Vec<&Property> = new_by_name
        .iter()
        .filter(|(name, _)| !old_by_name.contains_key(*name))
        .map(|(_, p)| *p)
        .collect();
    let (moved, removed) = split_moved(sides, removed, new_ancestors);
    changes.extend(moved);
    let pairs = pair_renames(sides, &removed, &added);
    for (old_property, new_property, verdict) in &pairs {
        changes.extend(renamed(
            sides,
            old_property,
            new_property,
            verdict.clone(),
            replacements,
        ));
    }
    let renamed_old: BTreeSet<&str> = pairs.iter().map(|(o, _, _)| o.name.as_str()).collect();
    let renamed_new: BTreeSet<&str> = pairs.iter().map(|(_, n, _)| n.name.as_str()).collect();
    for property in removed
        .iter()
        .filter(|p| !renamed_old.contains(p.name.as_str()))
    {
        changes.push(ChangeKind::PropertyRemoved {
            property: property.name.clone(),
            ty: sides.old.describe(&property.ty),
        });
    }
    for property in added
        .iter()
        .filter(|p| !renamed_new.contains(p.name.as_str()))
    {
        changes.push(ChangeKind::PropertyAdded {
            property: property.name.clone(),
            ty: sides.new.describe(&property.ty),
            required: property.required,
        });
    }
    changes
}

/// A property present under the same name on both sides.
fn compare_kept(
    sides: &Sides,
    old: &Property,
    new: &Property,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    let mut changes = Vec::new();
    if let Some(retype) = retype(sides, &old.name, &old.ty, &new.ty) {
        replacements.record(&old.ty, &new.ty);
        changes.push(retype);
    }
    changes.extend(flag_changes(&new.name, old, new));
    changes
}

/// A retype of `property`, if its type changed in substance or in kind of
/// enumeration (inline or declared).
fn retype(sides: &Sides, property: &str, old: &TypeExpr, new: &TypeExpr) -> Option<ChangeKind> {
    let old_type = sides.old.describe(old);
    let new_type = sides.new.describe(new);
    let same_shape = old.same_shape(new);
    if same_shape && (old_type == new_type || !only_enum_kinds_differ(sides, old)) {
        return None;
    }
    Some(ChangeKind::PropertyRetyped {
        property: property.to_string(),
        old_type,
        new_type,
        same_rust_type: same_shape || union_grew(sides, old, new),
    })
}

/// Whether `old` and `new` are both unions the generator types (every
/// member an object type or a collection of one) and `new` keeps every
/// member of `old`: the union keeps its generated name and gains variants.
fn union_grew(sides: &Sides, old: &TypeExpr, new: &TypeExpr) -> bool {
    let (TypeExpr::Union(old_members), TypeExpr::Union(new_members)) = (old, new) else {
        return false;
    };
    let typed = |view: &SchemaView, members: &[TypeExpr]| {
        members.iter().all(|member| match member {
            TypeExpr::Named(name) => view.object(name).is_some(),
            TypeExpr::Collection(item) => {
                matches!(item.as_ref(), TypeExpr::Named(name) if view.object(name).is_some())
            }
            _ => false,
        })
    };
    typed(sides.old, old_members)
        && typed(sides.new, new_members)
        && old_members
            .iter()
            .all(|member| new_members.contains(member))
}

/// Whether every type `ty` names is an enumeration on both sides: then a
/// different description can only come from the inline flag.
fn only_enum_kinds_differ(sides: &Sides, ty: &TypeExpr) -> bool {
    ty.named_types()
        .iter()
        .all(|name| sides.old.enumeration(name).is_some() && sides.new.enumeration(name).is_some())
}

fn flag_changes(property: &str, old: &Property, new: &Property) -> Vec<ChangeKind> {
    let mut changes = Vec::new();
    let property = property.to_string();
    if old.read_only != new.read_only {
        changes.push(ChangeKind::ReadOnlyChanged {
            property: property.clone(),
            old: old.read_only,
            new: new.read_only,
        });
    }
    if old.nullable != new.nullable {
        changes.push(ChangeKind::NullableChanged {
            property: property.clone(),
            old: old.nullable,
            new: new.nullable,
        });
    }
    if old.required != new.required {
        changes.push(ChangeKind::RequiredChanged {
            property,
            old: old.required,
            new: new.required,
        });
    }
    changes
}

/// Splits off the removed properties that a new base now declares with the
/// same type.
fn split_moved<'a>(
    sides: &Sides,
    removed: Vec<&'a Property>,
    new_ancestors: &[&str],
) -> (Vec<ChangeKind>, Vec<&'a Property>) {
    let mut moved = Vec::new();
    let mut still_removed = Vec::new();
    for property in removed {
        match declaring_base(sides, property, new_ancestors) {
            Some(base) => moved.push(ChangeKind::PropertyMovedToBase {
                property: property.name.clone(),
                base: base.to_string(),
            }),
            None => still_removed.push(property),
        }
    }
    (moved, still_removed)
}

fn declaring_base<'a>(
    sides: &Sides,
    property: &Property,
    new_ancestors: &[&'a str],
) -> Option<&'a str> {
    new_ancestors.iter().copied().find(|base| {
        sides.new.object(base).is_some_and(|object| {
            object
                .properties
                .iter()
                .any(|p| p.name == property.name && p.ty.same_shape(&property.ty))
        })
    })
}

/// One-to-one pairs of (removed, added) judged renames, strongest first.
fn pair_renames<'a>(
    sides: &Sides,
    removed: &[&'a Property],
    added: &[&'a Property],
) -> Vec<(&'a Property, &'a Property, Verdict)> {
    let mut candidates = Vec::new();
    for old in removed {
        for new in added {
            if let Some(verdict) = rename::assess(sides, old, new) {
                candidates.push((*old, *new, verdict));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.2.score
            .cmp(&a.2.score)
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.1.name.cmp(&b.1.name))
    });
    let mut taken_old = BTreeSet::new();
    let mut taken_new = BTreeSet::new();
    let mut pairs = Vec::new();
    for (old, new, verdict) in candidates {
        if taken_old.contains(&old.name) || taken_new.contains(&new.name) {
            continue;
        }
        taken_old.insert(old.name.clone());
        taken_new.insert(new.name.clone());
        pairs.push((old, new, verdict));
    }
    pairs.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    pairs
}

fn renamed(
    sides: &Sides,
    old: &Property,
    new: &Property,
    verdict: Verdict,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    replacements.record(&old.ty, &new.ty);
    let mut changes = vec![ChangeKind::PropertyRenamed(Rename {
        old_name: old.name.clone(),
        new_name: new.name.clone(),
        old_type: sides.old.describe(&old.ty),
        new_type: sides.new.describe(&new.ty),
        confidence: verdict.confidence,
        evidence: verdict.evidence,
    })];
    changes.extend(flag_changes(&new.name, old, new));
    changes
}
