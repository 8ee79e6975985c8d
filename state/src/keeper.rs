//! [`StateKeeper`]: [`CallStates`] shared between the callback endpoint and
//! the bot's tasks, with waits for an operation's completion or a call's
//! phase.
//!
//! Every change bumps a `tokio::sync::watch` counter. A wait subscribes
//! first, then looks at the state, and only then sleeps until the next
//! change or its deadline, so a completion that arrived before the wait
//! started is found at once and one that arrives during it is never missed.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use graph_calls::{AnyCommsOperation, CommsNotifications, Participant};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::call::CallRecord;
use crate::config::Config;
use crate::event::Event;
use crate::operation::OperationRecord;
use crate::phase::CallPhase;
use crate::states::{CallStates, Counts, RecordError};

/// Call states shared by the callback endpoint and the bot (cheap to clone).
#[derive(Debug, Clone)]
pub struct StateKeeper {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    states: Mutex<CallStates>,
    changes: watch::Sender<u64>,
}

/// Why a wait ended without what it waited for.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WaitError {
    /// Nothing conclusive arrived within the time given.
    TimedOut {
        /// The time waited.
        waited: Duration,
    },
    /// The operation failed; the record carries the service's
    /// `resultInfo` and `completionReason`.
    OperationFailed(Box<OperationRecord>),
    /// The service removed the operation without saying it completed or
    /// failed.
    OperationEnded(Box<OperationRecord>),
    /// The call ended before the operation finished (or before the phase
    /// waited for was reached).
    CallEnded {
        /// The call.
        call_id: String,
    },
    /// The call was retired while waiting, or before.
    CallRetired {
        /// The call.
        call_id: String,
    },
    /// The operation could not be recorded.
    Record(RecordError),
}

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::TimedOut { waited } => write!(f, "nothing conclusive within {waited:?}"),
            WaitError::OperationFailed(record) => {
                write!(f, "operation {} failed", record.id())?;
                if let Some(info) = record.result_info() {
                    let code = info.code.get().map_or(String::new(), i32::to_string);
                    let subcode = info.subcode.get().map_or(String::new(), i32::to_string);
                    let message = info.message.get().map_or("", String::as_str);
                    write!(f, " (code {code}, subcode {subcode}: {message})")?;
                }
                Ok(())
            }
            WaitError::OperationEnded(record) => write!(
                f,
                "the service removed operation {} without completing or failing it",
                record.id()
            ),
            WaitError::CallEnded { call_id } => write!(f, "call {call_id} ended first"),
            WaitError::CallRetired { call_id } => write!(f, "call {call_id} was retired"),
            WaitError::Record(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for WaitError {}

/// What one look at the state concluded.
enum Look<T> {
    Done(Result<T, WaitError>),
    Pending,
}

impl StateKeeper {
    /// An empty keeper.
    pub fn new(config: Config) -> StateKeeper {
        StateKeeper {
            shared: Arc::new(Shared {
                states: Mutex::new(CallStates::new(config)),
                changes: watch::Sender::new(0),
            }),
        }
    }

    /// Applies a decoded batch (see [`CallStates::apply`]); the events.
    pub fn apply(&self, batch: CommsNotifications) -> Vec<Event> {
        let events = self.states().apply(batch, now());
        self.changed();
        events
    }

    /// Replaces a call's roster with a listing of it (see
    /// [`CallStates::replace_roster`]).
    pub fn replace_roster(&self, call_id: &str, participants: Vec<Participant>) -> Vec<Event> {
        let events = self.states().replace_roster(call_id, participants, now());
        self.changed();
        events
    }

    /// Retires what has passed its grace period (applying a batch does it
    /// too; call this from a timer when notifications are rare).
    pub fn retire(&self) -> Vec<Event> {
        let events = self.states().retire(now());
        self.changed();
        events
    }

    /// Records `operation` (the response of the bot's request, `running`)
    /// for `call_id`, then waits at most `timeout` until the service reports
    /// it completed; a completion that arrived before is found at once.
    pub async fn wait_for_operation(
        &self,
        call_id: &str,
        operation: impl Into<AnyCommsOperation>,
        timeout: Duration,
    ) -> Result<OperationRecord, WaitError> {
        let operation = operation.into();
        let Some(operation_id) = operation.id().get().cloned() else {
            return Err(WaitError::Record(RecordError::OperationWithoutId));
        };
        self.states()
            .record_operation(call_id, operation, now())
            .map_err(WaitError::Record)?;
        self.changed();
        self.wait_for_operation_id(call_id, &operation_id, timeout)
            .await
    }

    /// Waits at most `timeout` until operation `operation_id` of `call_id`
    /// completes.
    pub async fn wait_for_operation_id(
        &self,
        call_id: &str,
        operation_id: &str,
        timeout: Duration,
    ) -> Result<OperationRecord, WaitError> {
        self.wait(call_id, timeout, |call| {
            operation_outcome(call, operation_id)
        })
        .await
    }

    /// Waits at most `timeout` until call `call_id` reaches `phase` (or a
    /// later one); the call record then. Waiting for a phase before
    /// [`CallPhase::Ended`] fails with [`WaitError::CallEnded`] if the call
    /// ends instead.
    pub async fn wait_for_phase(
        &self,
        call_id: &str,
        phase: CallPhase,
        timeout: Duration,
    ) -> Result<CallRecord, WaitError> {
        self.wait(call_id, timeout, |call| phase_outcome(call, phase))
            .await
    }

    /// Reads call `call_id` under the lock.
    pub fn with_call<R>(&self, call_id: &str, read: impl FnOnce(&CallRecord) -> R) -> Option<R> {
        self.states().call(call_id).map(read)
    }

    /// Reads the whole state under the lock.
    pub fn with_states<R>(&self, read: impl FnOnce(&CallStates) -> R) -> R {
        read(&self.states())
    }

    /// What is held, for watching memory.
    pub fn counts(&self) -> Counts {
        self.states().counts()
    }

    async fn wait<T>(
        &self,
        call_id: &str,
        timeout: Duration,
        look: impl Fn(&CallRecord) -> Look<T>,
    ) -> Result<T, WaitError> {
        let deadline = Instant::now() + timeout;
        let mut changes = self.shared.changes.subscribe();
        let mut seen = false;
        loop {
            match self.look(call_id, &mut seen, &look) {
                Look::Done(result) => return result,
                Look::Pending => {}
            }
            let changed = tokio::time::timeout_at(deadline, changes.changed()).await;
            if changed.is_err() {
                return Err(WaitError::TimedOut { waited: timeout });
            }
        }
    }

    fn look<T>(
        &self,
        call_id: &str,
        seen: &mut bool,
        look: &impl Fn(&CallRecord) -> Look<T>,
    ) -> Look<T> {
        let states = self.states();
        let Some(call) = states.call(call_id) else {
            let retired = *seen || states.is_retired(call_id);
            if retired {
                let call_id = call_id.to_owned();
                return Look::Done(Err(WaitError::CallRetired { call_id }));
            }
            return Look::Pending;
        };
        *seen = true;
        look(call)
    }

    fn states(&self) -> MutexGuard<'_, CallStates> {
        self.shared
            .states
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn changed(&self) {
        self.shared
            .changes
            .send_modify(|count| *count = count.wrapping_add(1));
    }
}

fn operation_outcome(call: &CallRecord, operation_id: &str) -> Look<OperationRecord> {
    let finished = call.operation(operation_id).filter(|op| op.is_finished());
    let Some(record) = finished else {
        if call.is_ended() {
            let call_id = call.id().to_owned();
            return Look::Done(Err(WaitError::CallEnded { call_id }));
        }
        return Look::Pending;
    };
    let result = match record.status() {
        Some(graph_calls::CommsOperationStatus::Completed) => Ok(record.clone()),
        Some(graph_calls::CommsOperationStatus::Failed) => {
            Err(WaitError::OperationFailed(Box::new(record.clone())))
        }
        _ => Err(WaitError::OperationEnded(Box::new(record.clone()))),
    };
    Look::Done(result)
}

fn phase_outcome(call: &CallRecord, phase: CallPhase) -> Look<CallRecord> {
    match call.phase() {
        Some(reached) if reached >= phase => {
            if reached == CallPhase::Ended && phase != CallPhase::Ended {
                let call_id = call.id().to_owned();
                return Look::Done(Err(WaitError::CallEnded { call_id }));
            }
            Look::Done(Ok(call.clone()))
        }
        _ => Look::Pending,
    }
}

/// The time now, from tokio's clock (so that paused test clocks apply).
fn now() -> std::time::Instant {
    Instant::now().into_std()
}
