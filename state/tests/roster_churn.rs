//! Roster churn: 1,000 participants join, some leave, notifications in
//! random order (a leave may even arrive before its join); the final roster
//! is exactly those who joined and did not leave.

mod support;

use std::collections::BTreeSet;
use std::time::Instant;

use graph_calls_state::{CallStates, Event};
use proptest::prelude::*;
use serde_json::Value;
use support::{batch, keeper, participants};

const CALL: &str = "2f1a1100-b174-40a0-aba7-0b405e01ed92";
const PARTICIPANTS: usize = 1_000;

/// A join or a leave of participant `n`.
#[derive(Debug, Clone, Copy)]
enum Step {
    Join(usize),
    Leave(usize),
}

fn id(n: usize) -> String {
    format!("participant-{n:04}")
}

fn notification(step: Step) -> Value {
    match step {
        Step::Join(n) => participants("updated", CALL, &[id(n)], false),
        Step::Leave(n) => participants("deleted", CALL, &[id(n)], false),
    }
}

/// Who leaves (one flag per participant), and the order of all steps.
fn churn() -> impl Strategy<Value = (Vec<bool>, Vec<Step>)> {
    proptest::collection::vec(any::<bool>(), PARTICIPANTS).prop_flat_map(|leaves| {
        let steps: Vec<Step> = (0..PARTICIPANTS)
            .map(Step::Join)
            .chain((0..PARTICIPANTS).filter(|&n| leaves[n]).map(Step::Leave))
            .collect();
        (Just(leaves), Just(steps).prop_shuffle())
    })
}

/// The same slots, each participant's first step its join and its second
/// its leave.
fn causal(steps: Vec<Step>) -> Vec<Step> {
    let mut seen = vec![false; PARTICIPANTS];
    steps
        .into_iter()
        .map(|step| {
            let (Step::Join(n) | Step::Leave(n)) = step;
            if seen[n] {
                Step::Leave(n)
            } else {
                seen[n] = true;
                Step::Join(n)
            }
        })
        .collect()
}

fn replay(steps: &[Step]) -> (CallStates, Vec<Event>) {
    let mut calls = keeper();
    let now = Instant::now();
    let mut events = Vec::new();
    for &step in steps {
        events.extend(calls.apply(batch(vec![notification(step)]), now));
    }
    (calls, events)
}

fn expected(leaves: &[bool]) -> BTreeSet<String> {
    (0..PARTICIPANTS).filter(|&n| !leaves[n]).map(id).collect()
}

fn roster(calls: &CallStates) -> BTreeSet<String> {
    let call = calls.call(CALL).expect("the call is kept");
    call.roster()
        .iter()
        .filter_map(|p| p.id.get().cloned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn joins_before_leaves_give_the_exact_roster((leaves, steps) in churn()) {
        let steps = causal(steps);
        let (calls, events) = replay(&steps);
        prop_assert_eq!(roster(&calls), expected(&leaves));
        let joined = events.iter().filter(|e| matches!(e, Event::ParticipantJoined { .. })).count();
        let left = events.iter().filter(|e| matches!(e, Event::ParticipantLeft { .. })).count();
        prop_assert_eq!(joined, PARTICIPANTS);
        prop_assert_eq!(left, leaves.iter().filter(|&&l| l).count());
    }

    #[test]
    fn any_order_gives_the_exact_roster((leaves, steps) in churn()) {
        let (calls, _) = replay(&steps);
        prop_assert_eq!(roster(&calls), expected(&leaves));
        let departed = calls.call(CALL).map(|c| c.roster().departed_len());
        prop_assert_eq!(departed, Some(leaves.iter().filter(|&&l| l).count()));
    }
}
