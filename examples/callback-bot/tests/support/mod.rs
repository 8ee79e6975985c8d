//! What the callback tests share: RSA keys generated here, tokens signed
//! with them, an OpenID configuration and key set served on 127.0.0.1 (it
//! counts its key-set fetches), and the bot started behind its guard.

#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use callback_bot::{CALLBACK_PATH, CallbackGuard, Delivery, router};
use callgen_client::callback_auth::{CallbackAuthConfig, CallbackVerifier};
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedReceiver;

pub const APP_ID: &str = "9ecd52e5-6592-42b7-b562-093f37f13bde";
pub const TENANT_ID: &str = "632899f8-2ea1-4604-8413-27bd2892079f";
pub const GRAPH_ISSUER: &str = "https://graph.microsoft.com";

/// An RSA signing key of the test, with its key id.
pub struct SigningKey {
    pub kid: String,
    encoding: EncodingKey,
    public_der: Vec<u8>,
}

impl SigningKey {
    /// A fresh 2048-bit key.
    pub fn generate(kid: &str) -> SigningKey {
        let private =
            rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).expect("RSA key generation");
        let der = private.to_pkcs1_der().expect("PKCS#1 encoding");
        let public_der = private
            .to_public_key()
            .to_pkcs1_der()
            .expect("PKCS#1 encoding")
            .as_bytes()
            .to_vec();
        SigningKey {
            kid: kid.to_owned(),
            encoding: EncodingKey::from_rsa_der(der.as_bytes()),
            public_der,
        }
    }

    /// The public key as a JWKS entry.
    pub fn jwk(&self) -> Value {
        let jwk = Jwk::from_encoding_key(&self.encoding, Algorithm::RS256).expect("JWK");
        let mut value = serde_json::to_value(jwk).expect("JWK as JSON");
        value["kid"] = json!(self.kid);
        value["use"] = json!("sig");
        value
    }

    /// An RS256 token with these claims, signed with this key.
    pub fn sign(&self, claims: &Value) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("signing")
    }

    /// The DER bytes of the public key (what an algorithm-confusion attack
    /// uses as an HMAC secret).
    pub fn public_der(&self) -> &[u8] {
        &self.public_der
    }
}

/// The key most tests sign with, generated once per test binary.
pub fn main_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(|| SigningKey::generate("main-key"))
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// The claims of a valid callback token.
pub fn valid_claims() -> Value {
    json!({
        "iss": GRAPH_ISSUER,
        "aud": APP_ID,
        "tid": TENANT_ID,
        "appid": "26a18ebc-cdf7-4a6a-91cb-beb352805e81",
        "iat": now() - 60,
        "nbf": now() - 60,
        "exp": now() + 3600,
    })
}

/// A token of three base64url parts with any header (for `alg: none`).
pub fn unsigned_token(header: &Value, claims: &Value, signature: &[u8]) -> String {
    let part = |value: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("JSON"));
    format!(
        "{}.{}.{}",
        part(header),
        part(claims),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// An OpenID configuration and key set on 127.0.0.1.
#[derive(Clone)]
pub struct KeyServer {
    pub configuration_url: String,
    state: Arc<KeyServerState>,
}

struct KeyServerState {
    keys: Mutex<Vec<Value>>,
    fetches: AtomicUsize,
    failing: AtomicBool,
    jwks_uri: String,
}

impl KeyServer {
    /// Serves `keys`.
    pub async fn start(keys: Vec<Value>) -> KeyServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let state = Arc::new(KeyServerState {
            keys: Mutex::new(keys),
            fetches: AtomicUsize::new(0),
            failing: AtomicBool::new(false),
            jwks_uri: format!("http://{address}/discovery/keys"),
        });
        let app = axum::Router::new()
            .route("/v1/.well-known/OpenIdConfiguration", get(configuration))
            .route("/discovery/keys", get(key_set))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.expect("key server") });
        KeyServer {
            configuration_url: format!("http://{address}/v1/.well-known/OpenIdConfiguration"),
            state,
        }
    }

    /// Publishes `keys` instead.
    pub fn publish(&self, keys: Vec<Value>) {
        *self.state.keys.lock().expect("keys") = keys;
    }

    /// How many times the key set was fetched.
    pub fn fetches(&self) -> usize {
        self.state.fetches.load(Ordering::SeqCst)
    }

    /// Answers 500 to everything from now on (or again normally).
    pub fn set_failing(&self, failing: bool) {
        self.state.failing.store(failing, Ordering::SeqCst);
    }
}

async fn configuration(State(state): State<Arc<KeyServerState>>) -> Response {
    if state.failing.load(Ordering::SeqCst) {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    json_response(&json!({ "issuer": "https://api.botframework.com", "jwks_uri": state.jwks_uri }))
}

async fn key_set(State(state): State<Arc<KeyServerState>>) -> Response {
    if state.failing.load(Ordering::SeqCst) {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    state.fetches.fetch_add(1, Ordering::SeqCst);
    let keys = state.keys.lock().expect("keys").clone();
    json_response(&json!({ "keys": keys }))
}

fn json_response(value: &Value) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// The verifier's configuration for a key server.
pub fn config(configuration_url: &str) -> CallbackAuthConfig {
    CallbackAuthConfig::new([APP_ID]).with_openid_configuration_url(configuration_url)
}

/// The bot on 127.0.0.1 behind `guard`: its callback URL and what it delivers.
pub async fn start_bot(guard: CallbackGuard) -> (String, UnboundedReceiver<Delivery>) {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}{CALLBACK_PATH}",
        listener.local_addr().expect("address")
    );
    tokio::spawn(async move {
        axum::serve(listener, router(sender, guard))
            .await
            .expect("bot")
    });
    (url, receiver)
}

/// The bot with a key server publishing the main key.
pub async fn start_authenticated_bot() -> (String, UnboundedReceiver<Delivery>, KeyServer) {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).expect("verifier");
    let (url, receiver) = start_bot(CallbackGuard::new(verifier)).await;
    (url, receiver, keys)
}

/// Posts `body` as JSON with `authorization` (if any).
pub async fn post(url: &str, authorization: Option<&str>, body: Vec<u8>) -> (u16, String) {
    post_typed(url, authorization, "application/json", body).await
}

pub async fn post_typed(
    url: &str,
    authorization: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, String) {
    let mut request = client()
        .post(url)
        .header("content-type", content_type)
        .body(body);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let answer = request.send().await.expect("post");
    (answer.status().as_u16(), answer.text().await.expect("body"))
}

/// One HTTP client per test binary (it pools its connections).
pub fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client")
    })
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Everything delivered so far.
pub fn drain(receiver: &mut UnboundedReceiver<Delivery>) -> Vec<Delivery> {
    let mut out = Vec::new();
    while let Ok(delivery) = receiver.try_recv() {
        out.push(delivery);
    }
    out
}

/// The committed schema.
pub fn schema() -> Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/graph-calls.beta.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("schema")).expect("schema JSON")
}

/// The largest documented participant: the `Notification - roster`
/// example of the create-call page.
pub fn documented_participant(schema: &Value) -> Value {
    let mut best: Option<Value> = None;
    for example in roster_examples(schema) {
        for notification in example["value"].as_array().into_iter().flatten() {
            for participant in notification["resourceData"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let longer = best
                    .as_ref()
                    .is_none_or(|b| b.to_string().len() < participant.to_string().len());
                if longer {
                    best = Some(participant.clone());
                }
            }
        }
    }
    best.expect("a documented roster notification")
}

/// The bodies of the documented notifications whose resource data is a
/// participant collection.
fn roster_examples(schema: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for item in schema["paths"].as_object().expect("paths").values() {
        for operation in item.as_object().expect("path item").values() {
            for callback in operation["callbacks"].as_object().into_iter().flatten() {
                for expression in callback.1.as_object().expect("callback").values() {
                    let examples = &expression["post"]["requestBody"]["content"]["application/json"]
                        ["examples"];
                    for example in examples.as_object().into_iter().flatten() {
                        let body = &example.1["value"];
                        if body["value"][0]["resourceData"].is_array() {
                            out.push(body.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

/// A roster notification of call `call_id` with `count` copies of
/// `participant`, each with its own id.
pub fn roster(participant: &Value, call_id: &str, count: usize) -> Vec<u8> {
    let participants: Vec<Value> = (0..count)
        .map(|n| {
            let mut copy = participant.clone();
            copy["id"] = json!(format!("{call_id}-participant-{n}"));
            copy
        })
        .collect();
    let body = json!({
        "@odata.type": "#microsoft.graph.commsNotifications",
        "value": [{
            "@odata.type": "#microsoft.graph.commsNotification",
            "changeType": "updated",
            "resourceUrl": format!("/communications/calls/{call_id}/participants"),
            "resourceData": participants,
        }]
    });
    serde_json::to_vec(&body).expect("JSON")
}

/// Every notification example of an OpenAPI document (the committed
/// schema, or a corpus extracted): (operation id, summary, page:line,
/// body), in page and line order.
pub fn notification_examples(schema: &Value) -> Vec<(String, String, String, Value)> {
    let mut out: Vec<((String, u64), String, String, Value)> = Vec::new();
    for item in schema["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let Some(callbacks) = operation.get("callbacks").and_then(Value::as_object) else {
                continue;
            };
            for callback in callbacks.values() {
                for expression in callback.as_object().unwrap().values() {
                    let examples = &expression["post"]["requestBody"]["content"]["application/json"]
                        ["examples"];
                    for example in examples.as_object().into_iter().flatten().map(|e| e.1) {
                        let source = &example["x-callgen-source"];
                        let page = source["page"].as_str().unwrap().to_owned();
                        let line = source["line"].as_u64().unwrap();
                        out.push((
                            (page, line),
                            operation["operationId"].as_str().unwrap().to_owned(),
                            example["summary"].as_str().unwrap_or_default().to_owned(),
                            example["value"].clone(),
                        ));
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter()
        .map(|((page, line), operation, summary, body)| {
            (operation, summary, format!("{page}:{line}"), body)
        })
        .collect()
}
