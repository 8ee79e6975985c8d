//! How a [`CallStates`] stays bounded: the limits of its [`Config`]
//! (calls, operations per call; participants are the roster's) and the
//! retirement of ended calls and finished operations once their grace
//! period has passed. Everything let go is reported as an event.
//!
//! [`Config`]: crate::Config

use std::time::Instant;

use graph_calls::CommsNotification;

use crate::call::CallRecord;
use crate::event::{Event, Limit};
use crate::key::Key;
use crate::states::CallStates;

impl CallStates {
    /// Whether operation `key` of `call_id` is kept or has room; makes room
    /// by retiring the call's longest-finished operation, or reports the
    /// limit.
    pub(crate) fn operation_slot(
        &mut self,
        call_id: &str,
        key: &Key,
        notification: &CommsNotification,
        events: &mut Vec<Event>,
    ) -> bool {
        let Some(call) = self.calls.get_mut(&Key::of(call_id)) else {
            return false;
        };
        if call.operations.contains_key(key)
            || call.operations.len() < self.config.max_operations_per_call
        {
            return true;
        }
        let oldest = call
            .operations
            .iter()
            .filter_map(|(k, op)| op.finished_at().map(|at| (at, k.clone())))
            .min();
        if let Some((_, oldest)) = oldest {
            if let Some(retired) = call.operations.remove(&oldest) {
                events.push(Event::OperationRetired {
                    call_id: call.id().to_owned(),
                    operation_id: retired.id().to_owned(),
                    early: true,
                });
                return true;
            }
        }
        events.push(Event::LimitReached {
            call_id: call_id.to_owned(),
            limit: Limit::Operations,
            notification: Some(Box::new(notification.clone())),
            dropped_id: None,
        });
        false
    }

    /// Whether call `call_id` is kept, creating its record if new and there
    /// is room (after retiring the longest-ended call early if needed).
    pub(crate) fn admit_call(&mut self, call_id: &str, events: &mut Vec<Event>) -> bool {
        let key = Key::of(call_id);
        if !self.calls.contains_key(&key) {
            if !self.make_room_for_a_call(events) {
                return false;
            }
            self.calls.insert(key, CallRecord::new(call_id));
        }
        true
    }

    pub(crate) fn make_room_for_a_call(&mut self, events: &mut Vec<Event>) -> bool {
        if self.calls.len() < self.config.max_calls {
            return true;
        }
        while let Some((_, key)) = self.ended.pop_front() {
            if self.retire_call(&key, true, events) {
                return true;
            }
        }
        false
    }

    pub(crate) fn retire_into(&mut self, now: Instant, events: &mut Vec<Event>) {
        let grace = self.config.terminated_call_grace;
        while let Some((at, key)) = self.ended.front().cloned() {
            if now.saturating_duration_since(at) < grace {
                break;
            }
            self.ended.pop_front();
            self.retire_call(&key, false, events);
        }
        let grace = self.config.finished_operation_grace;
        while let Some((at, call, operation)) = self.finished.front().cloned() {
            if now.saturating_duration_since(at) < grace {
                break;
            }
            self.finished.pop_front();
            self.retire_operation(&call, &operation, events);
        }
    }

    /// Retires an ended call; false when it is no longer kept.
    pub(crate) fn retire_call(&mut self, key: &Key, early: bool, events: &mut Vec<Event>) -> bool {
        let Some(call) = self.calls.remove(key) else {
            return false;
        };
        self.remember_retired(key.clone(), call.id(), events);
        events.push(Event::CallRetired {
            call_id: call.id().to_owned(),
            early,
        });
        true
    }

    pub(crate) fn remember_retired(&mut self, key: Key, id: &str, events: &mut Vec<Event>) {
        if self.retired_order.len() >= self.config.max_calls {
            if let Some((oldest, oldest_id)) = self.retired_order.pop_front() {
                self.retired.remove(&oldest);
                events.push(Event::LimitReached {
                    call_id: oldest_id.into(),
                    limit: Limit::RetiredCalls,
                    notification: None,
                    dropped_id: None,
                });
            }
        }
        if self.retired.insert(key.clone()) {
            self.retired_order.push_back((key, id.into()));
        }
    }

    pub(crate) fn retire_operation(
        &mut self,
        call: &Key,
        operation: &Key,
        events: &mut Vec<Event>,
    ) {
        let Some(record) = self.calls.get_mut(call) else {
            return;
        };
        let finished = record
            .operations
            .get(operation)
            .is_some_and(|op| op.is_finished());
        if !finished {
            return;
        }
        if let Some(retired) = record.operations.remove(operation) {
            events.push(Event::OperationRetired {
                call_id: record.id().to_owned(),
                operation_id: retired.id().to_owned(),
                early: false,
            });
        }
    }
}
