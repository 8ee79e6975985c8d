//! [`CallStates`]: every call's record, fed notification batches.
//!
//! This is the sans-IO core: it is given the time, never reads a clock,
//! and hands back the [`Event`]s of each change. [`StateKeeper`](crate::StateKeeper)
//! shares it between the callback endpoint and the bot's tasks.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::Instant;

use graph_calls::{
    AnyCommsOperation, CommsNotification, CommsNotificationChangeType,
    CommsNotificationResourceData, CommsNotifications, Participant,
};

use crate::call::CallRecord;
use crate::config::Config;
use crate::event::{Event, Limit, NotUnderstood};
use crate::key::Key;
use crate::operation::OperationRecord;
use crate::roster::{Refused, notification_with};

/// The calls known from notifications, with their rosters and operations.
#[derive(Debug, Clone)]
pub struct CallStates {
    pub(crate) config: Config,
    pub(crate) calls: BTreeMap<Key, CallRecord>,
    /// Calls in the order they ended.
    pub(crate) ended: VecDeque<(Instant, Key)>,
    /// Operations in the order they finished: (when, call, operation).
    pub(crate) finished: VecDeque<(Instant, Key, Key)>,
    /// Calls retired, remembered so that a late notification does not
    /// bring them back; at most `max_calls` of them.
    pub(crate) retired: HashSet<Key>,
    pub(crate) retired_order: VecDeque<(Key, Box<str>)>,
}

/// What a [`CallStates`] holds, for watching its memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Calls kept (terminated ones not yet retired included).
    pub calls: usize,
    /// Calls that ended and are not retired yet.
    pub ended_calls: usize,
    /// Participants present, over all calls.
    pub participants: usize,
    /// Departed participant ids remembered, over all calls.
    pub departed_participants: usize,
    /// Operations kept, over all calls.
    pub operations: usize,
    /// Retired call ids remembered.
    pub retired_calls: usize,
    /// Entries of the retirement queues (each at most one per call or
    /// operation that ended, until its grace period passes).
    pub queued_for_retirement: usize,
}

/// How a notification changed its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Upsert,
    Deleted,
}

impl CallStates {
    /// An empty keeper.
    pub fn new(config: Config) -> CallStates {
        CallStates {
            config,
            calls: BTreeMap::new(),
            ended: VecDeque::new(),
            finished: VecDeque::new(),
            retired: HashSet::new(),
            retired_order: VecDeque::new(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Applies every notification of `batch` in order, then retires what
    /// has passed its grace period at `now`; the events, in order.
    pub fn apply(&mut self, batch: CommsNotifications, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        for notification in batch.value.into_option().into_iter().flatten() {
            self.apply_notification(notification, now, &mut events);
        }
        self.retire_into(now, &mut events);
        events
    }

    /// Records an operation the bot started (the response of its request,
    /// status `running`), so that it can be awaited; a completion that
    /// arrived first is kept (a finished operation does not move back).
    /// `Err` when it has no id, its call was retired, or a limit kept it out.
    pub fn record_operation(
        &mut self,
        call_id: &str,
        operation: AnyCommsOperation,
        now: Instant,
    ) -> Result<Vec<Event>, RecordError> {
        let Some(operation_id) = operation.id().get().cloned() else {
            return Err(RecordError::OperationWithoutId);
        };
        let mut events = Vec::new();
        if self.is_retired(call_id) {
            return Err(RecordError::RetiredCall);
        }
        let template = CommsNotification::new()
            .with_change_type(CommsNotificationChangeType::Updated)
            .with_resource_data(operation.clone());
        let target = OperationTarget {
            call_id,
            operation_id: Some(operation_id),
        };
        self.apply_operation(
            target,
            template,
            operation,
            Change::Upsert,
            now,
            &mut events,
        );
        let kept_out = events.iter().find_map(|event| match event {
            Event::LimitReached {
                limit: limit @ (Limit::Calls | Limit::Operations),
                ..
            } => Some(*limit),
            _ => None,
        });
        match kept_out {
            Some(limit) => Err(RecordError::LimitReached(limit)),
            None => Ok(events),
        }
    }

    /// Replaces the roster of `call_id` with a listing of it (`GET
    /// /communications/calls/{id}/participants`): those not listed leave,
    /// those listed join or change; then retires what has passed its grace
    /// period at `now`.
    pub fn replace_roster(
        &mut self,
        call_id: &str,
        participants: Vec<Participant>,
        now: Instant,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        let listed: HashSet<Key> = participants
            .iter()
            .filter_map(|p| p.id.get().map(|id| Key::of(id)))
            .collect();
        let template =
            CommsNotification::new().with_change_type(CommsNotificationChangeType::Updated);
        if !self.admit_call(call_id, &mut events) {
            let mut template = template;
            template.resource_data = graph_calls::Field::Value(participants.into());
            events.push(Event::call_limit(call_id, template));
            return events;
        }
        if let Some(call) = self.calls.get_mut(&Key::of(call_id)) {
            for id in call.roster.absent_from(&listed) {
                call.roster.remove(call_id, &id, &self.config, &mut events);
            }
        }
        self.apply_roster(call_id, template, participants, Change::Upsert, &mut events);
        self.retire_into(now, &mut events);
        events
    }

    /// Retires the calls and operations whose grace period has passed at
    /// `now`.
    pub fn retire(&mut self, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        self.retire_into(now, &mut events);
        events
    }

    /// The call `id`, if kept.
    pub fn call(&self, id: &str) -> Option<&CallRecord> {
        self.calls.get(&Key::of(id))
    }

    /// The calls kept, in id order.
    pub fn calls(&self) -> impl Iterator<Item = &CallRecord> {
        self.calls.values()
    }

    /// Whether call `id` was retired (as far as remembered).
    pub fn is_retired(&self, id: &str) -> bool {
        self.retired.contains(&Key::of(id))
    }

    /// What is held, for watching memory.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            calls: self.calls.len(),
            retired_calls: self.retired.len(),
            queued_for_retirement: self.ended.len() + self.finished.len(),
            ..Counts::default()
        };
        for call in self.calls.values() {
            counts.ended_calls += usize::from(call.is_ended());
            counts.participants += call.roster.len();
            counts.departed_participants += call.roster.departed_len();
            counts.operations += call.operations.len();
        }
        counts
    }

    fn apply_notification(
        &mut self,
        mut notification: CommsNotification,
        now: Instant,
        events: &mut Vec<Event>,
    ) {
        let not_understood = |notification, reason| Event::NotUnderstood {
            notification: Box::new(notification),
            reason,
        };
        let path = match notification.resource_path() {
            Ok(path) => path,
            Err(error) => {
                let reason = NotUnderstood::ResourceUrl(error);
                return events.push(not_understood(notification, reason));
            }
        };
        let Some(call_id) = path.call_id().map(str::to_owned) else {
            return events.push(not_understood(notification, NotUnderstood::NoCallId));
        };
        let change = match notification.change_type.get() {
            Some(CommsNotificationChangeType::Created | CommsNotificationChangeType::Updated) => {
                Change::Upsert
            }
            Some(CommsNotificationChangeType::Deleted) => Change::Deleted,
            _ => return events.push(not_understood(notification, NotUnderstood::ChangeType)),
        };
        if self.is_retired(&call_id) {
            return events.push(Event::LateForRetiredCall {
                call_id,
                notification: Box::new(notification),
            });
        }
        if !self.admit_call(&call_id, events) {
            return events.push(Event::call_limit(&call_id, notification));
        }
        let data = std::mem::take(&mut notification.resource_data).into_option();
        let operation_id = path.operation_id().map(str::to_owned);
        match data {
            Some(CommsNotificationResourceData::Call(call)) => {
                self.apply_call(&call_id, notification, *call, change, now, events)
            }
            Some(CommsNotificationResourceData::ParticipantCollection(participants)) => {
                self.apply_participants(&call_id, notification, participants, change, events)
            }
            Some(CommsNotificationResourceData::CommsOperation(operation)) => {
                let target = OperationTarget {
                    call_id: &call_id,
                    operation_id,
                };
                self.apply_operation(target, notification, *operation, change, now, events)
            }
            other => {
                notification.resource_data = other.into();
                events.push(not_understood(notification, NotUnderstood::ResourceData));
            }
        }
    }

    fn apply_call(
        &mut self,
        call_id: &str,
        mut notification: CommsNotification,
        call: graph_calls::Call,
        change: Change,
        now: Instant,
        events: &mut Vec<Event>,
    ) {
        let Some(record) = self.calls.get_mut(&Key::of(call_id)) else {
            return;
        };
        let was_ended = record.is_ended();
        if let Err(reason) = record.apply(call.clone(), change == Change::Deleted, now, events) {
            notification.resource_data = graph_calls::Field::Value(call.into());
            return events.push(Event::NotUnderstood {
                notification: Box::new(notification),
                reason: NotUnderstood::Merge(reason),
            });
        }
        if !was_ended && record.is_ended() {
            self.ended.push_back((now, Key::of(call_id)));
        }
    }

    fn apply_participants(
        &mut self,
        call_id: &str,
        notification: CommsNotification,
        participants: Vec<Participant>,
        change: Change,
        events: &mut Vec<Event>,
    ) {
        self.apply_roster(call_id, notification, participants, change, events);
    }

    fn apply_roster(
        &mut self,
        call_id: &str,
        template: CommsNotification,
        participants: Vec<Participant>,
        change: Change,
        events: &mut Vec<Event>,
    ) {
        let Some(call) = self.calls.get_mut(&Key::of(call_id)) else {
            return;
        };
        let mut kept_out = Vec::new();
        for (position, participant) in participants.into_iter().enumerate() {
            let Some(id) = participant.id.get().cloned() else {
                events.push(Event::NotUnderstood {
                    notification: notification_with(&template, vec![participant]),
                    reason: NotUnderstood::ParticipantWithoutId(position),
                });
                continue;
            };
            if change == Change::Deleted {
                call.roster.remove(call_id, &id, &self.config, events);
                continue;
            }
            match call
                .roster
                .upsert(call_id, &id, participant, &self.config, events)
            {
                Ok(()) => {}
                Err(Refused::Limit(participant)) => kept_out.push(*participant),
                Err(Refused::Merge(reason)) => events.push(Event::NotUnderstood {
                    notification: notification_with(&template, vec![]),
                    reason: NotUnderstood::Merge(format!("participant {id}: {reason}")),
                }),
            }
        }
        if !kept_out.is_empty() {
            events.push(Event::LimitReached {
                call_id: call_id.to_owned(),
                limit: Limit::Participants,
                notification: Some(notification_with(&template, kept_out)),
                dropped_id: None,
            });
        }
    }

    fn apply_operation(
        &mut self,
        target: OperationTarget<'_>,
        mut notification: CommsNotification,
        operation: AnyCommsOperation,
        change: Change,
        now: Instant,
        events: &mut Vec<Event>,
    ) {
        let call_id = target.call_id;
        let operation_id = target
            .operation_id
            .or_else(|| operation.id().get().cloned());
        let Some(operation_id) = operation_id else {
            notification.resource_data = graph_calls::Field::Value(operation.into());
            return events.push(Event::NotUnderstood {
                notification: Box::new(notification),
                reason: NotUnderstood::OperationWithoutId,
            });
        };
        notification.resource_data = graph_calls::Field::Value(operation.clone().into());
        if !self.admit_call(call_id, events) {
            return events.push(Event::call_limit(call_id, notification));
        }
        let key = Key::of(&operation_id);
        if !self.operation_slot(call_id, &key, &notification, events) {
            return;
        }
        let Some(call) = self.calls.get_mut(&Key::of(call_id)) else {
            return;
        };
        let record = call
            .operations
            .entry(key.clone())
            .or_insert_with(|| OperationRecord::new(&operation_id));
        let was_finished = record.is_finished();
        let deleted = change == Change::Deleted;
        if let Err(reason) = record.apply(call_id, operation, deleted, now, events) {
            return events.push(Event::NotUnderstood {
                notification: Box::new(notification),
                reason: NotUnderstood::Merge(reason),
            });
        }
        if !was_finished && record.is_finished() {
            self.finished.push_back((now, Key::of(call_id), key));
        }
    }
}

/// The call and (from the URL) operation a notification names.
struct OperationTarget<'a> {
    call_id: &'a str,
    operation_id: Option<String>,
}

/// Why an operation could not be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The operation has no `id` to await it by.
    OperationWithoutId,
    /// The call was retired (it ended); nothing of it is kept any more.
    RetiredCall,
    /// The call limit or the call's operation limit kept the operation out.
    LimitReached(Limit),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::OperationWithoutId => {
                f.write_str("the operation has no id to await it by")
            }
            RecordError::RetiredCall => f.write_str("the call ended and was retired"),
            RecordError::LimitReached(limit) => {
                write!(f, "the {limit:?} limit kept the operation out")
            }
        }
    }
}

impl std::error::Error for RecordError {}
