use callgen_client::callback_auth::{CallbackAuthConfig, CallbackVerifier};

use crate::CallbackGuard;

/// The callback checks from the environment: `BOT_APP_IDS` (the bot's
/// application ids, comma-separated; tokens must be for one of them) and,
/// optionally, `BOT_OPENID_CONFIGURATION` (where the signing keys are
/// published; the calling service's by default).
pub fn guard_from_env() -> Result<CallbackGuard, String> {
    let app_ids =
        std::env::var("BOT_APP_IDS").map_err(|_| "set BOT_APP_IDS to the bot's app id")?;
    let mut config = CallbackAuthConfig::new(
        app_ids
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty()),
    );
    if let Ok(url) = std::env::var("BOT_OPENID_CONFIGURATION") {
        config = config.with_openid_configuration_url(url);
    }
    let verifier = CallbackVerifier::new(config).map_err(|error| error.to_string())?;
    Ok(CallbackGuard::new(verifier))
}
