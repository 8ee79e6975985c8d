//! A notification's `resourceData`, from the notification examples.
//!
//! Every documented notification carries `resourceData` (the call, the
//! operation, or the participants that changed), but no property table
//! lists it. This pass reads the notification examples of every operation:
//! for each item of the payload's `value` array, the `@odata.type` of its
//! `resourceData` object, or of the elements of its `resourceData` array.
//! Each type seen is widened to its root documented ancestor (an
//! `inviteParticipantsOperation` stands for every `commsOperation`), and the
//! item type gets a `resourceData` property: one of those types, or a
//! collection of one, written as a union (`anyOf`) with
//! [`crate::contract::DOCUMENTED_AS`] naming the evidence. A type the closure does
//! not document is reported and left out; a type whose page documents
//! `resourceData` itself is left alone.
//!
//! This module knows the notification payload's shape (`value` items with
//! `resourceData`); it does not know the rest of the extractor's passes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::Resolved;
use crate::extract::read::examples::ExampleDoc;
use crate::extract::render::api::{Api, Property};

/// The property this pass adds.
pub(crate) const RESOURCE_DATA: &str = "resourceData";

/// The shapes `resourceData` was seen in, by item type.
#[derive(Debug, Default)]
struct Evidence {
    /// Root types of `resourceData` objects.
    objects: BTreeSet<String>,
    /// Root types of the elements of `resourceData` arrays.
    collections: BTreeSet<String>,
}

/// Adds `resourceData` to every notification item type the examples show
/// it on.
pub(crate) fn add_resource_data(api: &mut Api, hierarchy: &Hierarchy, diags: &mut Diagnostics) {
    let mut by_item_type: BTreeMap<String, Evidence> = BTreeMap::new();
    for operation in &api.operations {
        let Some(item_type) = operation
            .notification_type
            .as_ref()
            .and_then(|payload| item_type(api, payload))
        else {
            continue;
        };
        let evidence = by_item_type.entry(item_type).or_default();
        for example in &operation.notifications {
            collect(api, hierarchy, example, evidence, diags);
        }
    }
    for (item_type, evidence) in by_item_type {
        let Some(property) = property(&evidence) else {
            continue;
        };
        if let Some(ty) = api.types.get_mut(&item_type)
            && ty.properties.iter().all(|p| p.name != RESOURCE_DATA)
        {
            ty.properties.push(property);
        }
    }
}

/// The item type of a payload type's `value` collection
/// (`commsNotifications` gives `commsNotification`).
fn item_type(api: &Api, payload: &Resolved) -> Option<String> {
    let Resolved::Object(name) = payload else {
        return None;
    };
    let value = api
        .types
        .get(name)?
        .properties
        .iter()
        .find(|p| p.name == "value")?;
    match &value.ty {
        Resolved::Collection(item) => match item.as_ref() {
            Resolved::Object(item) => Some(item.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn collect(
    api: &Api,
    hierarchy: &Hierarchy,
    example: &ExampleDoc,
    evidence: &mut Evidence,
    diags: &mut Diagnostics,
) {
    let items = example.value.get("value").and_then(Value::as_array);
    for item in items.into_iter().flatten() {
        match item.get(RESOURCE_DATA) {
            Some(Value::Object(object)) => {
                if let Some(root) =
                    root_type(api, hierarchy, object.get("@odata.type"), example, diags)
                {
                    evidence.objects.insert(root);
                }
            }
            Some(Value::Array(elements)) => {
                for element in elements {
                    if let Some(root) =
                        root_type(api, hierarchy, element.get("@odata.type"), example, diags)
                    {
                        evidence.collections.insert(root);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The root documented ancestor of the type an `@odata.type` names.
fn root_type(
    api: &Api,
    hierarchy: &Hierarchy,
    odata_type: Option<&Value>,
    example: &ExampleDoc,
    diags: &mut Diagnostics,
) -> Option<String> {
    let text = odata_type?.as_str()?;
    let name = text
        .trim_start_matches('#')
        .trim_start_matches("microsoft.graph.");
    let Some(canonical) = api
        .types
        .keys()
        .find(|known| known.eq_ignore_ascii_case(name))
    else {
        diags.warn(
            &example.page,
            example.line,
            "notification-resource-unknown",
            format!("a notification's resourceData is `{text}`, which the closure does not document; it is left out of resourceData's types"),
        );
        return None;
    };
    let chain = hierarchy.self_and_ancestors(canonical);
    chain
        .iter()
        .rev()
        .find(|ancestor| api.types.contains_key(ancestor.as_str()))
        .cloned()
}

/// The property for the evidence: one type, one collection, or a union.
fn property(evidence: &Evidence) -> Option<Property> {
    let mut alternatives: Vec<Resolved> = evidence
        .objects
        .iter()
        .map(|name| Resolved::Object(name.clone()))
        .collect();
    alternatives.extend(
        evidence
            .collections
            .iter()
            .map(|name| Resolved::Collection(Box::new(Resolved::Object(name.clone())))),
    );
    let mut words: Vec<String> = evidence.objects.iter().cloned().collect();
    words.extend(
        evidence
            .collections
            .iter()
            .map(|c| format!("{c} collection")),
    );
    let ty = match alternatives.len() {
        0 => return None,
        1 => alternatives.remove(0),
        _ => Resolved::Union(alternatives),
    };
    Some(Property {
        name: RESOURCE_DATA.to_owned(),
        ty,
        description: Some(
            "The resource that changed, as the notification examples show it (the property tables do not list it).".to_owned(),
        ),
        read_only: false,
        nullable: false,
        documented_as: Some(format!("{} (from the notification examples)", words.join(" or "))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_type_is_not_a_union() {
        let evidence = Evidence {
            objects: BTreeSet::from(["call".to_owned()]),
            collections: BTreeSet::new(),
        };
        let added = property(&evidence).unwrap();
        assert_eq!(added.ty, Resolved::Object("call".into()));
        assert_eq!(
            added.documented_as.as_deref(),
            Some("call (from the notification examples)")
        );
        assert!(property(&Evidence::default()).is_none());
    }

    #[test]
    fn objects_then_collections() {
        let evidence = Evidence {
            objects: BTreeSet::from(["commsOperation".to_owned(), "call".to_owned()]),
            collections: BTreeSet::from(["participant".to_owned()]),
        };
        let added = property(&evidence).unwrap();
        assert_eq!(
            added.ty,
            Resolved::Union(vec![
                Resolved::Object("call".into()),
                Resolved::Object("commsOperation".into()),
                Resolved::Collection(Box::new(Resolved::Object("participant".into()))),
            ])
        );
        assert_eq!(
            added.documented_as.as_deref(),
            Some(
                "call or commsOperation or participant collection (from the notification examples)"
            )
        );
    }
}
