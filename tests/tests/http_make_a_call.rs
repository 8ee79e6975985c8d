//! The README section "Make a call", run: its code (`docs/make-a-call.rs`,
//! compiled here as the README shows it) creates the call
//! against a local server on 127.0.0.1 that checks the request and answers
//! with the documented response, then reads the documented `establishing`
//! and `established` notifications, from the schema and, with the docs
//! corpora present, from the side-by-side seed page itself.

mod http_support;

#[path = "../../docs/make-a-call.rs"]
mod make_a_call;

use graph_calls::CallState;
use http_support::{
    RecordingSleeper, client, example, notification_examples, operation, request_examples,
    response_examples, schema_ir,
};
use make_a_call::{call_john, call_states, graph_client};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn the_readme_section_shows_the_code_that_runs() {
    let root = callgen_conformance::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let code = std::fs::read_to_string(root.join("docs/make-a-call.rs")).unwrap();
    let section = readme
        .split("\n## Make a call\n")
        .nth(1)
        .expect("the README has a section \"## Make a call\"");
    let section = section.split("\n## ").next().unwrap();
    let block = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section shows Rust code");
    assert_eq!(
        block, code,
        "the README's \"Make a call\" must show docs/make-a-call.rs as it is"
    );
}

#[tokio::test]
async fn make_a_call_against_a_local_server() {
    let ir = schema_ir();
    let create = operation(&ir, "call.create");
    let request = example(
        &request_examples(create),
        "create-call-service-hosted-media-1",
    );
    let response = example(&response_examples(&ir, create), "application-post-calls-2");

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/communications/calls"))
        .and(header("content-type", "application/json"))
        .and(body_json(&request.value))
        .respond_with(ResponseTemplate::new(201).set_body_raw(
            serde_json::to_vec(&response.value).unwrap(),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let graph = client(&server, &RecordingSleeper::default());
    let call = call_john(&graph).await.unwrap();
    assert_eq!(call.state.get(), Some(&CallState::Establishing));
    assert_eq!(
        call.id.get().map(String::as_str),
        Some("2e1a0b00-2db4-4022-9570-243709c565ab")
    );
    assert_eq!(serde_json::to_value(&call).unwrap(), response.value);

    // The documented notifications of this call.
    let notifications = notification_examples(create);
    let body = |summary: &str| {
        let found = notifications
            .iter()
            .find(|e| e.summary.as_deref() == Some(summary))
            .unwrap();
        serde_json::to_vec(&found.value).unwrap()
    };
    let establishing = call_states(
        Some("application/json"),
        &body("Notification - establishing"),
    );
    let established = call_states(
        Some("application/json"),
        &body("Notification - established"),
    );
    assert_eq!(
        establishing.unwrap(),
        [(
            "2e1a0b00-2db4-4022-9570-243709c565ab".to_owned(),
            CallState::Establishing
        )]
    );
    // The docs give the established call another id than the created one.
    assert_eq!(
        established.unwrap(),
        [(
            "2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116".to_owned(),
            CallState::Established
        )]
    );

    let production = graph_client("contoso.onmicrosoft.com", "app-id", "secret").unwrap();
    assert_eq!(
        production.base_url().as_str(),
        "https://graph.microsoft.com/beta"
    );
}

/// The seed page's own notifications use the 2019 spelling `resource`
/// (`/app/calls/...`), kept as an unknown property and still read for ids.
#[test]
fn the_seed_pages_notifications() {
    let Some(docs) = callgen_conformance::docs_dir() else {
        return;
    };
    let seed = docs.join("../seed/create-call.zh-CN.sxs.md");
    let ir = callgen_conformance::corpus_ir(&seed);
    let create = operation(&ir, "call.create");
    let mut notifications = notification_examples(create);
    notifications.sort_by_key(|e| e.line);
    let states: Vec<Vec<(String, CallState)>> = notifications
        .iter()
        .take(2)
        .map(|e| call_states(None, &serde_json::to_vec(&e.value).unwrap()).unwrap())
        .collect();
    assert_eq!(
        states,
        [
            vec![(
                "2e1a0b00-2db4-4022-9570-243709c565ab".to_owned(),
                CallState::Establishing
            )],
            vec![(
                "2e1a0b00-b3c5-4b0f-99b3-c133bc1e6116".to_owned(),
                CallState::Established
            )],
        ]
    );
}
