//! The error-path matrix: every failure a call can meet, over real HTTP,
//! gives a typed error (never a panic); the snapshot records what each one
//! says.

use std::fmt::Write as _;
use std::time::Duration;

use callgen_client::{Client, ClientCredentials, Error, RequestOptions};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::ops::{self, CALL_ID, DeleteCall, ListParticipants};
use crate::support::{MS, RecordingSleeper, client};

const MUTE_PATH: &str = "/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/mute";

/// One row of the matrix: the case, and the error (or value) it gave, with
/// the server's random port replaced by a stable name.
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

async fn mute_answered(
    template: ResponseTemplate,
) -> (MockServer, Result<serde_json::Value, Error>) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MUTE_PATH))
        .respond_with(template)
        .mount(&server)
        .await;
    let result = client(&server, &RecordingSleeper::default())
        .send(&ops::mute())
        .await;
    (server, result)
}

fn graph_error(code: &str, message: &str, inner: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"error": {"code": code, "message": message, "innerError": inner}}))
        .unwrap()
}

async fn bad_request() -> Row {
    let body = graph_error(
        "BadRequest",
        "Invalid clientContext",
        json!({"request-id": "0d1c6b3a-7f7e-4f53-9a47-3c7b1f1a0001", "client-request-id": "9c1f7d2e-0b4a-4d5e-8f6a-2b3c4d5e6f70", "date": "2021-07-01T10:00:00"}),
    );
    let (server, result) =
        mute_answered(ResponseTemplate::new(400).set_body_raw(body, "application/json")).await;
    let error = result.unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(graph.code, "BadRequest");
    assert_eq!(
        graph.request_id.as_deref(),
        Some("0d1c6b3a-7f7e-4f53-9a47-3c7b1f1a0001")
    );
    row("400 with a Graph error body", &server.uri(), error)
}

async fn not_found() -> Row {
    let server = MockServer::start().await;
    let body = graph_error(
        "itemNotFound",
        "Unknown call id",
        json!({"date": "2021-07-01T10:00:01"}),
    );
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_raw(body, "application/json")
                .insert_header("request-id", "hdr-request-404")
                .insert_header("client-request-id", "caller-chosen-id"),
        )
        .mount(&server)
        .await;
    let delete = DeleteCall {
        call_id: CALL_ID.to_owned(),
    };
    let options = RequestOptions::default().client_request_id("caller-chosen-id");
    let error = client(&server, &RecordingSleeper::default())
        .send_with(&delete, &options)
        .await
        .unwrap_err();
    let graph = error.graph_error().unwrap();
    assert!(matches!(error, Error::Graph { status, .. } if status == 404));
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

async fn bad_gateway_html() -> Row {
    let body = "<html>\n<body><h1>502 Bad Gateway</h1></body>\n</html>";
    let (server, result) = mute_answered(
        ResponseTemplate::new(502)
            .set_body_raw(body, "text/html")
            .insert_header("request-id", "req-502"),
    )
    .await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Status { status, request_id: Some(_), .. } if *status == 502));
    row("502 with an HTML body", &server.uri(), error)
}

async fn throttled_then_success() -> Row {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1.5"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ops::mute_operation()))
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::default();
    let value = client(&server, &sleeper).send(&ops::mute()).await.unwrap();
    assert_eq!(value, ops::mute_operation());
    assert_eq!(sleeper.waits(), [MS(1500)]);
    row(
        "429 with Retry-After 1.5, then 200",
        &server.uri(),
        format!(
            "ok after waiting {:?}: {}",
            sleeper.waits(),
            value["@odata.type"]
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
    let error = client(&server, &sleeper)
        .send(&ops::mute())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::RetriesExhausted { attempts: 3, last_status, total_wait, .. }
        if *last_status == 503 && *total_wait == MS(1500))
    );
    assert_eq!(sleeper.waits(), [MS(500), MS(1000)]);
    assert_eq!(error.graph_error().unwrap().code, "serviceNotAvailable");
    row(
        "503 until retries are exhausted (3 attempts, no Retry-After)",
        &server.uri(),
        error,
    )
}

async fn gateway_timeout_far_retry_after() -> Row {
    let (server, result) = mute_answered(
        ResponseTemplate::new(504).insert_header("retry-after", "Fri, 31 Dec 2100 23:59:59 GMT"),
    )
    .await;
    let error = result.unwrap_err();
    assert!(matches!(
        &error,
        Error::RetriesExhausted { attempts: 1, .. }
    ));
    row(
        "504 with a Retry-After date past the total wait",
        &server.uri(),
        error,
    )
}

async fn malformed_json() -> Row {
    let body = r##"{"@odata.type": "#microsoft.graph.muteParticipantOperation", "status": }"##;
    let (server, result) =
        mute_answered(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Decode { status, .. } if *status == 200));
    row("200 with malformed JSON", &server.uri(), error)
}

async fn wrong_shape() -> Row {
    let server = MockServer::start().await;
    let page = json!({"value": [{"id": "p-1"}, {"id": 5}]});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;
    let list = ListParticipants {
        call_id: CALL_ID.to_owned(),
    };
    let error = client(&server, &RecordingSleeper::default())
        .send(&list)
        .await
        .unwrap_err();
    // The collection names the failing item; inside it, a hand-derived type
    // names nothing more (generated types name the property, see the
    // conformance tests).
    assert!(matches!(&error, Error::Decode { path, .. } if path == "value[1]"));
    row("200 with JSON of the wrong shape", &server.uri(), error)
}

async fn empty_success_body() -> Row {
    let (server, result) =
        mute_answered(ResponseTemplate::new(200).insert_header("content-type", "application/json"))
            .await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Decode { .. }));
    row(
        "200 with an empty body where JSON is documented",
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
    assert!(matches!(
        &error,
        Error::UnexpectedContentType {
            content_type: Some(_),
            ..
        }
    ));
    row("200 with content type text/html", &server.uri(), error)
}

async fn connection_refused() -> Row {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder(callgen_client::StaticToken::new("t"))
        .base_url(&address)
        .build()
        .unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    assert!(matches!(&error, Error::Transport { .. }));
    assert!(std::error::Error::source(&error).is_some());
    Row {
        case: "connection refused (a port bound, then released)",
        outcome: error.to_string().replace(&address, "http://[closed port]"),
    }
}

async fn timeout() -> Row {
    let (server, result) = {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
            .mount(&server)
            .await;
        let options = RequestOptions::default().timeout(MS(200));
        let result = client(&server, &RecordingSleeper::default())
            .send_with(&ops::mute(), &options)
            .await;
        (server, result)
    };
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::Timeout { timeout, .. } if *timeout == MS(200)));
    row(
        "no answer within the per-request timeout (200ms, server waits 5s)",
        &server.uri(),
        error,
    )
}

async fn token_refused() -> Row {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tenant/oauth2/v2.0/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "AADSTS7000215: Invalid client secret provided."
        })))
        .mount(&server)
        .await;
    let tokens = ClientCredentials::new("tenant", "app-id", "wrong-secret")
        .unwrap()
        .with_token_endpoint(format!("{}/tenant/oauth2/v2.0/token", server.uri()));
    let client = Client::builder(tokens)
        .base_url(server.uri())
        .build()
        .unwrap();
    let error = client.send(&ops::mute()).await.unwrap_err();
    assert!(matches!(&error, Error::Auth(_)));
    assert!(!error.to_string().contains("wrong-secret"));
    let graph_requests = server.received_requests().await.unwrap();
    assert!(
        graph_requests
            .iter()
            .all(|request| request.url.path().ends_with("/token"))
    );
    row(
        "token endpoint refuses the client secret",
        &server.uri(),
        error,
    )
}

async fn dot_segment_id() -> Row {
    let server = MockServer::start().await;
    let mute = ops::MuteCall {
        call_id: "..".to_owned(),
        client_context: "c".to_owned(),
    };
    let error = client(&server, &RecordingSleeper::default())
        .send(&mute)
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(_)));
    assert!(server.received_requests().await.unwrap().is_empty());
    row("call id `..`", &server.uri(), error)
}

#[tokio::test]
async fn error_matrix() {
    let rows = [
        bad_request().await,
        not_found().await,
        unauthorized_empty().await,
        bad_gateway_html().await,
        throttled_then_success().await,
        unavailable_until_exhausted().await,
        gateway_timeout_far_retry_after().await,
        malformed_json().await,
        wrong_shape().await,
        empty_success_body().await,
        wrong_content_type().await,
        connection_refused().await,
        timeout().await,
        token_refused().await,
        dot_segment_id().await,
    ];
    let mut table = String::new();
    for Row { case, outcome } in &rows {
        writeln!(table, "{case}\n  -> {outcome}").unwrap();
    }
    insta::assert_snapshot!(table);
}
