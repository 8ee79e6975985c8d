//! One call: its resource as the service last described it, its state and
//! phase, its roster and its operations.

use std::collections::BTreeMap;
use std::time::Instant;

use graph_calls::{Call, CallState};

use crate::event::Event;
use crate::key::Key;
use crate::merge::{Ranked, Ties, from_object, to_object};
use crate::operation::OperationRecord;
use crate::phase::CallPhase;
use crate::roster::Roster;

/// What the keeper knows of one call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRecord {
    id: String,
    state: Option<CallState>,
    phase: Option<CallPhase>,
    resource: Call,
    ranks: Ranked,
    pub(crate) roster: Roster,
    pub(crate) operations: BTreeMap<Key, OperationRecord>,
    ended_at: Option<Instant>,
}

impl CallRecord {
    /// The call id (as first seen).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The call's state as the keeper judges it: the latest state of the
    /// furthest phase reached; `terminated` once the service deleted the
    /// call, even when the deletion carried no state.
    pub fn state(&self) -> Option<&CallState> {
        self.state.as_ref()
    }

    /// The furthest phase reached.
    pub fn phase(&self) -> Option<CallPhase> {
        self.phase
    }

    /// Whether the call ended (`terminated`, or deleted).
    pub fn is_ended(&self) -> bool {
        self.phase == Some(CallPhase::Ended)
    }

    /// The call resource: every property sent, merged (see the crate docs),
    /// those the schema does not know included.
    pub fn resource(&self) -> &Call {
        &self.resource
    }

    /// The participants.
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The operation `id`, if kept.
    pub fn operation(&self, id: &str) -> Option<&OperationRecord> {
        self.operations.get(&Key::of(id))
    }

    /// The operations kept, in id order.
    pub fn operations(&self) -> impl Iterator<Item = &OperationRecord> {
        self.operations.values()
    }

    /// When the keeper saw the call end (the time given to the apply).
    pub fn ended_at(&self) -> Option<Instant> {
        self.ended_at
    }

    pub(crate) fn new(id: &str) -> CallRecord {
        CallRecord {
            id: id.to_owned(),
            state: None,
            phase: None,
            resource: Call::default(),
            ranks: Ranked::default(),
            roster: Roster::default(),
            operations: BTreeMap::new(),
            ended_at: None,
        }
    }

    /// Applies a call notification (`deleted` when the service deleted the
    /// call). On `Err` (the merge failed) nothing changed.
    pub(crate) fn apply(
        &mut self,
        update: Call,
        deleted: bool,
        now: Instant,
        events: &mut Vec<Event>,
    ) -> Result<(), String> {
        let sent = update.state.get().cloned();
        let target = if deleted {
            Some(CallState::Terminated)
        } else {
            sent
        };
        let update_phase = target.as_ref().and_then(CallPhase::of);
        let rank = update_phase.or(self.phase).map_or(0, CallPhase::rank);
        let ties = if self.is_ended() {
            Ties::Keep
        } else {
            Ties::Replace
        };
        let mut object = to_object(&self.resource).map_err(|e| e.to_string())?;
        let mut ranks = self.ranks.clone();
        let update = to_object(&update).map_err(|e| e.to_string())?;
        let mut changed = ranks.merge(&mut object, update, rank, ties);
        if !changed.is_empty() {
            self.resource = from_object(object).map_err(|e| e.to_string())?;
        }
        self.ranks = ranks;
        if let Some(target) = target {
            self.move_to(target, update_phase, now, events);
        }
        changed.retain(|name| name != "state" && name != "@odata.type");
        if !changed.is_empty() {
            events.push(Event::CallChanged {
                call_id: self.id.clone(),
                properties: changed,
            });
        }
        Ok(())
    }

    /// Moves the state to `target` unless that would go back a phase or
    /// leave `Ended`.
    fn move_to(
        &mut self,
        target: CallState,
        phase: Option<CallPhase>,
        now: Instant,
        events: &mut Vec<Event>,
    ) {
        if self.state.as_ref() == Some(&target) {
            return;
        }
        let allowed = match (phase, self.phase) {
            _ if self.is_ended() => false,
            (Some(new), Some(known)) => new >= known,
            _ => true,
        };
        if !allowed {
            events.push(Event::StaleCallState {
                call_id: self.id.clone(),
                kept: self.state.clone().unwrap_or(CallState::Terminated),
                refused: target,
            });
            return;
        }
        if phase.is_some() {
            self.phase = phase;
        }
        if self.is_ended() {
            self.ended_at = Some(now);
        }
        events.push(Event::CallStateChanged {
            call_id: self.id.clone(),
            from: self.state.replace(target.clone()),
            to: target,
        });
    }
}
