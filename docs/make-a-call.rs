use callgen_client::{Client, ClientCredentials, Error, callback};
use graph_calls::{
    Call, CallCreate, CallState, CommsNotificationResourceData, CommsNotifications, Identity,
    IdentitySet, InvitationParticipantInfo, Modality, ServiceHostedMediaConfig,
};

/// A Graph client with an app-only token (the bot's app registration
/// needs the Calls.Initiate.All permission).
pub fn graph_client(tenant: &str, app_id: &str, secret: &str) -> Result<Client, Error> {
    Client::builder(ClientCredentials::new(tenant, app_id, secret)?).build()
}

/// Calls the Teams user John, with media hosted by the service. The call
/// comes back `establishing`; what happens next arrives at the callback URL.
pub async fn call_john(graph: &Client) -> Result<Call, Error> {
    let call = Call::new()
        .with_callback_uri("https://bot.contoso.com/callback")
        .with_targets([InvitationParticipantInfo::new().with_identity(
            IdentitySet::new().with_user(
                Identity::new()
                    .with_display_name("John")
                    .with_id("112f7296-5fa4-42ca-bae8-6a692b15d4b8"),
            ),
        )])
        .with_requested_modalities([Modality::Audio])
        .with_media_config(ServiceHostedMediaConfig::new());
    // POST /communications/calls, answered 201 Created with the call.
    graph.send(&CallCreate::new(call)).await
}

/// What the callback endpoint does with each post of the service (and then
/// answers 202 Accepted): the new state of every call it names.
pub fn call_states(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Vec<(String, CallState)>, callback::CallbackError> {
    let batch: CommsNotifications = callback::decode(content_type, body)?;
    let mut states = Vec::new();
    for notification in batch.value.get().into_iter().flatten() {
        // resourceData is typed: a call, an operation, or the participants.
        let Some(CommsNotificationResourceData::Call(call)) = notification.resource_data.get()
        else {
            continue;
        };
        // resourceUrl (or the older `resource`) names the call.
        let path = notification.resource_path();
        let call_id = path.ok().and_then(|p| p.call_id().map(str::to_owned));
        if let (Some(call_id), Some(state)) = (call_id, call.state.get()) {
            states.push((call_id, state.clone()));
        }
    }
    Ok(states)
}
