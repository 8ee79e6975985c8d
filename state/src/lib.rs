//! Call state kept from the notifications the Graph cloud-communications
//! service posts to a bot's callback URL.
//!
//! Feed each decoded [`CommsNotifications`](graph_calls::CommsNotifications)
//! batch to a [`StateKeeper`] (or, sans-IO, to [`CallStates::apply`] with the
//! time). It keeps, per call id: the latest call resource (every property
//! sent, those the schema does not know included), the call's state and
//! [`CallPhase`], its roster (participants by id) and its operations by id
//! (status, result info, completion reason). Each batch gives typed
//! [`Event`]s: call state changed (old -> new), call properties changed,
//! participant joined / left / changed (mute, lobby, media streams, ...),
//! operation updated / completed / failed, and every notification it could
//! not apply, whole ([`Event::NotUnderstood`], [`Event::LimitReached`],
//! [`Event::LateForRetiredCall`]): nothing accepted is dropped silently.
//!
//! ```
//! use graph_calls::{CallState, CommsNotifications};
//! use graph_calls_state::{CallStates, Config, Event};
//!
//! let body = r##"{"value": [{"changeType": "updated",
//!   "resourceUrl": "/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896",
//!   "resourceData": {"@odata.type": "#microsoft.graph.call", "state": "established"}}]}"##;
//! let batch: CommsNotifications = serde_json::from_str(body).unwrap();
//! let mut calls = CallStates::new(Config::default());
//! let events = calls.apply(batch, std::time::Instant::now());
//! assert!(matches!(&events[0], Event::CallStateChanged { to: CallState::Established, .. }));
//! let call = calls.call("57DAB8B1894C409AB240BD8BEAE78896").unwrap();
//! assert_eq!(call.state(), Some(&CallState::Established));
//! ```
//!
//! Ids come from the notification's resource URL, read by
//! [`CommsNotification::resource_path`](graph_calls::CommsNotification::resource_path)
//! (`/communications/calls/{id}/operations/{id}`, the 2019 `/app/...` form,
//! absolute URLs). Ids that are GUIDs match whatever their case and dashes:
//! the service writes `57DAB8B1894C409AB240BD8BEAE78896` in one place and
//! `57dab8b1-894c-409a-b240-bd8beae78896` in another.
//!
//! # Delivery rules
//!
//! The service delivers notifications at least once, in no guaranteed
//! order, without sequence numbers. The keeper is built so that:
//!
//! 1. **Duplicates are idempotent.** Applying a notification again changes
//!    nothing and gives no change event (a notification it cannot apply is
//!    reported again each time).
//! 2. **A call never goes back a phase.** States are ordered by
//!    [`CallPhase`] (`Offered` < `Connecting` < `Connected` < `Ending` <
//!    `Ended`). A state of an earlier phase than the one reached is refused
//!    ([`Event::StaleCallState`]): `establishing` after `established` does
//!    not regress the call. Within a phase the latest delivery wins (the
//!    service moves both ways there: a failed transfer goes from
//!    `transferring` back to `established`).
//! 3. **An ended call is final.** `terminated`, or a `deleted` call
//!    notification (with or without a state), ends the call; no later state
//!    moves it. A state value this version of the schema does not list is
//!    applied within the phase reached (it never changes the phase), and
//!    refused once the call ended. Roster and operation notifications that
//!    arrive after the end are still applied (participants leaving, an
//!    operation's late completion): they do not revive the call.
//! 4. **Properties merge, they are not replaced.** A property an update
//!    leaves out keeps its known value; one it sends (`null` included)
//!    replaces it, whole (no deep merge). Each property of a call keeps the
//!    value of the furthest-phase update that carried it: an update of an
//!    earlier phase than the one a property's value came from only fills in
//!    properties not yet known. A stateless update counts as of the phase
//!    reached. Once ended, equal-phase updates only fill in too. So the
//!    call resource does not depend on delivery order, except between two
//!    updates of one phase that send different values for one property,
//!    where the latest delivery wins (the service gives nothing to order
//!    them by).
//! 5. **Rosters**: `created` and `updated` participant notifications add or
//!    update each participant listed (the others stay); `deleted` removes
//!    each one listed. [`CallStates::replace_roster`] takes a listing of the
//!    whole roster. A participant id that left never comes back: a late
//!    update for it is refused ([`Event::StaleParticipant`]), so joins and
//!    leaves in any order give the same roster. Between two updates of one
//!    participant the latest delivery wins.
//! 6. **Operations** go `notStarted` < `running` < finished (`completed`,
//!    `failed`, or removed by a `deleted` notification). A finished
//!    operation does not move again ([`Event::StaleOperation`]); its
//!    properties merge as a call's do, by status rank.
//! 7. **Memory is bounded.** An ended call is retired
//!    [`Config::terminated_call_grace`] after it ended, a finished operation
//!    [`Config::finished_operation_grace`] after it finished (at each batch
//!    applied, or [`StateKeeper::retire`]). At [`Config::max_calls`], a new
//!    call first retires the longest-ended call early; with none ended, the
//!    new call's notification is kept out. At
//!    [`Config::max_operations_per_call`] the longest-finished operation is
//!    retired early, else the new one is kept out. At
//!    [`Config::max_participants_per_call`] a joining participant is kept
//!    out and the roster marked incomplete ([`Roster::is_incomplete`]).
//!    Departed participant ids ([`Config::max_departed_per_call`]) and
//!    retired call ids (as many as [`Config::max_calls`]) are remembered
//!    up to their limit, then the oldest is forgotten. Every one of these
//!    is an event: [`Event::CallRetired`], [`Event::OperationRetired`],
//!    [`Event::LimitReached`] (with what was kept out). A notification for
//!    a retired call is not applied ([`Event::LateForRetiredCall`]). A
//!    resource's own size is bounded by the callback's body size limit,
//!    not here.
//!
//! # Awaiting an operation
//!
//! A request such as `CallPlayPrompt` is answered with the operation,
//! `running`; [`StateKeeper::wait_for_operation`] records it and waits
//! (with a timeout) until a notification says it completed. It works when
//! the completion arrived before the wait started, fails with the
//! operation's `resultInfo` when it failed ([`WaitError::OperationFailed`]),
//! and stops when the call ends first. A finished operation can be awaited
//! until it is retired.

mod call;
mod config;
mod event;
mod keeper;
mod key;
mod limits;
mod merge;
mod operation;
mod phase;
mod roster;
mod states;

pub use call::CallRecord;
pub use config::Config;
pub use event::{Event, Limit, NotUnderstood, ParticipantChange};
pub use keeper::{StateKeeper, WaitError};
pub use operation::OperationRecord;
pub use phase::CallPhase;
pub use roster::Roster;
pub use states::{CallStates, Counts, RecordError};
