//! [`UnknownFields`]: the properties of a payload that the schema does not
//! know, kept in arrival order and written back unchanged.
//!
//! The Graph beta adds properties all the time; a payload from a newer
//! service must survive a parse/serialize cycle. This module does not know
//! which properties are known: the generated code decides that.

use serde::ser::SerializeMap;
use serde_json::Value;

/// Properties the schema does not know, in the order they were received.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnknownFields {
    entries: Vec<(String, Value)>,
}

impl UnknownFields {
    /// An empty bag.
    pub fn new() -> Self {
        UnknownFields::default()
    }

    /// The value of the property `name`, if it was received.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// Sets the property `name`, replacing an earlier value of the same name
    /// in place (as a JSON object would).
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        let name = name.into();
        match self.entries.iter_mut().find(|(key, _)| *key == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
    }

    /// Removes the property `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.entries.iter().position(|(key, _)| key == name)?;
        Some(self.entries.remove(index).1)
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
    }
}
