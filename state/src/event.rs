//! What applying notifications tells the bot.

use callgen_client::ResourcePathError;
use graph_calls::{CallState, CommsNotification, CommsOperationStatus, ResultInfo};

/// One thing that changed, or one thing the keeper could not take.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The call moved to another state.
    CallStateChanged {
        /// The call.
        call_id: String,
        /// The state before (`None` when none was known).
        from: Option<CallState>,
        /// The state now.
        to: CallState,
    },
    /// Properties of the call other than its state changed (media state,
    /// tone info, result info, ...).
    CallChanged {
        /// The call.
        call_id: String,
        /// The JSON names of the properties whose value changed.
        properties: Vec<String>,
    },
    /// A state that would move the call back to an earlier phase (or a
    /// terminated call anywhere) arrived late and was not applied; its
    /// other properties only filled in what was not known.
    StaleCallState {
        /// The call.
        call_id: String,
        /// The state kept.
        kept: CallState,
        /// The state refused.
        refused: CallState,
    },
    /// A participant joined the roster.
    ParticipantJoined {
        /// The call.
        call_id: String,
        /// The participant.
        participant_id: String,
    },
    /// A participant's properties changed.
    ParticipantChanged {
        /// The call.
        call_id: String,
        /// The participant.
        participant_id: String,
        /// What changed.
        changes: Vec<ParticipantChange>,
    },
    /// A participant left the roster.
    ParticipantLeft {
        /// The call.
        call_id: String,
        /// The participant.
        participant_id: String,
    },
    /// An update for a participant who had left arrived late and was not
    /// applied (a participant id that left does not come back).
    StaleParticipant {
        /// The call.
        call_id: String,
        /// The participant.
        participant_id: String,
    },
    /// An operation is known or changed status, and is not finished.
    OperationUpdated {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
        /// Its status, if sent.
        status: Option<CommsOperationStatus>,
    },
    /// An operation completed.
    OperationCompleted {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
    },
    /// An operation failed.
    OperationFailed {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
        /// The service's reason (code, subcode, message), if sent.
        result_info: Option<ResultInfo>,
        /// The operation's `completionReason`, if sent.
        completion_reason: Option<String>,
    },
    /// The service removed an operation (`changeType` `deleted`) without
    /// saying it completed or failed.
    OperationEnded {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
        /// Its last known status.
        status: Option<CommsOperationStatus>,
    },
    /// A status that would move a finished operation arrived late and was
    /// not applied.
    StaleOperation {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
        /// The status refused.
        refused: Option<CommsOperationStatus>,
    },
    /// A terminated call was retired: its grace period passed, or (`early`)
    /// the call limit was reached and it was the longest terminated.
    CallRetired {
        /// The call.
        call_id: String,
        /// Retired before its grace period, to make room.
        early: bool,
    },
    /// A finished operation was retired, as for [`Event::CallRetired`].
    OperationRetired {
        /// The call.
        call_id: String,
        /// The operation.
        operation_id: String,
        /// Retired before its grace period, to make room.
        early: bool,
    },
    /// A notification for a call that was retired; not applied (a retired
    /// call does not come back).
    LateForRetiredCall {
        /// The call.
        call_id: String,
        /// The notification as received.
        notification: Box<CommsNotification>,
    },
    /// A limit of the [`Config`](crate::Config) was reached and something
    /// was kept out.
    LimitReached {
        /// The call (the call kept out, for [`Limit::Calls`]).
        call_id: String,
        /// Which limit.
        limit: Limit,
        /// What was not applied: the notification, or the part of it that
        /// was kept out (for participants, only them); `None` when what was
        /// let go is the id named in `dropped_id`.
        notification: Option<Box<CommsNotification>>,
        /// For [`Limit::DepartedParticipants`], the departed participant id
        /// forgotten to make room.
        dropped_id: Option<String>,
    },
    /// A notification the keeper does not understand, kept whole.
    NotUnderstood {
        /// The notification as received.
        notification: Box<CommsNotification>,
        /// Why it was not applied.
        reason: NotUnderstood,
    },
}

impl Event {
    /// The event for a notification the call limit kept out.
    pub(crate) fn call_limit(call_id: &str, notification: CommsNotification) -> Event {
        Event::LimitReached {
            call_id: call_id.to_owned(),
            limit: Limit::Calls,
            notification: Some(Box::new(notification)),
            dropped_id: None,
        }
    }
}

/// One change of a participant, by property.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParticipantChange {
    /// `isMuted` changed; its value now (`None` when sent as `null`).
    Muted(Option<bool>),
    /// `isInLobby` changed; its value now.
    InLobby(Option<bool>),
    /// `mediaStreams` changed (read the roster for the streams now).
    MediaStreams,
    /// `info` changed.
    Info,
    /// `metadata` changed.
    Metadata,
    /// `recordingInfo` changed.
    RecordingInfo,
    /// Another property, by JSON name (those the schema does not know too).
    Other(String),
}

/// A limit of the [`Config`](crate::Config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// [`Config::max_calls`](crate::Config::max_calls).
    Calls,
    /// [`Config::max_participants_per_call`](crate::Config::max_participants_per_call).
    Participants,
    /// [`Config::max_departed_per_call`](crate::Config::max_departed_per_call).
    DepartedParticipants,
    /// [`Config::max_operations_per_call`](crate::Config::max_operations_per_call).
    Operations,
    /// [`Config::max_calls`](crate::Config::max_calls) retired call ids are
    /// remembered; the oldest (`call_id`) was forgotten.
    RetiredCalls,
}

/// Why a notification was not applied.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NotUnderstood {
    /// Its resource URL is missing or cannot be read.
    ResourceUrl(ResourcePathError),
    /// Its resource URL names no call (`/communications/calls/{id}`).
    NoCallId,
    /// Its `changeType` is missing or not `created`, `updated`, `deleted`.
    ChangeType,
    /// Its `resourceData` is missing, or of a type the keeper does not keep.
    ResourceData,
    /// The participant at this position of `resourceData` has no `id`.
    ParticipantWithoutId(usize),
    /// The operation has no id, in the URL or in its data.
    OperationWithoutId,
    /// The update could not be merged with the known resource (the merged
    /// JSON no longer reads as the type); the known resource is unchanged.
    Merge(String),
}
