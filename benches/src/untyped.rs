//! How much of a decoded payload the typed decode left as raw JSON: the
//! unknown properties reported by the runtime's [`Inspect`] walk, resolved
//! in the original document to count their bytes. A typed decode that
//! keeps most of a payload as `serde_json::Value` cannot be faster than a
//! `Value` decode, so the codec benchmark prints this next to its figures.

use callgen_runtime::Inspect;
use callgen_runtime::inspect::Walker;
use serde_json::Value;
use std::collections::BTreeMap;

/// The untyped part of one payload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Untyped {
    /// Unknown properties by name, with how many times each occurs.
    pub properties: BTreeMap<String, usize>,
    /// Compact JSON bytes of their values.
    pub bytes: usize,
}

/// The unknown properties of `typed`, a decoding of `original`.
pub fn untyped(typed: &impl Inspect, original: &Value) -> Untyped {
    let mut walker = Walker::new();
    typed.inspect(&mut walker);
    let mut out = Untyped::default();
    for note in walker.into_notes() {
        if !note.what.starts_with("unknown property") {
            continue;
        }
        let steps = steps(&note.path);
        if let Some(Step::Name(name)) = steps.last() {
            *out.properties.entry(name.clone()).or_default() += 1;
        }
        if let Some(value) = resolve(original, &steps) {
            out.bytes += serde_json::to_string(value).map_or(0, |s| s.len());
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Name(String),
    Index(usize),
}

/// The steps of a walker path: `$.a[0]["b.c"]` is `a`, `0`, `b.c`.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[\"") {
            let end = quoted_end(after);
            let name = after[..end].replace("\\\"", "\"").replace("\\\\", "\\");
            out.push(Step::Name(name));
            rest = after.get(end + 2..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            out.push(Step::Index(after[..end].parse().unwrap_or(usize::MAX)));
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let after = rest.strip_prefix('.').unwrap_or(rest);
            let end = after.find(['.', '[']).unwrap_or(after.len());
            out.push(Step::Name(after[..end].to_owned()));
            rest = &after[end..];
        }
    }
    out
}

/// The byte offset of the closing `"]` of a quoted name.
fn quoted_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped && text[i..].starts_with("\"]") => return i,
            _ => escaped = false,
        }
    }
    text.len()
}

fn resolve<'a>(value: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(value, |value, step| match step {
        Step::Name(name) => value.get(name.as_str()),
        Step::Index(index) => value.get(*index),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walker_paths_resolve_in_the_document() {
        let document = serde_json::json!({"a": [{"b.c": {"d": [1, 2]}}]});
        let steps = steps("$.a[0][\"b.c\"].d");
        assert_eq!(
            steps,
            [
                Step::Name("a".into()),
                Step::Index(0),
                Step::Name("b.c".into()),
                Step::Name("d".into())
            ]
        );
        assert_eq!(resolve(&document, &steps), Some(&serde_json::json!([1, 2])));
    }
}
