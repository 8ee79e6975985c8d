use std::error::Error as StdError;
use std::time::Duration;

use callgen_client::{Client, ClientCredentials, Error, callback};
use graph_calls::{
    Call, CallCreate, CallDelete, CallPlayPrompt, CallPlayPromptRequest, CommsNotifications,
    Identity, IdentitySet, InvitationParticipantInfo, MediaInfo, MediaPrompt, Modality,
    ServiceHostedMediaConfig,
};
use graph_calls_state::{CallPhase, Event, StateKeeper};

/// How long the bot waits for the service at each step.
const PATIENCE: Duration = Duration::from_secs(60);

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
/// answers 202 Accepted): the state keeper applies it to the calls, their
/// rosters and operations, and says what changed.
pub fn on_notifications(
    calls: &StateKeeper,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Vec<Event>, callback::CallbackError> {
    let batch: CommsNotifications = callback::decode(content_type, body)?;
    Ok(calls.apply(batch))
}

/// Once the call is established: plays a prompt, waits until the service
/// reports it played, hangs up, and waits until the call is terminated.
pub async fn greet_and_hang_up(
    graph: &Client,
    calls: &StateKeeper,
    call_id: &str,
) -> Result<(), Box<dyn StdError + Send + Sync>> {
    calls
        .wait_for_phase(call_id, CallPhase::Connected, PATIENCE)
        .await?;
    let beep = MediaInfo::new()
        .with_uri("https://cdn.contoso.com/beep.wav")
        .with_resource_id("1D6DE2D4-CD51-4309-8DAA-70768651088E");
    let request = CallPlayPromptRequest::new()
        .with_client_context("d45324c1-fcb5-430a-902c-f20af696537c")
        .with_prompts([MediaPrompt::new().with_media_info(beep)])
        .with_loop(false);
    // POST /communications/calls/{id}/playPrompt, answered 200 OK with the
    // operation, `running`.
    let prompt = graph.send(&CallPlayPrompt::new(call_id, request)).await?;
    // A notification completes it (or fails it, with the service's resultInfo).
    calls.wait_for_operation(call_id, prompt, PATIENCE).await?;
    // DELETE /communications/calls/{id}, answered 204 No Content.
    graph.send(&CallDelete::new(call_id)).await?;
    calls
        .wait_for_phase(call_id, CallPhase::Ended, PATIENCE)
        .await?;
    Ok(())
}
