//! The error-path matrix through a generated operation (`CallMute`, typed
//! result `MuteParticipantOperation`) over real HTTP: every failure gives a
//! typed error, never a panic; the snapshot records what each one says.

mod http_support;

use std::fmt::Write as _;
use std::time::Duration;

use callgen_client::{Client, Error, RequestOptions, StaticToken};
use graph_calls::{CallMute, CallMuteRequest, CommsOperationStatus, MuteParticipantOperation};
use http_support::{RecordingSleeper, client};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CALL_ID: &str = "57dab8b1-894c-409a-b240-bd8beae78896";
const MUTE_PATH: &str = "/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/mute";
const CONTEXT: &str = "d45324c1-fcb5-430a-902c-f20af696537c";

fn mute() -> CallMute {
    CallMute::new(CALL_ID, CallMuteRequest::new().with_client_context(CONTEXT))
}

/// The documented answer to `call: mute`.
fn mute_operation() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.muteParticipantOperation",
        "id": "17e3b46c-f61d-4f4d-9635-c626ef18e6ad",
        "status": "completed",
        "clientContext": CONTEXT,
    })
}

struct Row {
    case: &'static str,
    outcome: String,
}

fn row(case: &'static str, server: &str, outcome: impl ToString) -> Row {
    Row {
        case,
        outcome: outcome.to_string().replace(server, "http://[server]"),
    }
}

async fn answered(
    template: ResponseTemplate,
    options: RequestOptions,
) -> (MockServer, Result<MuteParticipantOperation, Error>) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MUTE_PATH))
        .respond_with(template)
        .mount(&server)
        .await;
    let result = client(&server, &RecordingSleeper::default())
        .send_with(&mute(), &options)
        .await;
    (server, result)
}

async fn mute_answered(
    template: ResponseTemplate,
) -> (MockServer, Result<MuteParticipantOperation, Error>) {
    answered(template, RequestOptions::default()).await
}

fn graph_error(code: &str, message: &str, inner: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"error": {"code": code, "message": message, "innerError": inner}}))
        .unwrap()
}

async fn bad_request() -> Row {
    let body = graph_error(
        "BadRequest",
        "Invalid clientContext",
        json!({"request-id": "0d1c6b3a-7f7e-4f53-9a47-3c7b1f1a0001", "date": "2021-07-01T10:00:00"}),
    );
    let (server, result) =
        mute_answered(ResponseTemplate::new(400).set_body_raw(body, "application/json")).await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Graph { status, .. } if *status == 400));
    assert_eq!(error.graph_error().unwrap().code, "BadRequest");
    row("400 with a Graph error body", &server.uri(), error)
}

async fn not_found() -> Row {
    let body = graph_error("itemNotFound", "Unknown call id", json!({}));
    let (server, result) = answered(
        ResponseTemplate::new(404)
            .set_body_raw(body, "application/json")
            .insert_header("request-id", "hdr-request-404")
            .insert_header("client-request-id", "caller-chosen-id")
            .insert_header("date", "Thu, 01 Jul 2021 10:00:01 GMT"),
        RequestOptions::default().client_request_id("caller-chosen-id"),
    )
    .await;
    let error = result.unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.request_id.as_deref(), Some("hdr-request-404"));
    assert_eq!(graph.client_request_id.as_deref(), Some("caller-chosen-id"));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].headers["client-request-id"], "caller-chosen-id");
    row(
        "404 with a Graph error body, ids from headers",
        &server.uri(),
        error,
    )
}

async fn unauthorized_empty() -> Row {
    let (server, result) = mute_answered(ResponseTemplate::new(401)).await;
    let error = result.unwrap_err();
    assert!(
        matches!(&error, Error::Status { status, body_snippet, .. } if *status == 401 && body_snippet.is_empty())
    );
    row("401 with an empty body", &server.uri(), error)
}

async fn throttled_then_success() -> Row {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(mute_operation()))
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::default();
    let operation = client(&server, &sleeper).send(&mute()).await.unwrap();
    assert_eq!(sleeper.waits(), [Duration::from_secs(2)]);
    assert_eq!(
        operation.status.get(),
        Some(&CommsOperationStatus::Completed)
    );
    assert_eq!(
        operation.client_context.get().map(String::as_str),
        Some(CONTEXT)
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    row(
        "429 with Retry-After 2, then 200",
        &server.uri(),
        format!(
            "ok after waiting {:?}: MuteParticipantOperation with status {:?}",
            sleeper.waits(),
            operation.status.get()
        ),
    )
}

async fn unavailable_until_exhausted() -> Row {
    let body = graph_error(
        "serviceNotAvailable",
        "Try again later",
        json!({"request-id": "req-503", "date": "2021-07-01T10:00:02"}),
    );
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(body, "application/json"))
        .expect(3)
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::default();
    let error = client(&server, &sleeper).send(&mute()).await.unwrap_err();
    assert!(matches!(
        &error,
        Error::RetriesExhausted { attempts: 3, .. }
    ));
    assert_eq!(
        sleeper.waits(),
        [Duration::from_millis(500), Duration::from_millis(1000)]
    );
    row(
        "503 until retries are exhausted (3 attempts, no Retry-After)",
        &server.uri(),
        error,
    )
}

async fn malformed_json() -> Row {
    let body = r##"{"@odata.type": "#microsoft.graph.muteParticipantOperation", "status": }"##;
    let (server, result) =
        mute_answered(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Decode { .. }));
    row("200 with malformed JSON", &server.uri(), error)
}

async fn wrong_shape() -> Row {
    let body = json!({"@odata.type": "#microsoft.graph.muteParticipantOperation", "resultInfo": {"code": "not a number"}});
    let (server, result) = mute_answered(ResponseTemplate::new(200).set_body_json(body)).await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Decode { path, .. } if path == "resultInfo.code"));
    row(
        "200 with JSON that does not fit the typed result",
        &server.uri(),
        error,
    )
}

async fn wrong_content_type() -> Row {
    let (server, result) = mute_answered(
        ResponseTemplate::new(200).set_body_raw("<html><body>Sign in</body></html>", "text/html"),
    )
    .await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::UnexpectedContentType { .. }));
    row("200 with content type text/html", &server.uri(), error)
}

async fn connection_refused() -> Row {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder(StaticToken::new("t"))
        .base_url(&address)
        .build()
        .unwrap();
    let error = client.send(&mute()).await.unwrap_err();
    assert!(matches!(&error, Error::Transport { .. }));
    Row {
        case: "connection refused (a port bound, then released)",
        outcome: without_os_error_number(
            &error.to_string().replace(&address, "http://[closed port]"),
        ),
    }
}

/// `text` with the number of an `(os error N)` replaced, since it differs
/// between systems (111 on Linux, 61 on macOS, 10061 on Windows).
fn without_os_error_number(text: &str) -> String {
    const MARK: &str = "(os error ";
    let Some(start) = text.find(MARK).map(|at| at + MARK.len()) else {
        return text.to_owned();
    };
    let digits = text[start..].len()
        - text[start..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    format!("{}[number]{}", &text[..start], &text[start + digits..])
}

async fn timeout() -> Row {
    let (server, result) = answered(
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
        RequestOptions::default().timeout(Duration::from_millis(200)),
    )
    .await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Timeout { .. }));
    row(
        "no answer within the per-request timeout (200ms, server waits 5s)",
        &server.uri(),
        error,
    )
}

async fn dot_segment_id() -> Row {
    let server = MockServer::start().await;
    let mute = CallMute::new("..", CallMuteRequest::new());
    let error = client(&server, &RecordingSleeper::default())
        .send(&mute)
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(_)));
    assert!(server.received_requests().await.unwrap().is_empty());
    row("call id `..`", &server.uri(), error)
}

#[tokio::test]
async fn error_matrix_through_a_generated_operation() {
    let rows = [
        bad_request().await,
        not_found().await,
        unauthorized_empty().await,
        throttled_then_success().await,
        unavailable_until_exhausted().await,
        malformed_json().await,
        wrong_shape().await,
        wrong_content_type().await,
        connection_refused().await,
        timeout().await,
        dot_segment_id().await,
    ];
    let mut table = String::new();
    for Row { case, outcome } in &rows {
        writeln!(table, "{case}\n  -> {outcome}").unwrap();
    }
    insta::assert_snapshot!(table);
}
