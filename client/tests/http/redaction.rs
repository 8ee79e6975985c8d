//! Tokens and secrets never appear in `Debug` output, even once in use.

use callgen_client::{Client, ClientCredentials, StaticToken};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::ops;

#[tokio::test]
async fn debug_output_never_reveals_tokens_or_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "expires_in": 3600, "access_token": "issued-token-value"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ops::mute_operation()))
        .mount(&server)
        .await;

    let static_client = Client::new(StaticToken::new("static-token-value")).unwrap();
    let tokens = ClientCredentials::new("contoso", "app-id", "client-secret-value")
        .unwrap()
        .with_token_endpoint(format!("{}/token", server.uri()));
    let app_client = Client::builder(tokens)
        .base_url(server.uri())
        .build()
        .unwrap();
    app_client.send(&ops::mute()).await.unwrap();

    for shown in [
        format!("{static_client:?}"),
        format!("{static_client:#?}"),
        format!("{app_client:?}"),
        format!("{app_client:#?}"),
    ] {
        for secret in [
            "static-token-value",
            "client-secret-value",
            "issued-token-value",
        ] {
            assert!(!shown.contains(secret), "{secret} shown in {shown}");
        }
    }
    assert!(format!("{app_client:?}").contains("AccessToken([redacted])"));
}
