//! Property-wise merging of a resource with an update of it.
//!
//! The service sends a changed resource with only some of its properties:
//! a property an update leaves out keeps its known value, one it sends
//! (`null` included) replaces it. Merging works on the JSON objects, so
//! every property, those this version of the schema does not know
//! included, is kept without this module knowing the types.
//!
//! [`Ranked`] adds an order: each property remembers the rank of the update
//! its value came from, and a lower-ranked (older) update only fills in
//! properties that are not known yet. This makes the merge independent of
//! delivery order whenever updates of one rank agree.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A JSON object.
pub(crate) type Object = Map<String, Value>;

/// `value` as a JSON object (a non-object is an empty one, which the
/// generated types never give).
pub(crate) fn to_object<T: Serialize>(value: &T) -> Result<Object, serde_json::Error> {
    match serde_json::to_value(value)? {
        Value::Object(object) => Ok(object),
        _ => Ok(Object::new()),
    }
}

/// Reads a merged object back into its type.
pub(crate) fn from_object<T: DeserializeOwned>(object: Object) -> Result<T, serde_json::Error> {
    serde_json::from_value(Value::Object(object))
}

/// Overlays every property of `update` on `known`; returns the names of
/// the properties whose value changed, in `update`'s order.
pub(crate) fn overlay(known: &mut Object, update: Object) -> Vec<String> {
    let mut changed = Vec::new();
    for (name, value) in update {
        if known.get(&name) != Some(&value) {
            changed.push(name.clone());
            known.insert(name, value);
        }
    }
    changed
}

/// The rank of the update each property's value came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Ranked {
    /// Property name and rank, sorted by name.
    ranks: Vec<(Box<str>, u8)>,
}

/// How an update of a given rank meets properties of the same rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ties {
    /// The later delivery wins (the resource is still live).
    Replace,
    /// The value already known stays (the resource is final).
    Keep,
}

impl Ranked {
    /// Overlays the properties of `update` (of rank `rank`) that outrank
    /// the known ones, or that are not known yet; returns the names of the
    /// properties whose value changed.
    pub(crate) fn merge(
        &mut self,
        known: &mut Object,
        update: Object,
        rank: u8,
        ties: Ties,
    ) -> Vec<String> {
        let mut changed = Vec::new();
        for (name, value) in update {
            if !self.takes(&name, rank, ties, known.contains_key(&name)) {
                continue;
            }
            self.set_rank(&name, rank);
            if known.get(&name) != Some(&value) {
                changed.push(name.clone());
                known.insert(name, value);
            }
        }
        changed
    }

    fn takes(&self, name: &str, rank: u8, ties: Ties, known: bool) -> bool {
        if !known {
            return true;
        }
        match self.rank_of(name) {
            None => true,
            Some(current) if rank > current => true,
            Some(current) => rank == current && ties == Ties::Replace,
        }
    }

    fn rank_of(&self, name: &str) -> Option<u8> {
        self.ranks
            .binary_search_by(|(n, _)| (**n).cmp(name))
            .ok()
            .map(|index| self.ranks[index].1)
    }

    fn set_rank(&mut self, name: &str, rank: u8) {
        match self.ranks.binary_search_by(|(n, _)| (**n).cmp(name)) {
            Ok(index) => self.ranks[index].1 = rank,
            Err(index) => self.ranks.insert(index, (name.into(), rank)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Object {
        match value {
            Value::Object(object) => object,
            _ => Object::new(),
        }
    }

    #[test]
    fn absent_properties_stay_and_sent_ones_replace() {
        let mut known = object(json!({"a": 1, "b": 2}));
        let changed = overlay(&mut known, object(json!({"b": null, "c": 3, "a": 1})));
        assert_eq!(changed, ["b", "c"]);
        assert_eq!(Value::Object(known), json!({"a": 1, "b": null, "c": 3}));
    }

    #[test]
    fn a_lower_rank_only_fills_in_whatever_the_order() {
        let high = object(json!({"state": "established", "x": 1}));
        let low = object(json!({"state": "establishing", "x": 0, "y": 2}));
        let mut in_order = (Object::new(), Ranked::default());
        in_order
            .1
            .merge(&mut in_order.0, low.clone(), 1, Ties::Replace);
        in_order
            .1
            .merge(&mut in_order.0, high.clone(), 3, Ties::Replace);
        let mut reversed = (Object::new(), Ranked::default());
        reversed.1.merge(&mut reversed.0, high, 3, Ties::Replace);
        let changed = reversed.1.merge(&mut reversed.0, low, 1, Ties::Replace);
        assert_eq!(changed, ["y"]);
        assert_eq!(in_order, reversed);
        assert_eq!(
            Value::Object(reversed.0),
            json!({"state": "established", "x": 1, "y": 2})
        );
    }

    #[test]
    fn ties_replace_while_live_and_keep_once_final() {
        let mut known = object(json!({"x": 1}));
        let mut ranks = Ranked::default();
        ranks.merge(&mut known, object(json!({"x": 1})), 2, Ties::Replace);
        ranks.merge(&mut known, object(json!({"x": 2})), 2, Ties::Replace);
        assert_eq!(known["x"], 2);
        ranks.merge(&mut known, object(json!({"x": 3})), 2, Ties::Keep);
        assert_eq!(known["x"], 2);
    }
}
