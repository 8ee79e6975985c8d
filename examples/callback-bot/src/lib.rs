//! A minimal callback endpoint for a calling bot.
//!
//! The service posts `commsNotifications` to the callback URL a call was
//! created (or answered) with, and expects `202 Accepted`. [`router`] is an
//! axum router with that one route, behind a [`CallbackGuard`]: every post's
//! bearer token is verified first (401 with the reason otherwise, 503 when
//! the signing keys cannot be fetched) and bodies over the limit get 413.
//! Then the handler decodes the body into the generated
//! [`CommsNotifications`] (its `resourceData` typed: a call, an operation,
//! or the participants), reads each notification's resource URL into ids,
//! hands a [`Notice`] per notification to the bot, and answers 202. A body
//! that is not a notification gets 400 (415 for another content type) with
//! the reason, so the mistake shows in the service's logs.
//! [`router_keeping_state`] also applies every batch to a
//! [`StateKeeper`], which keeps each call, its roster and its operations
//! and lets the bot await an operation. This crate knows no bot logic:
//! what to do with a notice or an event is the caller's.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use callgen_client::callback;
use callgen_client::callback_auth::CallbackClaims;
use graph_calls::{
    CallState, CommsNotification, CommsNotificationResourceData, CommsNotifications,
    CommsOperationStatus,
};
use graph_calls_state::{Event, StateKeeper};
use tokio::sync::mpsc::UnboundedSender;

mod config;
mod guard;

pub use config::guard_from_env;
pub use guard::{CallbackGuard, DEFAULT_BODY_LIMIT};

/// The path the service posts to, relative to the bot's base URL.
pub const CALLBACK_PATH: &str = "/callback";

/// What one notification says, as far as this bot cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A call changed state (`establishing`, `established`, `terminated`, ...).
    CallState {
        /// The call, from the resource URL (or the call's own `id`).
        call_id: Option<String>,
        /// The new state.
        state: CallState,
    },
    /// The roster of a call changed: the participants as they are now.
    Roster {
        /// The call, from the resource URL.
        call_id: Option<String>,
        /// The participants' ids, in the order sent.
        participant_ids: Vec<String>,
    },
    /// An operation (playPrompt, recordResponse, invite, ...) changed.
    Operation {
        /// The call, from the resource URL.
        call_id: Option<String>,
        /// The operation, from the resource URL (or the operation's `id`).
        operation_id: Option<String>,
        /// The operation's `@odata.type`, as sent.
        odata_type: Option<String>,
        /// Its status.
        status: Option<CommsOperationStatus>,
    },
    /// A notification this bot does not look into (its data is kept as JSON
    /// in the decoded batch).
    Other {
        /// The resource URL, as sent.
        resource_url: Option<String>,
    },
}

/// A notice with the tenant whose token carried it.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The tenant id (`tid`) of the verified token.
    pub tenant_id: Option<String>,
    /// What the notification says.
    pub notice: Notice,
}

/// The notices of a decoded batch, in order.
pub fn notices(batch: &CommsNotifications) -> Vec<Notice> {
    batch
        .value
        .get()
        .into_iter()
        .flatten()
        .map(notice)
        .collect()
}

fn notice(notification: &CommsNotification) -> Notice {
    let path = notification.resource_path().ok();
    let call_id = path.as_ref().and_then(|p| p.call_id()).map(str::to_owned);
    match notification.resource_data.get() {
        Some(CommsNotificationResourceData::Call(call)) => match call.state.get() {
            Some(state) => Notice::CallState {
                call_id: call_id.or_else(|| call.id.get().cloned()),
                state: state.clone(),
            },
            None => other(notification),
        },
        Some(CommsNotificationResourceData::ParticipantCollection(participants)) => {
            Notice::Roster {
                call_id,
                participant_ids: participants
                    .iter()
                    .filter_map(|p| p.id.get().cloned())
                    .collect(),
            }
        }
        Some(CommsNotificationResourceData::CommsOperation(operation)) => Notice::Operation {
            call_id,
            operation_id: path
                .as_ref()
                .and_then(|p| p.operation_id())
                .map(str::to_owned)
                .or_else(|| operation.id().get().cloned()),
            odata_type: operation.odata_type().map(str::to_owned),
            // Every operation type has the base's properties: no match over
            // the operation types, so a type added by a later beta is read
            // like the others.
            status: operation.status().get().cloned(),
        },
        _ => other(notification),
    }
}

fn other(notification: &CommsNotification) -> Notice {
    Notice::Other {
        resource_url: notification.resource_url.get().cloned(),
    }
}

/// Where the endpoint puts what it received.
#[derive(Clone)]
struct Sinks {
    deliveries: UnboundedSender<Delivery>,
    /// The call state kept from every accepted batch, and where the
    /// keeper's events go.
    calls: Option<(StateKeeper, UnboundedSender<Event>)>,
}

/// The callback endpoint: `POST /callback`, behind `guard`, decodes the
/// batch, sends one [`Delivery`] per notification to `deliveries`, and
/// answers 202 Accepted.
pub fn router(deliveries: UnboundedSender<Delivery>, guard: CallbackGuard) -> Router {
    guard.protect(unguarded_router(deliveries))
}

/// [`router`] that also keeps the call state: every accepted batch is
/// applied to `calls` (calls, rosters, operations; see
/// [`graph_calls_state`]), whose events go to `events`. The bot then reads
/// a call's state or awaits an operation through `calls`.
pub fn router_keeping_state(
    deliveries: UnboundedSender<Delivery>,
    guard: CallbackGuard,
    calls: StateKeeper,
    events: UnboundedSender<Event>,
) -> Router {
    guard.protect(endpoint(Sinks {
        deliveries,
        calls: Some((calls, events)),
    }))
}

/// The same endpoint without the checks: for measuring what they cost, and
/// for a bot whose posts are authenticated before they reach it (a proxy).
/// Its deliveries name no tenant.
pub fn unguarded_router(deliveries: UnboundedSender<Delivery>) -> Router {
    endpoint(Sinks {
        deliveries,
        calls: None,
    })
}

fn endpoint(sinks: Sinks) -> Router {
    Router::new()
        .route(CALLBACK_PATH, post(receive))
        .with_state(sinks)
}

async fn receive(
    State(sinks): State<Sinks>,
    claims: Option<Extension<CallbackClaims>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let batch: CommsNotifications = match callback::decode(content_type, &body) {
        Ok(batch) => batch,
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, error.to_string());
        }
    };
    let tenant_id = claims.and_then(|Extension(claims)| claims.tenant_id);
    for notice in notices(&batch) {
        let tenant_id = tenant_id.clone();
        // A bot that stopped listening still acknowledges the service.
        let _ = sinks.deliveries.send(Delivery { tenant_id, notice });
    }
    if let Some((calls, events)) = &sinks.calls {
        for event in calls.apply(batch) {
            let _ = events.send(event);
        }
    }
    (callback::ACCEPTED, String::new())
}
