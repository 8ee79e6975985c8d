//! What the HTTP tests share: a client of a local wiremock server whose
//! waits are recorded instead of spent, the documented examples of an
//! operation, and a check that a received path is the template with every
//! argument as exactly one segment.

#![allow(dead_code, unused_imports)]

use callgen::ir::{Example, Ir, Operation, PathPiece};
use percent_encoding::percent_decode_str;

// The client's own HTTP tests hold the wiremock wiring (token, recorded
// waits, fixed jitter, the client); these tests use the same.
#[path = "../../../client/tests/http/support.rs"]
mod client_support;

pub use client_support::{FixedJitter, RecordingSleeper, TOKEN, client};

/// The IR of the committed schema.
pub fn schema_ir() -> Ir {
    callgen::ir::from_openapi(&callgen_conformance::committed_schema()).unwrap()
}

/// The operation `operation_id` of `ir`.
pub fn operation<'a>(ir: &'a Ir, operation_id: &str) -> &'a Operation {
    ir.operations
        .iter()
        .find(|op| op.operation_id == operation_id)
        .unwrap_or_else(|| panic!("no operation {operation_id}"))
}

/// The documented request examples of `op`.
pub fn request_examples(op: &Operation) -> Vec<&Example> {
    op.request_body
        .iter()
        .flat_map(|body| body.examples.iter())
        .collect()
}

/// The documented examples of `op`'s success response.
pub fn response_examples<'a>(ir: &Ir, op: &'a Operation) -> Vec<&'a Example> {
    ir.success(op)
        .response
        .and_then(|r| r.body.as_ref())
        .map(|body| body.examples.iter().collect())
        .unwrap_or_default()
}

/// The example named `name` among `examples`.
pub fn example<'a>(examples: &[&'a Example], name: &str) -> &'a Example {
    examples
        .iter()
        .find(|e| e.name == name)
        .copied()
        .unwrap_or_else(|| panic!("no example {name}"))
}

/// The notification examples of `op`'s callbacks.
pub fn notification_examples(op: &Operation) -> Vec<&Example> {
    op.callbacks
        .iter()
        .filter_map(|c| c.body.as_ref())
        .flat_map(|body| body.examples.iter())
        .collect()
}

/// Checks that `received` (an encoded URL path) is `op`'s template with
/// each placeholder replaced by exactly one segment that decodes to the
/// argument given for it.
pub fn assert_route(op: &Operation, received: &str, argument: impl Fn(&str) -> String) {
    let mut expected_segments: Vec<Option<String>> = Vec::new();
    let mut literal = String::new();
    for piece in &op.path_pieces {
        match piece {
            PathPiece::Literal(text) => literal.push_str(text),
            PathPiece::Parameter(name) => {
                literal.push('\u{0}');
                expected_segments.push(Some(argument(name)));
            }
        }
    }
    let template_segments: Vec<&str> = literal.split('/').collect();
    let received_segments: Vec<&str> = received.split('/').collect();
    assert_eq!(
        template_segments.len(),
        received_segments.len(),
        "{}: {received} has another number of segments than {}",
        op.operation_id,
        op.path
    );
    let mut arguments = expected_segments.into_iter();
    for (template, got) in template_segments.iter().zip(&received_segments) {
        if *template == "\u{0}" {
            let decoded = percent_decode_str(got).decode_utf8().unwrap();
            assert_eq!(
                Some(decoded.into_owned()),
                arguments.next().flatten(),
                "{}: segment {got} of {received}",
                op.operation_id
            );
        } else {
            assert_eq!(template, got, "{}: {received}", op.operation_id);
        }
    }
}
