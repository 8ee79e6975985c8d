//! Enumeration values spelled the way the page's own examples send them.
//!
//! Tables often capitalise values (`None`, `Busy` and `Forbidden` in
//! call-reject's parameter table) that the examples of the same page send
//! in another case (`"reason": "busy"`). The examples show the wire
//! spelling, so when a page's example gives a property a value equal to a
//! documented value ignoring case, the example's spelling wins, and an
//! `enum-value-spelling` warning names the list's line and the example's.
//! A value that some example sends exactly as documented is kept as
//! documented. When every respelling the examples prove only lowers the
//! first letter (`Busy` sent as `busy`), the list's capitalisation is shown
//! wrong as a whole, so its values no example sends follow the examples'
//! convention too (`Forbidden` becomes `forbidden`), noted in the same
//! warning. Lists from another page (enums.md) are not respelled.
//!
//! This module only compares spellings; which list a property uses is
//! [`crate::extract::decide::schema`]'s decision.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location};

use crate::extract::read::examples::ExampleDoc;

/// The string values a page's examples give each top-level key (strings,
/// and strings inside arrays), with the example's line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ObservedValues {
    by_key: BTreeMap<String, Vec<(String, usize)>>,
}

impl ObservedValues {
    /// Collects the values of the given examples' top-level keys.
    pub(crate) fn of<'a>(examples: impl IntoIterator<Item = &'a ExampleDoc>) -> ObservedValues {
        let mut by_key: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        for example in examples {
            let Value::Object(map) = &*example.value else {
                continue;
            };
            for (key, value) in map {
                let strings = match value {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let seen = by_key.entry(key.clone()).or_default();
                seen.extend(strings.into_iter().map(|s| (s.to_string(), example.line)));
            }
        }
        ObservedValues { by_key }
    }

    /// The values seen for a key, in example order.
    pub(crate) fn for_key(&self, key: &str) -> &[(String, usize)] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The documented `values` with each one respelled as the examples send
/// it (see the module doc); one warning per property that changed.
pub(crate) fn prefer_observed_spelling(
    what: &str,
    values: &[String],
    observed: &[(String, usize)],
    at: (&Path, usize),
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut notes = Vec::new();
    let observed_spellings: Vec<Option<String>> = values
        .iter()
        .map(|documented| {
            let sent_as_documented = observed.iter().any(|(o, _)| o == documented);
            let other = observed
                .iter()
                .find(|(o, _)| o != documented && o.eq_ignore_ascii_case(documented));
            match other {
                Some((sent, line)) if !sent_as_documented => {
                    notes.push(format!(
                        "`{documented}` is sent as `{sent}` by the example at line {line}"
                    ));
                    Some(sent.clone())
                }
                _ => None,
            }
        })
        .collect();
    let lowers_first_letter = observed_spellings.iter().any(Option::is_some)
        && values
            .iter()
            .zip(&observed_spellings)
            .all(|(documented, sent)| sent.as_ref().is_none_or(|s| *s == lower_first(documented)));
    let respelled = values
        .iter()
        .zip(observed_spellings)
        .map(|(documented, sent)| match sent {
            Some(sent) => sent,
            None if lowers_first_letter && !observed.iter().any(|(o, _)| o == documented) => {
                let convention = lower_first(documented);
                if convention != *documented {
                    notes.push(format!(
                        "`{documented}` follows the examples' convention as `{convention}`"
                    ));
                }
                convention
            }
            None => documented.clone(),
        })
        .collect();
    if !notes.is_empty() {
        let mut diagnostic = Diagnostic::warning(
            Location::line(at.0, at.1),
            "enum-value-spelling",
            format!(
                "{what}: the page's examples spell documented values in another case; the examples' spelling is used"
            ),
        );
        for note in notes {
            diagnostic = diagnostic.with_note(note);
        }
        diags.push(diagnostic);
    }
    respelled
}

/// `value` with its first character in lower case.
fn lower_first(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_examples_spelling_wins_and_is_reported() {
        let mut diags = Diagnostics::new();
        let observed = vec![("busy".to_string(), 72), ("none".to_string(), 172)];
        let values = prefer_observed_spelling(
            "reject.reason",
            &strings(&["None", "Busy", "Forbidden"]),
            &observed,
            (Path::new("call-reject.md"), 50),
            &mut diags,
        );
        assert_eq!(values, strings(&["none", "busy", "forbidden"]));
        let rendered = diags.sorted()[0].to_string();
        assert!(rendered.starts_with("call-reject.md:50: warning[enum-value-spelling]"));
        assert!(rendered.contains("`None` is sent as `none` by the example at line 172"));
        assert!(rendered.contains("`Busy` is sent as `busy` by the example at line 72"));
        assert!(rendered.contains("`Forbidden` follows the examples' convention as `forbidden`"));
    }

    #[test]
    fn other_respellings_leave_unobserved_values_alone() {
        let mut diags = Diagnostics::new();
        let observed = vec![("FAST".to_string(), 3)];
        let values = prefer_observed_spelling(
            "x.speed",
            &strings(&["fast", "Slow"]),
            &observed,
            (Path::new("x.md"), 1),
            &mut diags,
        );
        assert_eq!(values, strings(&["FAST", "Slow"]));
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn a_value_also_sent_as_documented_is_kept() {
        let mut diags = Diagnostics::new();
        let observed = vec![("Fast".to_string(), 3), ("fast".to_string(), 9)];
        let values = prefer_observed_spelling(
            "x.speed",
            &strings(&["Fast", "Slow"]),
            &observed,
            (Path::new("x.md"), 1),
            &mut diags,
        );
        assert_eq!(values, strings(&["Fast", "Slow"]));
        assert!(diags.is_empty());
    }
}
