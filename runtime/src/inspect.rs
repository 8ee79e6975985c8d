//! What the bindings understood of a payload: for every polymorphic choice,
//! enumeration value and unknown property, its JSON path and the Rust type
//! or variant chosen.
//!
//! Generated types implement [`Inspect`] by walking their fields; the
//! conformance snapshots print the resulting notes so that a reviewer sees
//! how a schema change alters the interpretation of each documented example.
//! The walk follows the value (already bounded by the decoder's depth limit).
//! This module knows nothing of a particular schema.

use crate::{Field, UnknownFields};

/// One observation: at `path`, the bindings understood `what`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// JSON path, `$.mediaConfig` or `$.targets[0].identity`.
    pub path: String,
    /// What was understood there, e.g. `AnyMediaConfig::ServiceHostedMediaConfig`.
    pub what: String,
}

/// Collects [`Note`]s while walking a value.
#[derive(Debug, Clone)]
pub struct Walker {
    path: String,
    notes: Vec<Note>,
    mismatches: Vec<String>,
}

impl Default for Walker {
    fn default() -> Self {
        Walker {
            path: "$".to_owned(),
            notes: Vec::new(),
            mismatches: Vec::new(),
        }
    }
}

impl Walker {
    /// A walker at the root (`$`).
    pub fn new() -> Self {
        Walker::default()
    }

    /// Records what is at the current path.
    pub fn note(&mut self, what: impl Into<String>) {
        self.notes.push(Note {
            path: self.path.clone(),
            what: what.into(),
        });
    }

    /// Walks the property `wire_name` of the current object.
    pub fn field<T: Inspect + ?Sized>(&mut self, wire_name: &str, value: &T) {
        let len = self.path.len();
        push_property(&mut self.path, wire_name);
        value.inspect(self);
        self.path.truncate(len);
    }

    /// Records every unknown property of the current object, and every
    /// value kept because it did not fit its declared type.
    pub fn unknown_fields(&mut self, bag: &UnknownFields) {
        for (name, _) in bag.iter() {
            let len = self.path.len();
            push_property(&mut self.path, name);
            match bag.mismatch(name) {
                Some(mismatch) => {
                    self.note(format!(
                        "value does not fit {}, kept as JSON",
                        mismatch.expected
                    ));
                    self.mismatches.push(self.path.clone());
                }
                None => self.note("unknown property, kept as JSON"),
            }
            self.path.truncate(len);
        }
    }

    /// The paths of the values kept because they did not fit their
    /// declared type, in walk order.
    pub fn mismatches(&self) -> &[String] {
        &self.mismatches
    }

    /// The notes collected so far, in walk order.
    pub fn into_notes(self) -> Vec<Note> {
        self.notes
    }
}

/// The paths of every value in `value` kept because it did not fit its
/// declared type (see [`crate::de::from_slice_tolerant`]), with the expectation:
/// `$.value[0].resourceData.resultInfo.code` and `value does not fit i32,
/// kept as JSON`.
pub fn mismatches<T: Inspect + ?Sized>(value: &T) -> Vec<Note> {
    let mut walker = Walker::new();
    value.inspect(&mut walker);
    let paths = std::mem::take(&mut walker.mismatches);
    let mut notes = walker.into_notes();
    notes.retain(|note| paths.contains(&note.path));
    notes
}

fn push_property(path: &mut String, name: &str) {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@' || c == '.');
    if plain && !name.contains('.') {
        path.push('.');
        path.push_str(name);
    } else {
        path.push_str("[\"");
        path.push_str(&name.replace('\\', "\\\\").replace('"', "\\\""));
        path.push_str("\"]");
    }
}

/// A value that can report what the bindings understood of it.
pub trait Inspect {
    /// Adds notes about `self` (and what it contains) to `walker`.
    fn inspect(&self, walker: &mut Walker);
}

impl<T: Inspect> Inspect for Field<T> {
    fn inspect(&self, walker: &mut Walker) {
        if let Field::Value(value) = self {
            value.inspect(walker);
        }
    }
}

impl<T: Inspect> Inspect for Option<T> {
    fn inspect(&self, walker: &mut Walker) {
        if let Some(value) = self {
            value.inspect(walker);
        }
    }
}

impl<T: Inspect + ?Sized> Inspect for Box<T> {
    fn inspect(&self, walker: &mut Walker) {
        (**self).inspect(walker);
    }
}

impl<T: Inspect> Inspect for Vec<T> {
    fn inspect(&self, walker: &mut Walker) {
        for (index, item) in self.iter().enumerate() {
            let len = walker.path.len();
            walker.path.push_str(&format!("[{index}]"));
            item.inspect(walker);
            walker.path.truncate(len);
        }
    }
}

macro_rules! opaque {
    ($($t:ty),*) => {$(
        impl Inspect for $t {
            fn inspect(&self, _walker: &mut Walker) {}
        }
    )*};
}

opaque!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    serde_json::Value,
    serde_json::Number
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_properties_and_indexes() {
        struct Choice;
        impl Inspect for Choice {
            fn inspect(&self, walker: &mut Walker) {
                walker.note("Choice");
            }
        }
        let mut walker = Walker::new();
        walker.field("targets", &vec![Choice, Choice]);
        walker.field("odd.name", &Field::Value(Choice));
        walker.field("absent", &Field::<Choice>::Absent);
        let mut bag = UnknownFields::new();
        bag.insert("@odata.context", json!("x"));
        walker.unknown_fields(&bag);
        let paths: Vec<_> = walker.into_notes().into_iter().map(|n| n.path).collect();
        assert_eq!(
            paths,
            [
                "$.targets[0]",
                "$.targets[1]",
                "$[\"odd.name\"]",
                "$[\"@odata.context\"]"
            ]
        );
    }
}
