//! Walking Graph URLs and path templates through the documented types.
//!
//! `/communications/calls/{id}/participants/{id}/mute` is read segment by
//! segment: the first segment after the namespace is a root collection
//! whose item type is its singular (`calls` -> `call`); a segment after an
//! item is a relationship (or property) of the item's type
//! (`participants` -> `participant` collection, `operations` ->
//! `commsOperation` collection); `{...}` (or, in a concrete URL, any
//! segment after a collection) is an item key; anything else is an action
//! bound to what precedes it. This gives path parameters their distinct
//! names (`{call-id}`, `{participant-id}`), operations their ids, and
//! `Location` headers and notification `resourceUrl`s their types.

use std::collections::BTreeMap;

use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::render::api::ObjectType;

/// Where a walk stands after a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// Before the first collection (`/communications`, `/app`).
    Namespace,
    /// A collection of items of a type (the type's name, possibly unknown).
    Collection(String),
    /// One item of a type.
    Item(String),
    /// An action or function name bound to the place before it.
    Action(String),
}

/// Looks up relationships and root collections.
pub(crate) struct Navigator<'a> {
    pub(crate) resolver: &'a Resolver,
    pub(crate) hierarchy: &'a Hierarchy,
    pub(crate) types: &'a BTreeMap<String, ObjectType>,
}

impl Navigator<'_> {
    /// The place reached from `from` by the named segment `segment`
    /// (not a key). `next_is_key` says whether a key follows it.
    pub(crate) fn step(&self, from: &Place, segment: &str, next_is_key: bool) -> Place {
        match from {
            Place::Namespace => Place::Collection(self.root_item_type(segment)),
            Place::Item(owner) => match self.property_type(owner, segment) {
                Some(Resolved::Collection(inner)) => match *inner {
                    Resolved::Object(item) => Place::Collection(item),
                    _ => Place::Action(segment.to_string()),
                },
                Some(Resolved::Object(item)) => Place::Item(item),
                _ if next_is_key => Place::Collection(self.singular_type(segment)),
                _ => Place::Action(segment.to_string()),
            },
            Place::Collection(_) | Place::Action(_) => Place::Action(segment.to_string()),
        }
    }

    /// The type of the resource a concrete Graph URL points to
    /// (`https://graph.microsoft.com/beta/communications/calls/1/operations/2`).
    pub(crate) fn resolve_url(&self, url: &str) -> Option<Resolved> {
        let segments = url_segments(url);
        let (_, rest) = split_namespace(&segments);
        let mut place = Place::Namespace;
        for (index, segment) in rest.iter().enumerate() {
            place = match &place {
                Place::Collection(item) => Place::Item(item.clone()),
                _ => self.step(&place, segment, index + 1 < rest.len()),
            };
            if matches!(place, Place::Action(_)) {
                return None;
            }
        }
        match place {
            Place::Item(name) => Some(Resolved::Object(name)),
            Place::Collection(name) => Some(Resolved::Collection(Box::new(Resolved::Object(name)))),
            _ => None,
        }
    }

    /// The item type of a root collection: its singular, when documented.
    fn root_item_type(&self, segment: &str) -> String {
        self.singular_type(segment)
    }

    fn singular_type(&self, segment: &str) -> String {
        let singular = singular(segment);
        self.resolver
            .type_named(&singular)
            .map_or(singular, str::to_string)
    }

    /// The type of a property of `owner` (or of its ancestors).
    pub(crate) fn property_type(&self, owner: &str, name: &str) -> Option<Resolved> {
        for ancestor in self.hierarchy.self_and_ancestors(owner) {
            let Some(ty) = self.types.get(&ancestor) else {
                continue;
            };
            if let Some(p) = ty
                .properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
            {
                return Some(p.ty.clone());
            }
        }
        None
    }
}

/// `calls` -> `call`, `audioRoutingGroups` -> `audioRoutingGroup`.
pub(crate) fn singular(segment: &str) -> String {
    if let Some(stem) = segment.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if segment.ends_with("ss") || segment.ends_with("us") {
        return segment.to_string();
    }
    segment.strip_suffix('s').unwrap_or(segment).to_string()
}

/// The path segments of a URL or path: scheme, host, `/beta` or `/v1.0`
/// and the query string removed.
pub(crate) fn url_segments(url: &str) -> Vec<&str> {
    let without_query = url.split(['?', '#']).next().unwrap_or("");
    let path = match without_query.find("://") {
        Some(scheme_end) => {
            let after_scheme = &without_query[scheme_end + 3..];
            after_scheme
                .find('/')
                .map_or("", |slash| &after_scheme[slash..])
        }
        None => without_query,
    };
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("beta") || s.eq_ignore_ascii_case("v1.0"))
    {
        segments.remove(0);
    }
    segments
}

/// Splits off the namespace segment (`communications`, `app`), if any.
pub(crate) fn split_namespace<'s, 'a>(segments: &'s [&'a str]) -> (Option<&'a str>, &'s [&'a str]) {
    match segments.first() {
        Some(first) if is_namespace(first) => (Some(first), &segments[1..]),
        _ => (None, segments),
    }
}

/// Whether a request target fits a path template: the same number of
/// segments (namespaces aside), each equal (without case) or standing for
/// a `{key}` of the template.
pub(crate) fn target_fits(template: &str, target: &str) -> bool {
    let segments = url_segments(target);
    let (_, rest) = split_namespace(&segments);
    let template = url_segments(template);
    let (_, template_rest) = split_namespace(&template);
    template_rest.len() == rest.len()
        && template_rest
            .iter()
            .zip(rest)
            .all(|(t, s)| is_key(t) || t.eq_ignore_ascii_case(s))
}

/// The namespaces calls live under: `communications` (current) and `app`
/// (deprecated).
pub(crate) fn is_namespace(segment: &str) -> bool {
    segment == "communications" || segment == "app"
}

/// Whether a path segment is a key placeholder (`{id}`).
pub(crate) fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("calls"), "call");
        assert_eq!(singular("audioRoutingGroups"), "audioRoutingGroup");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("status"), "status");
    }

    #[test]
    fn url_segments_drop_host_version_and_query() {
        assert_eq!(
            url_segments("https://graph.microsoft.com/beta/communications/calls/1/mute?x=1"),
            vec!["communications", "calls", "1", "mute"]
        );
        assert_eq!(
            url_segments("/app/calls/{id}"),
            vec!["app", "calls", "{id}"]
        );
    }
}
