//! Comparing the operations of two documents, matched by `operationId`.
//!
//! An operation whose id disappeared while another appeared is taken as
//! renamed when both come from the same documentation page
//! ([`crate::contract::PAGE`]) or share the HTTP method and a path (current or
//! deprecated, parameter names ignored). Matched operations are compared
//! for method, path, deprecated paths, deprecation, success status, request
//! body (parameter by parameter when both are inline objects) and response
//! type. Knows nothing of component types beyond naming them.

use super::Sides;
use super::change::{Change, ChangeKind, OperationChanges, sort_changes};
use super::properties::{Replacements, compare_properties};
use super::schema::{OperationDef, TypeExpr};
use std::collections::BTreeSet;

/// The changes of every operation that changed, sorted by (old) id.
pub fn compare_operations(sides: &Sides, replacements: &mut Replacements) -> Vec<OperationChanges> {
    let old_ops = &sides.old.operations;
    let new_ops = &sides.new.operations;
    let mut groups = Vec::new();
    for (id, old) in old_ops {
        if let Some(new) = new_ops.get(id) {
            groups.push(group(id, compare_operation(sides, old, new, replacements)));
        }
    }
    let removed: Vec<&OperationDef> = old_ops
        .values()
        .filter(|o| !new_ops.contains_key(&o.id))
        .collect();
    let added: Vec<&OperationDef> = new_ops
        .values()
        .filter(|o| !old_ops.contains_key(&o.id))
        .collect();
    let mut taken = BTreeSet::new();
    for old in removed {
        let renamed_to = added
            .iter()
            .filter(|new| !taken.contains(&new.id))
            .find_map(|new| rename_evidence(old, new).map(|evidence| (*new, evidence)));
        let kinds = match renamed_to {
            Some((new, evidence)) => {
                taken.insert(new.id.clone());
                let mut kinds = vec![ChangeKind::OperationRenamed {
                    new_id: new.id.clone(),
                    evidence,
                }];
                kinds.extend(compare_operation(sides, old, new, replacements));
                kinds
            }
            None => vec![ChangeKind::OperationRemoved {
                method: old.method.clone(),
                path: old.path.clone(),
            }],
        };
        groups.push(group(&old.id, kinds));
    }
    for new in added.iter().filter(|new| !taken.contains(&new.id)) {
        let change = ChangeKind::OperationAdded {
            method: new.method.clone(),
            path: new.path.clone(),
        };
        groups.push(group(&new.id, vec![change]));
    }
    groups.retain(|g| !g.changes.is_empty());
    groups.sort_by(|a, b| a.operation.cmp(&b.operation));
    groups
}

fn group(id: &str, kinds: Vec<ChangeKind>) -> OperationChanges {
    let mut changes: Vec<Change> = kinds.into_iter().map(Change::new).collect();
    sort_changes(&mut changes);
    OperationChanges {
        operation: id.to_string(),
        changes,
    }
}

/// Why `old` and `new` are one operation under two ids, if they are.
fn rename_evidence(old: &OperationDef, new: &OperationDef) -> Option<Vec<String>> {
    let mut evidence = Vec::new();
    if let (Some(old_page), Some(new_page)) = (&old.page, &new.page) {
        if old_page == new_page {
            evidence.push(format!("same documentation page {new_page}"));
        }
    }
    if old.method == new.method {
        let old_paths: BTreeSet<String> = all_paths(old).map(path_shape).collect();
        if let Some(path) = all_paths(new).find(|p| old_paths.contains(&path_shape(p))) {
            evidence.push(format!("same path {} {path}", new.method));
        }
    }
    (!evidence.is_empty()).then_some(evidence)
}

fn all_paths(operation: &OperationDef) -> impl Iterator<Item = &str> {
    std::iter::once(operation.path.as_str())
        .chain(operation.deprecated_paths.iter().map(String::as_str))
}

/// A path with every `{parameter}` name blanked, so `{id}` and `{call-id}` match.
fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_parameter = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_parameter = true;
                shape.push('{');
            }
            '}' => {
                in_parameter = false;
                shape.push('}');
            }
            _ if in_parameter => {}
            _ => shape.push(c),
        }
    }
    shape
}

fn compare_operation(
    sides: &Sides,
    old: &OperationDef,
    new: &OperationDef,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    let mut changes = Vec::new();
    if old.method != new.method {
        changes.push(ChangeKind::HttpMethodChanged {
            old: old.method.clone(),
            new: new.method.clone(),
        });
    }
    changes.extend(path_changes(old, new));
    if old.deprecated != new.deprecated {
        changes.push(ChangeKind::DeprecationChanged {
            old: old.deprecated,
            new: new.deprecated,
        });
    }
    if old.status != new.status {
        changes.push(ChangeKind::StatusChanged {
            old: old.status.clone(),
            new: new.status.clone(),
        });
    }
    changes.extend(body_changes(sides, old, new, replacements));
    if !same_optional_shape(&old.response, &new.response) {
        if let (Some(old_type), Some(new_type)) = (&old.response, &new.response) {
            replacements.record(old_type, new_type);
        }
        changes.push(ChangeKind::ResponseChanged {
            old_type: old.response.as_ref().map(|t| sides.old.describe(t)),
            new_type: new.response.as_ref().map(|t| sides.new.describe(t)),
        });
    }
    changes
}

fn same_optional_shape(old: &Option<TypeExpr>, new: &Option<TypeExpr>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => old.same_shape(new),
        (None, None) => true,
        _ => false,
    }
}

fn path_changes(old: &OperationDef, new: &OperationDef) -> Vec<ChangeKind> {
    let mut changes = Vec::new();
    let old_shape = path_shape(&old.path);
    let kept = |path: &str| path_shape(path) == old_shape;
    let old_kept_as_deprecated = new.deprecated_paths.iter().any(|p| kept(p));
    if old.path != new.path {
        changes.push(ChangeKind::PathChanged {
            old: old.path.clone(),
            new: new.path.clone(),
            old_kept_as_deprecated,
            parameter_count_changed: parameter_count(&old.path) != parameter_count(&new.path),
        });
    }
    let old_deprecated: BTreeSet<&String> = old.deprecated_paths.iter().collect();
    let new_deprecated: BTreeSet<&String> = new.deprecated_paths.iter().collect();
    for path in new_deprecated.difference(&old_deprecated) {
        if old.path != new.path && kept(path) {
            continue;
        }
        changes.push(ChangeKind::DeprecatedPathAdded {
            path: path.to_string(),
        });
    }
    for path in old_deprecated.difference(&new_deprecated) {
        changes.push(ChangeKind::DeprecatedPathRemoved {
            path: path.to_string(),
        });
    }
    changes
}

fn parameter_count(path: &str) -> usize {
    path.matches('{').count()
}

fn body_changes(
    sides: &Sides,
    old: &OperationDef,
    new: &OperationDef,
    replacements: &mut Replacements,
) -> Vec<ChangeKind> {
    match (&old.request_body, &new.request_body) {
        (None, None) => Vec::new(),
        (None, Some(body)) => vec![ChangeKind::RequestBodyAdded {
            ty: sides.new.describe(&body.ty),
        }],
        (Some(body), None) => vec![ChangeKind::RequestBodyRemoved {
            ty: sides.old.describe(&body.ty),
        }],
        (Some(old_body), Some(new_body)) => match (&old_body.ty, &new_body.ty) {
            (TypeExpr::InlineObject(old_params), TypeExpr::InlineObject(new_params)) => {
                compare_properties(sides, old_params, new_params, &[], replacements)
            }
            (old_type, new_type) if !old_type.same_shape(new_type) => {
                replacements.record(old_type, new_type);
                vec![ChangeKind::RequestBodyRetyped {
                    old_type: sides.old.describe(old_type),
                    new_type: sides.new.describe(new_type),
                }]
            }
            _ => Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_shape_ignores_parameter_names() {
        assert_eq!(
            path_shape("/app/calls/{id}/mute"),
            path_shape("/app/calls/{call-id}/mute")
        );
        assert_ne!(
            path_shape("/app/calls/{id}/mute"),
            path_shape("/app/calls/{id}/unmute")
        );
    }
}
