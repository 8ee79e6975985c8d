//! [`UnknownFields`]: the properties of a payload that the schema does not
//! know, kept in arrival order and written back unchanged.
//!
//! The Graph beta adds properties all the time; a payload from a newer
//! service must survive a parse/serialize cycle. Tolerant decoding
//! ([`crate::de::from_slice_tolerant`]) also keeps here, with a [`Mismatch`], the value
//! of a known property that did not fit its declared type. This module does
//! not know which properties are known: the generated code decides that.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeMap;
use serde_json::Value;

/// How many properties a bag holds before it keeps an index of their names:
/// below this, finding a name by scanning is cheaper than any index (a
/// payload's unknown properties are nearly always a handful).
const INDEX_FROM: usize = 16;

/// Why a property's value was kept as JSON instead of being read into its
/// declared type (tolerant decoding only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// What the declared type expects, in serde's words (`i32`,
    /// `a microsoft.graph.resultInfo object`).
    pub expected: String,
    /// The decoder's message (`invalid type: string "0", expected i32`).
    pub reason: String,
}

/// Properties the schema does not know, in the order they were received,
/// and values of known properties kept because they did not fit their type.
#[derive(Clone, Default)]
pub struct UnknownFields {
    entries: Vec<(String, Value)>,
    /// The entries kept by tolerant decoding, by name, in arrival order.
    mismatches: Vec<(String, Mismatch)>,
    /// Where each name is in `entries`, kept only from [`INDEX_FROM`]
    /// properties on: an object with very many unknown properties still
    /// decodes in `n log n`, not `n²`, and a small bag costs no index.
    positions: Option<BTreeMap<String, usize>>,
}

impl UnknownFields {
    /// An empty bag.
    pub fn new() -> Self {
        UnknownFields::default()
    }

    /// Where the property `name` is in `entries`.
    fn position(&self, name: &str) -> Option<usize> {
        match &self.positions {
            Some(positions) => positions.get(name).copied(),
            None => self.entries.iter().position(|(key, _)| key == name),
        }
    }

    /// The value of the property `name`, if it was received.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let position = self.position(name)?;
        self.entries.get(position).map(|(_, value)| value)
    }

    /// Whether the property `name` was received.
    #[inline]
    pub fn contains(&self, name: &str) -> bool {
        !self.entries.is_empty() && self.position(name).is_some()
    }

    /// Sets the property `name`, replacing an earlier value of the same name
    /// in place (as a JSON object would); a replaced value loses its
    /// [`Mismatch`].
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        let name = name.into();
        self.forget_mismatch(&name);
        if let Some(position) = self.position(&name) {
            if let Some(entry) = self.entries.get_mut(position) {
                entry.1 = value;
                return;
            }
        }
        self.push_new(name, value);
    }

    /// Appends a property known not to be in the bag yet.
    pub(crate) fn push_new(&mut self, name: String, value: Value) {
        if let Some(positions) = &mut self.positions {
            positions.insert(name.clone(), self.entries.len());
        }
        self.entries.push((name, value));
        if self.positions.is_none() && self.entries.len() >= INDEX_FROM {
            self.positions = Some(self.index());
        }
    }

    /// Appends a known property's value that did not fit its type, with
    /// why; the name is known not to be in the bag yet.
    pub(crate) fn push_mismatch(&mut self, name: String, value: Value, mismatch: Mismatch) {
        self.mismatches.push((name.clone(), mismatch));
        self.push_new(name, value);
    }

    /// The values kept because they did not fit their property's declared
    /// type, in arrival order: name, value as received, and why.
    ///
    /// Empty unless the payload was read with [`crate::de::from_slice_tolerant`].
    pub fn mismatches(&self) -> impl Iterator<Item = (&str, &Value, &Mismatch)> {
        self.mismatches.iter().filter_map(|(name, mismatch)| {
            self.get(name).map(|value| (name.as_str(), value, mismatch))
        })
    }

    /// Why the property `name` was kept as JSON, when it is a known
    /// property whose value did not fit its type.
    pub fn mismatch(&self, name: &str) -> Option<&Mismatch> {
        if self.mismatches.is_empty() {
            return None;
        }
        self.mismatches
            .iter()
            .find(|(kept, _)| kept == name)
            .map(|(_, mismatch)| mismatch)
    }

    fn forget_mismatch(&mut self, name: &str) {
        if !self.mismatches.is_empty() {
            self.mismatches.retain(|(kept, _)| kept != name);
        }
    }

    /// Every name with its position.
    fn index(&self) -> BTreeMap<String, usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(position, (key, _))| (key.clone(), position))
            .collect()
    }

    /// Removes the property `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let position = self.position(name)?;
        self.forget_mismatch(name);
        let (_, value) = self.entries.remove(position);
        if let Some(positions) = &mut self.positions {
            positions.remove(name);
            for later in positions.values_mut().filter(|p| **p > position) {
                *later -= 1;
            }
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
    #[inline]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes every property as an entry of `map`.
    #[inline]
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if !self.mismatches.is_empty() {
            return self.serialize_with_mismatches(map);
        }
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        Ok(())
    }

    /// Like [`UnknownFields::serialize_entries`], each kept value under
    /// [`crate::de::write_key`]'s key (its name, except while tolerant
    /// decoding converts a family member from its base).
    fn serialize_with_mismatches<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.entries {
            match self.mismatch(key) {
                Some(mismatch) => {
                    map.serialize_entry(&crate::de::write_key(key, value, mismatch), value)?
                }
                None => map.serialize_entry(key, value)?,
            }
        }
        Ok(())
    }
}

impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.mismatches == other.mismatches
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("UnknownFields");
        debug.field("entries", &self.entries);
        if !self.mismatches.is_empty() {
            debug.field("mismatches", &self.mismatches);
        }
        debug.finish()
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
    fn mismatches_are_listed_and_forgotten_when_replaced() {
        let mut bag = UnknownFields::new();
        bag.insert("extra", json!(1));
        let why = Mismatch {
            expected: "i32".into(),
            reason: "invalid type: string \"0\", expected i32".into(),
        };
        bag.push_mismatch("code".into(), json!("0"), why.clone());
        let listed: Vec<_> = bag.mismatches().collect();
        assert_eq!(listed, [("code", &json!("0"), &why)]);
        assert_eq!(bag.mismatch("code"), Some(&why));
        assert_eq!(bag.mismatch("extra"), None);
        assert_eq!(bag.len(), 2);
        bag.insert("code", json!(0));
        assert_eq!(bag.mismatches().count(), 0);
        bag.push_mismatch("subcode".into(), json!(true), why);
        assert!(bag.remove("subcode").is_some());
        assert_eq!(bag.mismatch("subcode"), None);
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

    #[test]
    fn the_index_appears_at_its_threshold_and_stays_consistent() {
        let mut bag = UnknownFields::new();
        for i in 0..INDEX_FROM + 3 {
            bag.insert(format!("p{i}"), json!(i));
            assert_eq!(bag.positions.is_some(), i + 1 >= INDEX_FROM);
        }
        assert_eq!(bag.remove("p2"), Some(json!(2)));
        assert_eq!(bag.remove("p0"), Some(json!(0)));
        assert!(!bag.contains("p0"));
        bag.insert("p5", json!("five"));
        bag.insert("new", json!("last"));
        for (position, (key, value)) in bag.iter().enumerate() {
            assert_eq!(bag.position(key), Some(position));
            assert_eq!(bag.get(key), Some(value));
        }
        assert_eq!(bag.iter().next(), Some(("p1", &json!(1))));
        assert_eq!(bag.get("p5"), Some(&json!("five")));
        assert_eq!(bag.iter().last().map(|(k, _)| k), Some("new"));
    }
}
