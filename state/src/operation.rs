//! The operations of one call (playPrompt, recordResponse, invite, mute,
//! ...), by id, and how their statuses move.
//!
//! An operation's status goes `notStarted` -> `running` -> `completed` or
//! `failed`; the last two are final, and so is the service removing the
//! operation (`changeType` `deleted`). A finished operation does not move
//! again: a late status is reported, not applied, and the late update only
//! fills in properties not yet known. Operation types are read through the
//! family's shared accessors, never by matching on them.

use std::time::Instant;

use graph_calls::{AnyCommsOperation, CommsOperationStatus, ResultInfo};

use crate::event::Event;
use crate::merge::{Object, Ranked, Ties, from_object, to_object};

/// One operation as the service last described it.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationRecord {
    id: String,
    operation: AnyCommsOperation,
    ranks: Ranked,
    completion_reason: Option<String>,
    finished_at: Option<Instant>,
}

impl OperationRecord {
    /// The operation id (as first seen).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The operation, every property sent merged in (unknown ones too).
    pub fn operation(&self) -> &AnyCommsOperation {
        &self.operation
    }

    /// Its status, if known.
    pub fn status(&self) -> Option<&CommsOperationStatus> {
        self.operation.status().get()
    }

    /// The service's result (code, subcode, message), if sent.
    pub fn result_info(&self) -> Option<&ResultInfo> {
        self.operation.result_info().get().map(|info| &**info)
    }

    /// The `completionReason` of the operation types that have one (or of
    /// an operation type the schema does not know), as sent.
    pub fn completion_reason(&self) -> Option<&str> {
        self.completion_reason.as_deref()
    }

    /// Whether the operation is finished: completed, failed, or removed.
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }

    /// When the keeper saw it finish.
    pub(crate) fn finished_at(&self) -> Option<Instant> {
        self.finished_at
    }

    /// A record of `operation` (whose id is `id`), not merged with anything.
    pub(crate) fn new(id: &str) -> OperationRecord {
        OperationRecord {
            id: id.to_owned(),
            operation: AnyCommsOperation::from(graph_calls::CommsOperation::default()),
            ranks: Ranked::default(),
            completion_reason: None,
            finished_at: None,
        }
    }

    /// Merges an update (`deleted` when the service removed the operation);
    /// the events it gives. On `Err` the record is unchanged.
    pub(crate) fn apply(
        &mut self,
        call_id: &str,
        update: AnyCommsOperation,
        deleted: bool,
        now: Instant,
        events: &mut Vec<Event>,
    ) -> Result<(), String> {
        let sent_status = update.status().get().cloned();
        let was_finished = self.is_finished();
        let before = self.status().cloned();
        let rank = status_rank(sent_status.as_ref(), deleted).unwrap_or(self.rank());
        let ties = if was_finished {
            Ties::Keep
        } else {
            Ties::Replace
        };
        let mut object = to_object(&self.operation).map_err(|e| e.to_string())?;
        let mut ranks = self.ranks.clone();
        let update = to_object(&update).map_err(|e| e.to_string())?;
        let changed = ranks.merge(&mut object, update, rank, ties);
        if !changed.is_empty() {
            self.completion_reason = completion_reason(&object);
            self.operation = from_object(object).map_err(|e| e.to_string())?;
        }
        self.ranks = ranks;
        if was_finished {
            if sent_status.is_some() && sent_status != before {
                events.push(Event::StaleOperation {
                    call_id: call_id.to_owned(),
                    operation_id: self.id.clone(),
                    refused: sent_status,
                });
            }
            return Ok(());
        }
        self.report(call_id, before, rank, now, events);
        Ok(())
    }

    fn report(
        &mut self,
        call_id: &str,
        before: Option<CommsOperationStatus>,
        rank: u8,
        now: Instant,
        events: &mut Vec<Event>,
    ) {
        let call_id = call_id.to_owned();
        let operation_id = self.id.clone();
        if rank < FINISHED {
            if before.as_ref() != self.status() {
                events.push(Event::OperationUpdated {
                    call_id,
                    operation_id,
                    status: self.status().cloned(),
                });
            }
            return;
        }
        self.finished_at = Some(now);
        events.push(match self.status() {
            Some(CommsOperationStatus::Completed) => Event::OperationCompleted {
                call_id,
                operation_id,
            },
            Some(CommsOperationStatus::Failed) => Event::OperationFailed {
                call_id,
                operation_id,
                result_info: self.result_info().cloned(),
                completion_reason: self.completion_reason.clone(),
            },
            status => Event::OperationEnded {
                call_id,
                operation_id,
                status: status.cloned(),
            },
        });
    }

    fn rank(&self) -> u8 {
        status_rank(self.status(), self.is_finished()).unwrap_or(0)
    }
}

/// The rank of a finished operation.
const FINISHED: u8 = 2;

/// `notStarted` 0, `running` 1, finished 2; `None` when the status is
/// absent or not one the schema lists (it then keeps the known rank).
fn status_rank(status: Option<&CommsOperationStatus>, deleted: bool) -> Option<u8> {
    if deleted {
        return Some(FINISHED);
    }
    match status? {
        CommsOperationStatus::NotStarted => Some(0),
        CommsOperationStatus::Running => Some(1),
        CommsOperationStatus::Completed | CommsOperationStatus::Failed => Some(FINISHED),
        _ => None,
    }
}

fn completion_reason(object: &Object) -> Option<String> {
    object
        .get("completionReason")
        .and_then(|value| value.as_str())
        .map(str::to_owned)
}
