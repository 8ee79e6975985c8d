//! App-only tokens from a client-credentials token endpoint on 127.0.0.1.

use std::time::Duration;

use callgen_client::{Client, ClientCredentials, Error};
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::ops;

const TOKEN_PATH: &str = "/contoso/oauth2/v2.0/token";

fn token_answer(token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "token_type": "Bearer",
        "expires_in": expires_in,
        "ext_expires_in": expires_in,
        "access_token": token,
    }))
}

async fn graph_expecting(server: &MockServer, token: &str, times: u64) {
    Mock::given(method("POST"))
        .and(path(format!("/communications/calls/{}/mute", ops::CALL_ID)))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(ops::mute_operation()))
        .expect(times)
        .mount(server)
        .await;
}

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::new("contoso", "app-id", "s3cr3t&=?")
        .unwrap()
        .with_token_endpoint(format!("{}{TOKEN_PATH}", server.uri()))
}

#[tokio::test]
async fn fetches_once_and_reuses_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=client_credentials&client_id=app-id&client_secret=s3cr3t%26%3D%3F\
             &scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        ))
        .respond_with(token_answer("app-token-1", 3599))
        .expect(1)
        .mount(&server)
        .await;
    graph_expecting(&server, "app-token-1", 2).await;

    let client = Client::builder(credentials(&server))
        .base_url(server.uri())
        .build()
        .unwrap();
    client.send(&ops::mute()).await.unwrap();
    client.send(&ops::mute()).await.unwrap();
}

#[tokio::test]
async fn refreshes_a_token_close_to_expiry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer("short-1", 60))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer("short-2", 60))
        .expect(1)
        .mount(&server)
        .await;
    graph_expecting(&server, "short-1", 1).await;
    graph_expecting(&server, "short-2", 1).await;

    let client = Client::builder(credentials(&server))
        .base_url(server.uri())
        .build()
        .unwrap();
    client.send(&ops::mute()).await.unwrap();
    client.send(&ops::mute()).await.unwrap();
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_an_auth_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let tokens = ClientCredentials::new("contoso", "app-id", "secret")
        .unwrap()
        .with_token_endpoint(format!("{address}/token"));
    let client = Client::builder(tokens).base_url(&address).build().unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    let Error::Auth(auth) = &error else {
        panic!("expected an auth error, got {error:?}");
    };
    assert!(std::error::Error::source(auth).is_some());
    assert!(
        error.to_string().starts_with(&format!(
            "cannot get an access token: token endpoint {address}/token could not be reached: "
        )),
        "{error}"
    );
}

#[tokio::test]
async fn a_silent_token_endpoint_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_answer("late", 3600).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let tokens = credentials(&server).with_timeout(Duration::from_millis(150));
    let client = Client::builder(tokens)
        .base_url(server.uri())
        .build()
        .unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "cannot get an access token: token endpoint {}{TOKEN_PATH} gave no answer within 150ms",
            server.uri()
        )
    );
}
