//! [`UnknownFields`]: the properties of a payload that the schema does not
//! know, kept in arrival order and written back unchanged.
//!
//! The Graph beta adds properties all the time; a payload from a newer
//! service must survive a parse/serialize cycle. This module does not know
//! which properties are known: the generated code decides that.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeMap;
use serde_json::Value;

/// Properties the schema does not know, in the order they were received.
#[derive(Clone, Default)]
pub struct UnknownFields {
    entries: Vec<(String, Value)>,
    /// Where each name is in `entries`: an object with very many unknown
    /// properties still decodes in `n log n`, not `n²`.
    positions: BTreeMap<String, usize>,
}

impl UnknownFields {
    /// An empty bag.
    pub fn new() -> Self {
        UnknownFields::default()
    }

    /// The value of the property `name`, if it was received.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let position = *self.positions.get(name)?;
        self.entries.get(position).map(|(_, value)| value)
    }

    /// Sets the property `name`, replacing an earlier value of the same name
    /// in place (as a JSON object would).
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        let name = name.into();
        if let Some(&position) = self.positions.get(&name) {
            if let Some(entry) = self.entries.get_mut(position) {
                entry.1 = value;
                return;
            }
        }
        self.positions.insert(name.clone(), self.entries.len());
        self.entries.push((name, value));
    }

    /// Removes the property `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let position = self.positions.remove(name)?;
        let (_, value) = self.entries.remove(position);
        for later in self.positions.values_mut().filter(|p| **p > position) {
            *later -= 1;
        }
        Some(value)
    }

    /// The properties in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes every property as an entry of `map`.
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }
}

impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownFields")
            .field("entries", &self.entries)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn insert_replaces_in_place_and_keeps_order() {
        let mut bag = UnknownFields::new();
        bag.insert("b", json!(1));
        bag.insert("a", json!(2));
        bag.insert("b", json!(3));
        let keys: Vec<_> = bag.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(bag.get("b"), Some(&json!(3)));
        assert_eq!(bag.remove("b"), Some(json!(3)));
        assert_eq!(bag.len(), 1);
        assert_eq!(bag.get("a"), Some(&json!(2)));
        bag.insert("c", json!(4));
        assert_eq!(bag.remove("a"), Some(json!(2)));
        assert_eq!(bag.get("c"), Some(&json!(4)));
        assert_eq!(bag.remove("a"), None);
    }

    #[test]
    fn many_properties_keep_their_order() {
        let mut bag = UnknownFields::new();
        for i in 0..20_000 {
            bag.insert(format!("p{i}"), json!(i));
        }
        bag.insert("p7", json!("again"));
        assert_eq!(bag.len(), 20_000);
        assert_eq!(bag.get("p7"), Some(&json!("again")));
        assert_eq!(bag.iter().nth(8).map(|(k, _)| k), Some("p8"));
    }
}
