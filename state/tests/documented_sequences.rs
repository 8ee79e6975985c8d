//! The documented notification sequences, replayed in order, reversed,
//! shuffled and duplicated, give the same final state.
//!
//! A sequence is one documented scenario: the notification examples of an
//! operation's page in page order (create-call: `establishing`,
//! `established`, the roster; call-delete: `terminating`, `terminated`;
//! playPrompt: the completion; ...), split where the page starts its next
//! scenario (see [`Scenario`]). Sequences come from the committed schema and, when the docs corpora are present,
//! from every corpus (the 2019 pages name resources with `resource` and
//! `/app/...`). Every notification is fed as its own batch, as the service
//! posts them.

mod support;

use std::sync::LazyLock;
use std::time::Instant;

use std::collections::{BTreeMap, BTreeSet};

use callgen::ir::{Example, Ir};
use graph_calls::{CallState, CommsNotifications};
use graph_calls_state::CallPhase;
use proptest::prelude::*;
use serde_json::Value;
use support::{batch, canonical, keeper, snapshot};

/// One operation's documented notifications, in page order.
#[derive(Debug, Clone)]
struct Sequence {
    /// `<corpus> <operation id>`.
    name: String,
    /// The notification objects (the items of each example's `value`).
    notifications: Vec<Value>,
}

static SEQUENCES: LazyLock<Vec<Sequence>> = LazyLock::new(documented_sequences);

fn documented_sequences() -> Vec<Sequence> {
    let mut corpora = vec![(
        "schema".to_owned(),
        callgen::ir::from_openapi(&callgen_conformance::committed_schema()).unwrap(),
    )];
    if let Some(docs) = callgen_conformance::docs_dir() {
        for (name, relative) in callgen_conformance::CORPORA {
            corpora.push((
                (*name).to_owned(),
                callgen_conformance::corpus_ir(&docs.join(relative)),
            ));
        }
    }
    corpora
        .iter()
        .flat_map(|(corpus, ir)| sequences_of(corpus, ir))
        .collect()
}

fn sequences_of(corpus: &str, ir: &Ir) -> Vec<Sequence> {
    let mut out = Vec::new();
    for op in &ir.operations {
        let mut examples: Vec<&Example> = op
            .callbacks
            .iter()
            .filter_map(|c| c.body.as_ref())
            .flat_map(|body| body.examples.iter())
            .collect();
        examples.sort_by_key(|e| (e.page.clone(), e.line));
        let notifications = examples
            .iter()
            .map(|e| (format!("{corpus} {}", e.name), repaired(&e.value)))
            .filter(|(name, value)| decodes(value, name))
            .flat_map(|(_, value)| value["value"].as_array().cloned().unwrap_or_default());
        let mut scenario = Scenario::default();
        let mut number = 0;
        for notification in notifications {
            if scenario.restarts_with(&notification) {
                number += 1;
                out.push(scenario.into_sequence(corpus, &op.operation_id, number));
                scenario = Scenario::default();
            }
            scenario.push(notification);
        }
        if !scenario.notifications.is_empty() {
            number += 1;
            out.push(scenario.into_sequence(corpus, &op.operation_id, number));
        }
    }
    out
}

/// One documented scenario being read. A page documents several one after
/// another (answer with service-hosted media, then with app-hosted media;
/// a transfer that completes, then one that fails): the next begins where
/// a call goes back to an earlier phase, an ended call is reported ended
/// again, or an operation already finished is reported again. (Such a
/// repeat within one run is a conflict the service gives nothing to order
/// by: the keeper keeps the first final report; see the crate docs.)
#[derive(Default)]
struct Scenario {
    notifications: Vec<Value>,
    phases: BTreeMap<String, CallPhase>,
    finished: BTreeSet<String>,
}

impl Scenario {
    fn restarts_with(&self, notification: &Value) -> bool {
        let url = resource_url(notification);
        if let Some(phase) = phase_of(notification) {
            return self.phases.get(&url).is_some_and(|&known| {
                phase < known || (phase == CallPhase::Ended && known == CallPhase::Ended)
            });
        }
        self.finished.contains(&url)
    }

    fn push(&mut self, notification: Value) {
        let url = resource_url(&notification);
        if let Some(phase) = phase_of(&notification) {
            let known = self.phases.entry(url.clone()).or_insert(phase);
            *known = (*known).max(phase);
        }
        let status = notification["resourceData"]["status"].as_str();
        if matches!(status, Some("completed" | "failed")) {
            self.finished.insert(url);
        }
        self.notifications.push(notification);
    }

    fn into_sequence(self, corpus: &str, operation: &str, number: usize) -> Sequence {
        Sequence {
            name: format!("{corpus} {operation} #{number}"),
            notifications: self.notifications,
        }
    }
}

/// The resource URL (or the 2019 `resource`), GUIDs in one spelling.
fn resource_url(notification: &Value) -> String {
    let url = notification["resourceUrl"]
        .as_str()
        .or(notification["resource"].as_str())
        .unwrap_or_default();
    url.split('/').map(canonical).collect::<Vec<_>>().join("/")
}

fn phase_of(notification: &Value) -> Option<CallPhase> {
    let state = notification["resourceData"]["state"].as_str()?;
    CallPhase::of(&CallState::from_wire(state))
}

/// The batch with the one docs defect `callgen_conformance::exceptions`
/// lists for notifications repaired: `resultInfo.code` written as a string
/// of digits (call-delete's `terminated`, the 2019 call-transfer pages).
fn repaired(batch: &Value) -> Value {
    let mut batch = batch.clone();
    for notification in batch["value"].as_array_mut().into_iter().flatten() {
        if let Some(code) = notification.pointer_mut("/resourceData/resultInfo/code") {
            if let Some(number) = code.as_str().and_then(|c| c.parse::<i64>().ok()) {
                *code = Value::from(number);
            }
        }
    }
    batch
}

/// Whether a documented batch decodes (one that does not is a decoding
/// matter, not the keeper's: it is named and left out).
fn decodes(value: &Value, name: &str) -> bool {
    match serde_json::from_value::<CommsNotifications>(value.clone()) {
        Ok(_) => true,
        Err(error) => {
            eprintln!("left out, does not decode: {name}: {error}");
            false
        }
    }
}

/// The final state after feeding `order` (indices into the sequence).
fn final_state(sequence: &Sequence, order: &[usize]) -> Value {
    let mut calls = keeper();
    let now = Instant::now();
    for &index in order {
        calls.apply(batch(vec![sequence.notifications[index].clone()]), now);
    }
    snapshot(&calls)
}

fn in_order(sequence: &Sequence) -> Vec<usize> {
    (0..sequence.notifications.len()).collect()
}

#[test]
fn there_are_documented_sequences_and_they_apply() {
    let sequences = &*SEQUENCES;
    let notifications: usize = sequences.iter().map(|s| s.notifications.len()).sum();
    eprintln!(
        "{} sequences, {notifications} notifications",
        sequences.len()
    );
    assert!(sequences.len() >= 15, "{}", sequences.len());
    for sequence in sequences {
        let state = final_state(sequence, &in_order(sequence));
        assert!(
            state.as_array().is_some_and(|calls| !calls.is_empty()),
            "{}: no call kept",
            sequence.name
        );
    }
}

#[test]
fn reversed_and_doubled_give_the_same_final_state() {
    for sequence in &*SEQUENCES {
        let expected = final_state(sequence, &in_order(sequence));
        let reversed: Vec<usize> = in_order(sequence).into_iter().rev().collect();
        assert_eq!(
            final_state(sequence, &reversed),
            expected,
            "{} reversed",
            sequence.name
        );
        let doubled: Vec<usize> = in_order(sequence)
            .into_iter()
            .flat_map(|i| [i, i])
            .collect();
        assert_eq!(
            final_state(sequence, &doubled),
            expected,
            "{} doubled",
            sequence.name
        );
    }
}

/// A sequence and an interleaving of it: every notification one to three
/// times, in any order.
fn interleaving() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (0..SEQUENCES.len()).prop_flat_map(|which| {
        let len = SEQUENCES[which].notifications.len();
        proptest::collection::vec(1..=3usize, len).prop_flat_map(move |copies| {
            let order: Vec<usize> = copies
                .iter()
                .enumerate()
                .flat_map(|(index, &n)| std::iter::repeat_n(index, n))
                .collect();
            (Just(which), Just(order).prop_shuffle())
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn shuffled_and_duplicated_give_the_same_final_state((which, order) in interleaving()) {
        let sequence = &SEQUENCES[which];
        let expected = final_state(sequence, &in_order(sequence));
        prop_assert_eq!(final_state(sequence, &order), expected, "{} in order {:?}", sequence.name, order);
    }
}
