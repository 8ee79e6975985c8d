//! Every post is authenticated before the handler sees it: the bot on
//! 127.0.0.1, keys generated here and published by a local OpenID
//! configuration. Each refused case checks the status, the reason, and that
//! nothing was delivered.

mod support;

use std::time::Duration;

use callback_bot::{CallbackGuard, Notice};
use callgen_client::callback_auth::{CallbackAuthConfig, CallbackVerifier};
use graph_calls::CallState;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use support::*;

/// The docs' `established` notification of a created call.
fn established() -> Vec<u8> {
    let body = json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": [{
            "@odata.type": "#microsoft.graph.commsNotification",
            "changeType": "updated",
            "resourceUrl": "/communications/calls/2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116",
            "resourceData": {
                "@odata.type": "#microsoft.graph.call",
                "state": "established"
            }
        }]
    });
    serde_json::to_vec(&body).expect("JSON")
}

/// Posts the notification with `authorization` and checks it is refused
/// with `status` and a reason starting with `reason`, and not delivered.
async fn assert_refused(authorization: Option<&str>, status: u16, reason: &str) {
    let (url, mut receiver, _keys) = start_authenticated_bot().await;
    assert_refused_by(&url, &mut receiver, authorization, status, reason).await;
}

async fn assert_refused_by(
    url: &str,
    receiver: &mut tokio::sync::mpsc::UnboundedReceiver<callback_bot::Delivery>,
    authorization: Option<&str>,
    status: u16,
    reason: &str,
) {
    let (got_status, text) = post(url, authorization, established()).await;
    assert_eq!(got_status, status, "{text}");
    assert!(text.starts_with(reason), "{text}");
    if let Some(token) = authorization.and_then(|value| value.strip_prefix("Bearer ")) {
        assert!(
            token.len() < 8 || !text.contains(token),
            "the reason shows the token: {text}"
        );
    }
    tokio::task::yield_now().await;
    assert!(drain(receiver).is_empty(), "the handler was reached");
}

fn signed_with(changes: Value) -> String {
    let mut claims = valid_claims();
    for (name, value) in changes.as_object().expect("object") {
        claims[name] = value.clone();
    }
    bearer(&main_key().sign(&claims))
}

#[tokio::test]
async fn a_valid_token_reaches_the_handler_with_its_tenant() {
    let (url, mut receiver, keys) = start_authenticated_bot().await;
    let (status, text) = post(&url, Some(&signed_with(json!({}))), established()).await;
    assert_eq!((status, text.as_str()), (202, ""));
    let delivered = drain(&mut receiver);
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].tenant_id.as_deref(), Some(TENANT_ID));
    assert_eq!(
        delivered[0].notice,
        Notice::CallState {
            call_id: Some("2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116".into()),
            state: CallState::Established,
        }
    );
    // The key is cached: a second post fetches nothing.
    let (status, _) = post(&url, Some(&signed_with(json!({}))), established()).await;
    assert_eq!(status, 202);
    assert_eq!(keys.fetches(), 1);
}

#[tokio::test]
async fn the_other_issuer_and_a_second_app_id_are_accepted() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let config = CallbackAuthConfig::new([APP_ID, "second-app"])
        .with_openid_configuration_url(&keys.configuration_url);
    let (url, mut receiver) =
        start_bot(CallbackGuard::new(CallbackVerifier::new(config).unwrap())).await;
    let token = signed_with(json!({"iss": "https://api.botframework.com", "aud": "second-app"}));
    assert_eq!(post(&url, Some(&token), established()).await.0, 202);
    let token = signed_with(json!({"aud": ["other", APP_ID]}));
    assert_eq!(post(&url, Some(&token), established()).await.0, 202);
    assert_eq!(drain(&mut receiver).len(), 2);
}

#[tokio::test]
async fn an_expired_token_is_refused_beyond_the_clock_skew() {
    let expired = signed_with(json!({"exp": now() - 600, "nbf": now() - 3600}));
    assert_refused(Some(&expired), 401, "the token has expired").await;
    // One minute late is within the default five minutes of skew.
    let (url, mut receiver, _keys) = start_authenticated_bot().await;
    let late = signed_with(json!({"exp": now() - 60}));
    assert_eq!(post(&url, Some(&late), established()).await.0, 202);
    assert_eq!(drain(&mut receiver).len(), 1);
}

#[tokio::test]
async fn a_token_not_yet_valid_is_refused() {
    let early = signed_with(json!({"nbf": now() + 3600}));
    assert_refused(Some(&early), 401, "the token is not valid yet").await;
}

#[tokio::test]
async fn a_token_for_another_app_is_refused() {
    let token = signed_with(json!({"aud": "00000000-0000-0000-0000-000000000000"}));
    assert_refused(
        Some(&token),
        401,
        "the token's audience is not one of the bot's app ids",
    )
    .await;
    let mut claims = valid_claims();
    claims.as_object_mut().unwrap().remove("aud");
    let token = bearer(&main_key().sign(&claims));
    assert_refused(
        Some(&token),
        401,
        "the token's `aud` claim is missing or invalid",
    )
    .await;
    let token = signed_with(json!({"aud": 42}));
    assert_refused(Some(&token), 401, "the token's").await;
}

#[tokio::test]
async fn a_token_of_another_issuer_is_refused() {
    let token = signed_with(json!({"iss": "https://sts.windows.net/evil/"}));
    assert_refused(
        Some(&token),
        401,
        "the token's issuer is not an accepted issuer",
    )
    .await;
}

#[tokio::test]
async fn an_unsigned_token_is_refused() {
    let header = json!({"alg": "none", "typ": "JWT", "kid": main_key().kid});
    let token = unsigned_token(&header, &valid_claims(), b"");
    assert_refused(
        Some(&bearer(&token)),
        401,
        "the bearer token is malformed: cannot read its header",
    )
    .await;
}

#[tokio::test]
async fn a_token_signed_with_the_public_key_as_hmac_secret_is_refused() {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(main_key().kid.clone());
    let secret = EncodingKey::from_secret(main_key().public_der()).unwrap();
    let token = jsonwebtoken::encode(&header, &valid_claims(), &secret).unwrap();
    assert_refused(
        Some(&bearer(&token)),
        401,
        "the token's algorithm `HS256` is not accepted, only RS256",
    )
    .await;
}

#[tokio::test]
async fn a_tampered_payload_is_refused() {
    let token = main_key().sign(&valid_claims());
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut claims = valid_claims();
    claims["tid"] = json!("another-tenant");
    parts[1] = unsigned_token(&json!({}), &claims, b"")
        .split('.')
        .nth(1)
        .unwrap()
        .to_owned();
    assert_refused(
        Some(&bearer(&parts.join("."))),
        401,
        "the token's signature does not verify",
    )
    .await;
}

#[tokio::test]
async fn a_token_signed_by_an_unpublished_key_with_a_published_kid_is_refused() {
    let impostor = SigningKey::generate(&main_key().kid);
    let token = bearer(&impostor.sign(&valid_claims()));
    assert_refused(Some(&token), 401, "the token's signature does not verify").await;
}

#[tokio::test]
async fn missing_malformed_and_oversized_headers_are_refused() {
    let (url, mut receiver, _keys) = start_authenticated_bot().await;
    let cases: [(Option<&str>, &str); 6] = [
        (None, "the post has no Authorization header"),
        (
            Some("Basic dXNlcjpwYXNz"),
            "the Authorization header is not `Bearer <token>`: the scheme is not Bearer",
        ),
        (
            Some("Bearer"),
            "the Authorization header is not `Bearer <token>`: it has no scheme and token",
        ),
        (Some("Bearer not-a-jwt"), "the bearer token is malformed"),
        (Some("Bearer a.b.c"), "the bearer token is malformed"),
        (Some("Bearer e30.e30.e30"), "the bearer token is malformed"),
    ];
    for (authorization, reason) in cases {
        assert_refused_by(&url, &mut receiver, authorization, 401, reason).await;
    }
    let oversized = bearer(&"a".repeat(20_000));
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&oversized),
        401,
        "the Authorization header has 20007 bytes, more than the 8192 allowed",
    )
    .await;
}

#[tokio::test]
async fn a_rotated_key_is_fetched_and_accepted() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let config =
        config(&keys.configuration_url).with_min_refetch_interval(Duration::from_millis(200));
    let (url, mut receiver) =
        start_bot(CallbackGuard::new(CallbackVerifier::new(config).unwrap())).await;
    assert_eq!(
        post(&url, Some(&signed_with(json!({}))), established())
            .await
            .0,
        202
    );
    assert_eq!(drain(&mut receiver).len(), 1);
    let rotated = SigningKey::generate("rotated-key");
    let token = bearer(&rotated.sign(&valid_claims()));
    // Not published yet: refused, and the refetch it caused found nothing.
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&token),
        401,
        "no published signing key has the id `rotated-key`",
    )
    .await;
    assert_eq!(keys.fetches(), 2);
    keys.publish(vec![main_key().jwk(), rotated.jwk()]);
    // Within the refetch interval the new key is not fetched yet.
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&token),
        401,
        "no published signing key has the id",
    )
    .await;
    assert_eq!(keys.fetches(), 2);
    tokio::time::sleep(Duration::from_millis(250)).await;
    let (status, text) = post(&url, Some(&token), established()).await;
    assert_eq!((status, text.as_str()), (202, ""));
    assert_eq!(keys.fetches(), 3);
    assert_eq!(drain(&mut receiver).len(), 1);
}

#[tokio::test]
async fn a_flood_of_forged_key_ids_makes_one_fetch() {
    let (url, mut receiver, keys) = start_authenticated_bot().await;
    let mut posts = tokio::task::JoinSet::new();
    for n in 0..200 {
        let forged = SigningKeyId(format!("forged-{n}"));
        let url = url.clone();
        posts.spawn(async move { post(&url, Some(&forged.token()), established()).await });
    }
    let mut refused = 0;
    while let Some(answer) = posts.join_next().await {
        let (status, text) = answer.unwrap();
        assert_eq!(status, 401, "{text}");
        assert!(
            text.starts_with("no published signing key has the id `forged-"),
            "{text}"
        );
        refused += 1;
    }
    assert_eq!(refused, 200);
    // The first forged id caused the first fetch; the other 199 fell within
    // the default minute between refetches.
    assert_eq!(keys.fetches(), 1);
    assert!(drain(&mut receiver).is_empty());
    // The real key still works, from the cache.
    assert_eq!(
        post(&url, Some(&signed_with(json!({}))), established())
            .await
            .0,
        202
    );
    assert_eq!(keys.fetches(), 1);
}

/// A token signed with the main key but naming another key id.
struct SigningKeyId(String);

impl SigningKeyId {
    fn token(&self) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.0.clone());
        let claims = valid_claims();
        let real = main_key().sign(&claims);
        let signature = real.rsplit('.').next().unwrap().to_owned();
        let header_part = unsigned_token(&serde_json::to_value(&header).unwrap(), &claims, b"");
        let mut parts: Vec<&str> = header_part.split('.').collect();
        parts[2] = &signature;
        bearer(&parts.join("."))
    }
}

#[tokio::test]
async fn unreachable_keys_refuse_with_503_and_cached_keys_keep_working() {
    // Nothing listens on the configuration's port.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!(
        "http://{}/v1/.well-known/OpenIdConfiguration",
        listener.local_addr().unwrap()
    );
    drop(listener);
    let verifier =
        CallbackVerifier::new(config(&closed).with_fetch_timeout(Duration::from_secs(5))).unwrap();
    let (url, mut receiver) = start_bot(CallbackGuard::new(verifier)).await;
    let token = signed_with(json!({}));
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&token),
        503,
        "the signing keys cannot be fetched: cannot reach http://127.0.0.1:",
    )
    .await;
    // The next posts within the refetch interval make no new attempt.
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&token),
        503,
        "the signing keys cannot be fetched: the last fetch failed",
    )
    .await;

    // Keys fetched once keep verifying while the key server fails.
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let config = config(&keys.configuration_url).with_min_refetch_interval(Duration::ZERO);
    let (url, mut receiver) =
        start_bot(CallbackGuard::new(CallbackVerifier::new(config).unwrap())).await;
    assert_eq!(post(&url, Some(&token), established()).await.0, 202);
    keys.set_failing(true);
    assert_eq!(post(&url, Some(&token), established()).await.0, 202);
    assert_eq!(drain(&mut receiver).len(), 2);
    let unknown = bearer(&SigningKey::generate("unknown").sign(&valid_claims()));
    assert_refused_by(
        &url,
        &mut receiver,
        Some(&unknown),
        401,
        "no published signing key has the id `unknown`",
    )
    .await;
}

#[tokio::test]
async fn tokens_and_keys_never_show_in_debug_or_reasons() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).unwrap();
    let token = main_key().sign(&valid_claims());
    let claims = verifier
        .verify_authorization(Some(&bearer(&token).parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(claims.tenant_id.as_deref(), Some(TENANT_ID));
    let modulus = main_key().jwk()["n"].as_str().unwrap().to_owned();
    let signature = token.rsplit('.').next().unwrap().to_owned();
    let shown = [
        format!("{verifier:?}"),
        format!("{claims:?}"),
        format!("{:?}", CallbackGuard::new(verifier)),
    ];
    for text in &shown {
        for secret in [&token, &modulus[..40], &signature[..40]] {
            assert!(!text.contains(secret), "{text}");
        }
    }
    assert!(shown[0].contains("cached_keys: 1"), "{}", shown[0]);
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).unwrap();
    let mut tampered = token.clone();
    tampered.push('x');
    let rejection = verifier
        .verify_authorization(Some(&bearer(&tampered).parse().unwrap()))
        .await
        .unwrap_err();
    for text in [rejection.to_string(), format!("{rejection:?}")] {
        assert!(
            !text.contains(&signature[..40]) && !text.contains(&token[..40]),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_before_it_is_read() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).unwrap();
    let guard = CallbackGuard::new(verifier).with_body_limit(1024);
    let (url, mut receiver) = start_bot(guard).await;
    let token = signed_with(json!({}));
    // Declared length over the limit.
    let (status, text) = post(&url, Some(&token), vec![b' '; 4096]).await;
    assert_eq!(
        (status, text.as_str()),
        (413, "the body has 4096 bytes, more than the 1024 allowed")
    );
    // No declared length (chunked): the stream is cut at the limit.
    let status = chunked_post(&url, &token, 64, 1024).await;
    assert_eq!(status, 413);
    // Unauthenticated posts learn nothing about the limit.
    assert_eq!(post(&url, None, vec![b' '; 4096]).await.0, 401);
    assert!(drain(&mut receiver).is_empty());
    // Within the limit: delivered.
    assert_eq!(post(&url, Some(&token), established()).await.0, 202);
    assert_eq!(drain(&mut receiver).len(), 1);
}

/// Posts `count` chunks of `size` spaces with chunked transfer encoding
/// over a raw connection, and reads the status line of the answer.
async fn chunked_post(url: &str, authorization: &str, count: usize, size: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /callback HTTP/1.1\r\nhost: {address}\r\nauthorization: {authorization}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("{size:x}\r\n{}\r\n", " ".repeat(size));
    for _ in 0..count {
        // The server may answer and close before the end.
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0; 64];
    let read = stream.read(&mut answer).await.unwrap();
    let status_line = String::from_utf8_lossy(&answer[..read]).into_owned();
    status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}
