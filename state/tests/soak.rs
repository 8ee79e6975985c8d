//! A bounded soak: rounds of calls that connect, fill a roster, change it,
//! run an operation, and end; after each round the grace periods pass.
//! Memory must come back flat: the keeper's own counts return to zero and
//! the live heap (counted by this binary's allocator) stops growing once
//! the remembered retired ids reach their limit.
//!
//! Bounded by count (`ROUNDS` rounds of `CALLS` calls) and by wall time
//! (it stops early after `TIME_LIMIT`); nothing asserts on time. Run with
//! `--nocapture` to see the figures.

mod support;

use std::time::{Duration, Instant};

use graph_calls_state::{CallStates, Config, Counts};
use serde_json::json;
use support::{batch, call_state, operation, participants};

#[path = "support/counting_allocator.rs"]
mod counting_allocator;

use counting_allocator::live;

const ROUNDS: usize = 12;
const CALLS: usize = 200;
const ROSTER: usize = 20;
const TIME_LIMIT: Duration = Duration::from_secs(120);
const MAX_CALLS: usize = 500;

/// One call's life, fed notification by notification.
fn one_call(calls: &mut CallStates, round: usize, n: usize, now: Instant) {
    let call_id = format!("{round:04}-{n:04}-call");
    let ids: Vec<String> = (0..ROSTER).map(|p| format!("{call_id}-p{p}")).collect();
    let prompt = |status: &str| {
        json!({"@odata.type": "#microsoft.graph.playPromptOperation", "status": status,
            "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c"})
    };
    let steps = [
        call_state(&call_id, "establishing"),
        call_state(&call_id, "established"),
        participants("updated", &call_id, &ids, false),
        participants("updated", &call_id, &ids[..5], true),
        operation("updated", &call_id, "prompt", prompt("running")),
        operation("deleted", &call_id, "prompt", prompt("completed")),
        participants("deleted", &call_id, &ids[10..], true),
        call_state(&call_id, "terminating"),
        call_state(&call_id, "terminated"),
    ];
    for step in steps {
        calls.apply(batch(vec![step]), now);
    }
}

#[test]
fn memory_is_flat_after_calls_end() {
    let config = Config {
        max_calls: MAX_CALLS,
        ..Config::default()
    };
    let grace = config
        .terminated_call_grace
        .max(config.finished_operation_grace);
    let started = Instant::now();
    let baseline = live();
    let mut calls = CallStates::new(config);
    let mut clock = started;
    // Filled without growing (reserved here), printed at the end: printed
    // output is captured on the heap by the test harness.
    let mut after_rounds = Vec::with_capacity(ROUNDS);
    let mut figures = Vec::with_capacity(ROUNDS);
    let mut peak_counts = Counts::default();
    for round in 0..ROUNDS {
        if started.elapsed() > TIME_LIMIT {
            break;
        }
        for n in 0..CALLS {
            one_call(&mut calls, round, n, clock);
        }
        let during = calls.counts();
        peak_counts = peak_counts.max_with(during);
        let heap_live = live().saturating_sub(baseline);
        clock += grace;
        calls.retire(clock);
        let after = calls.counts();
        let heap_after = live().saturating_sub(baseline);
        assert_eq!(
            (
                after.calls,
                after.participants,
                after.operations,
                after.queued_for_retirement
            ),
            (0, 0, 0, 0),
            "round {round}"
        );
        assert!(after.retired_calls <= MAX_CALLS);
        figures.push((during, heap_live, after.retired_calls));
        after_rounds.push(heap_after);
    }
    for (round, ((during, heap_live, retired), heap_after)) in
        figures.iter().zip(&after_rounds).enumerate()
    {
        eprintln!(
            "round {round}: {} live calls, {} participants, {} operations, heap {heap_live} B; \
             after retirement: no call, participant or operation, {retired} retired ids \
             remembered, heap {heap_after} B",
            during.calls, during.participants, during.operations
        );
    }
    eprintln!("peak {peak_counts:?}");
    assert!(
        after_rounds.len() >= 6,
        "only {} rounds ran",
        after_rounds.len()
    );
    // The retired ids reach MAX_CALLS in round 3; from then on the heap
    // after retirement must not grow.
    let settled = after_rounds[3];
    let last = *after_rounds.last().unwrap_or(&settled);
    assert!(
        last <= settled + settled / 100,
        "heap after retirement grew from {settled} B (round 3) to {last} B"
    );
}

trait MaxWith {
    fn max_with(self, other: Self) -> Self;
}

impl MaxWith for Counts {
    fn max_with(self, other: Counts) -> Counts {
        Counts {
            calls: self.calls.max(other.calls),
            ended_calls: self.ended_calls.max(other.ended_calls),
            participants: self.participants.max(other.participants),
            departed_participants: self.departed_participants.max(other.departed_participants),
            operations: self.operations.max(other.operations),
            retired_calls: self.retired_calls.max(other.retired_calls),
            queued_for_retirement: self.queued_for_retirement.max(other.queued_for_retirement),
        }
    }
}
