//! Reading single extension values out of a JSON object, noting every
//! value of the wrong JSON type.

use serde_json::{Map, Value};

/// An extension value of the wrong JSON type, at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractProblem {
    /// JSON pointer to the value.
    pub pointer: String,
    /// What is wrong, one line without a trailing period.
    pub message: String,
}

/// The extension values of one JSON object, and the problems found while
/// reading them. A value of the wrong type reads as absent.
pub struct Fields<'v> {
    object: Option<&'v Map<String, Value>>,
    pointer: &'v str,
    pub problems: Vec<ContractProblem>,
}

impl<'v> Fields<'v> {
    /// The fields of `value` (none when it is not an object) at `pointer`.
    pub fn of(value: &'v Value, pointer: &'v str) -> Self {
        Fields {
            object: value.as_object(),
            pointer,
            problems: Vec::new(),
        }
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.object.and_then(|o| o.get(key))
    }

    fn wrong(&mut self, key: &str, expected: &str) {
        self.problems.push(ContractProblem {
            pointer: format!("{}/{key}", self.pointer),
            message: format!("`{key}` must be {expected}"),
        });
    }

    /// A `true`/`false` flag; absent is `false`.
    pub fn flag(&mut self, key: &str) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => {
                self.wrong(key, "a boolean");
                false
            }
        }
    }

    /// A string.
    pub fn text(&mut self, key: &str) -> Option<String> {
        match self.get(key) {
            None => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => {
                self.wrong(key, "a string");
                None
            }
        }
    }

    /// A non-negative integer.
    pub fn count(&mut self, key: &str) -> Option<u64> {
        let value = self.get(key)?;
        let count = value.as_u64();
        if count.is_none() {
            self.wrong(key, "a non-negative integer");
        }
        count
    }

    /// An array of strings; the strings of it when some items are not.
    pub fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            self.wrong(key, "an array of strings");
            return Vec::new();
        };
        if items.iter().any(|i| !i.is_string()) {
            self.wrong(key, "an array of strings");
        }
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    }

    /// An object, read by `read` at its own pointer.
    pub fn record<T>(&mut self, key: &str, read: impl FnOnce(&mut Fields) -> T) -> Option<T> {
        let value = self.get(key)?;
        if !value.is_object() {
            self.wrong(key, "an object");
            return None;
        }
        let pointer = format!("{}/{key}", self.pointer);
        let mut inner = Fields::of(value, &pointer);
        let record = read(&mut inner);
        self.problems.append(&mut inner.problems);
        Some(record)
    }
}
