//! Every operation of the schema over real HTTP (wiremock on 127.0.0.1),
//! with its documented examples: the request type is built through
//! `graph_calls::registry::METHODS` from path arguments and the documented
//! request body, sent by the real client, answered with the documented
//! response, and checked both ways: method, route, headers and body sent,
//! and the typed result written back equal to the documented response.
//! Each operation also runs once with awkward ids (`/`, `?`, `#`, `%`, `..`
//! inside), which must stay one segment each, and once with the id `..`,
//! which must be refused before anything is sent. The operations are read
//! from the schema at test time, so a new operation is covered as soon as
//! it is generated.

mod http_support;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use callgen::ir::{Example, Ir, Operation, OperationResult};
use callgen_client::{Error, PathArgs};
use http_support::{
    RecordingSleeper, TOKEN, assert_route, client, request_examples, response_examples, schema_ir,
};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A documented-looking id per path parameter.
fn plain_id(parameter: &str) -> String {
    match parameter {
        "call-id" => "57dab8b1-894c-409a-b240-bd8beae78896".to_owned(),
        "participant-id" => "2765eb15-01f8-47c6-b12b-c32111a4a86f".to_owned(),
        other => format!("{other}-0fe0623f"),
    }
}

/// An id made of everything that could change a route.
fn awkward_id(parameter: &str) -> String {
    format!("{parameter}/../x?y=1#z%2F 100%é")
}

fn arguments(op: &Operation, id: impl Fn(&str) -> String) -> PathArgs {
    op.parameters
        .iter()
        .map(|p| (p.wire_name.clone(), id(&p.wire_name)))
        .collect()
}

/// One request/response pairing of an operation.
struct Exchange<'a> {
    request: Option<&'a Example>,
    response: Option<&'a Example>,
}

/// Every documented request and every documented response example at
/// least once: the i-th request with the i-th response (cycling).
fn exchanges<'a>(ir: &Ir, op: &'a Operation) -> Vec<Exchange<'a>> {
    let requests = request_examples(op);
    let responses = response_examples(ir, op);
    let count = requests.len().max(responses.len()).max(1);
    (0..count)
        .map(|i| Exchange {
            request: (!requests.is_empty()).then(|| requests[i % requests.len()]),
            response: (!responses.is_empty()).then(|| responses[i % responses.len()]),
        })
        .collect()
}

fn status_of(ir: &Ir, op: &Operation) -> u16 {
    ir.success(op)
        .response
        .and_then(|r| r.status.parse().ok())
        .unwrap_or(200)
}

/// The body the operation is built with: the documented request example,
/// or `{}` when the operation takes a body but documents none.
fn request_body(op: &Operation, exchange: &Exchange<'_>) -> Option<Value> {
    match (exchange.request, &op.request_body) {
        (Some(example), _) => Some(example.value.clone()),
        (None, Some(_)) => Some(serde_json::json!({})),
        (None, None) => None,
    }
}

/// Sends one exchange and checks everything; returns the row for the
/// snapshot.
async fn run(
    server: &MockServer,
    ir: &Ir,
    op: &Operation,
    exchange: &Exchange<'_>,
    id: &dyn Fn(&str) -> String,
) -> String {
    server.reset().await;
    let status = status_of(ir, op);
    let template = match exchange.response {
        Some(example) => ResponseTemplate::new(status).set_body_raw(
            serde_json::to_vec(&example.value).unwrap(),
            "application/json; odata.metadata=minimal",
        ),
        None => ResponseTemplate::new(status),
    };
    Mock::given(any())
        .respond_with(template)
        .expect(1)
        .mount(server)
        .await;
    let entry = graph_calls::registry::find_method(&op.operation_id).unwrap();
    let body = request_body(op, exchange);
    let operation = entry
        .operation(&arguments(op, id), body.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", op.operation_id));
    let output = client(server, &RecordingSleeper::default())
        .send(&operation)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", op.operation_id));

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "{}", op.operation_id);
    let sent = &received[0];
    check_request(op, sent, body.as_ref(), id);
    let expected = match (&ir.success(op).result, exchange.response) {
        (OperationResult::Nothing, _) => Value::Null,
        (_, Some(example)) => example.value.clone(),
        (_, None) => panic!("{}: a typed result without an example", op.operation_id),
    };
    assert_eq!(output, expected, "{}: typed result", op.operation_id);

    let name = |e: Option<&Example>| e.map(|e| e.name.clone()).unwrap_or_else(|| "-".into());
    format!(
        "{} {}\n  request {} -> {status} {} as {}",
        sent.method,
        sent.url.path(),
        name(exchange.request),
        name(exchange.response),
        entry.output_type
    )
}

fn check_request(
    op: &Operation,
    sent: &Request,
    body: Option<&Value>,
    id: &dyn Fn(&str) -> String,
) {
    assert_eq!(sent.method.as_str(), op.method, "{}", op.operation_id);
    assert_route(op, sent.url.path(), id);
    assert_eq!(sent.url.query(), None, "{}", op.operation_id);
    let header = |name: &str| {
        sent.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("authorization"), Some(format!("Bearer {TOKEN}")));
    assert_eq!(header("accept").as_deref(), Some("application/json"));
    let request_id = header("client-request-id").unwrap();
    assert_eq!(
        uuid::Uuid::parse_str(&request_id)
            .unwrap()
            .get_version_num(),
        4
    );
    match body {
        Some(body) => {
            assert_eq!(
                header("content-type").as_deref(),
                Some("application/json"),
                "{}",
                op.operation_id
            );
            let sent_body: Value = serde_json::from_slice(&sent.body).unwrap();
            assert_eq!(&sent_body, body, "{}: body sent", op.operation_id);
        }
        None => {
            assert_eq!(header("content-type"), None, "{}", op.operation_id);
            assert!(sent.body.is_empty(), "{}", op.operation_id);
        }
    }
}

/// The id `..` is refused for every path parameter, and nothing is sent.
async fn refuses_dot_segments(server: &MockServer, op: &Operation) -> usize {
    let mut refused = 0;
    let entry = graph_calls::registry::find_method(&op.operation_id).unwrap();
    for parameter in entry.path_parameters {
        server.reset().await;
        let args = arguments(op, |name| {
            if name == *parameter {
                "..".to_owned()
            } else {
                plain_id(name)
            }
        });
        let body = op.request_body.as_ref().map(|_| {
            request_examples(op)
                .first()
                .map(|e| e.value.clone())
                .unwrap_or_else(|| serde_json::json!({}))
        });
        let operation = entry.operation(&args, body.as_ref()).unwrap();
        let error = client(server, &RecordingSleeper::default())
            .send(&operation)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(m) if m.contains(parameter)),
            "{}: {error}",
            op.operation_id
        );
        assert!(server.received_requests().await.unwrap().is_empty());
        refused += 1;
    }
    refused
}

#[tokio::test]
async fn every_operation_over_http_with_its_documented_examples() {
    let ir = schema_ir();
    let methods = graph_calls::registry::METHODS;
    let generated: BTreeSet<&str> = methods.iter().map(|m| m.operation_id).collect();
    let documented: BTreeSet<&str> = ir
        .operations
        .iter()
        .map(|op| op.operation_id.as_str())
        .collect();
    assert_eq!(
        generated, documented,
        "request types and schema operations differ"
    );

    let server = MockServer::start().await;
    let mut table = String::new();
    let mut exercised = BTreeSet::new();
    let (mut exchanged, mut refused) = (0, 0);
    for op in &ir.operations {
        let entry = graph_calls::registry::find_method(&op.operation_id).unwrap();
        assert_eq!(
            (entry.method, entry.path),
            (op.method.as_str(), op.path.as_str())
        );
        writeln!(table, "{} ({})", op.operation_id, entry.rust_type).unwrap();
        for (index, exchange) in exchanges(&ir, op).iter().enumerate() {
            let row = run(&server, &ir, op, exchange, &plain_id).await;
            writeln!(table, "  {row}").unwrap();
            exchanged += 1;
            if index == 0 && !entry.path_parameters.is_empty() {
                let row = run(&server, &ir, op, exchange, &awkward_id).await;
                writeln!(table, "  {row}").unwrap();
                exchanged += 1;
            }
        }
        refused += refuses_dot_segments(&server, op).await;
        exercised.insert(op.operation_id.as_str());
    }
    assert_eq!(exercised, documented);
    writeln!(
        table,
        "\n{} of {} operations exercised in {exchanged} exchanges; `..` refused for {refused} path parameters",
        exercised.len(),
        documented.len()
    )
    .unwrap();
    println!("{table}");
    insta::assert_snapshot!(table);
}
