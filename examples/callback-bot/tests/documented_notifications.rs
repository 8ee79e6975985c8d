//! Every notification example of the committed schema and of every docs
//! corpus (extracted from the pages), posted through the authenticated
//! endpoint on 127.0.0.1: every batch is delivered to the handler, whole,
//! including those with a value that contradicts the schema (kept as the
//! JSON received). Those are counted and listed here; strict decoding
//! refuses exactly them.

mod support;

use callgen_client::callback;
use callgen_conformance::{CORPORA, docs_dir};
use callgen_runtime::inspect;
use graph_calls::CommsNotifications;
use serde_json::Value;
use support::*;

/// The examples with a value that contradicts its declared type:
/// (document, page:line, JSON path of the value). All of them send
/// `resultInfo.code` (Int32) as a string: `"0"` or `"200"`.
const ILL_TYPED: &[(&str, &str, &str)] = &[
    (
        "schema",
        "api-reference/beta/api/call-delete.md:131",
        RESULT_CODE,
    ),
    (
        "en-2021-07",
        "api-reference/beta/api/call-delete.md:131",
        RESULT_CODE,
    ),
    (
        "en-2019-09",
        "api-reference/beta/api/call-delete.md:127",
        RESULT_CODE,
    ),
    (
        "en-2019-09",
        "api-reference/beta/api/call-transfer.md:125",
        RESULT_CODE,
    ),
    (
        "en-2019-09",
        "api-reference/beta/api/call-transfer.md:159",
        RESULT_CODE,
    ),
    (
        "en-2019-09",
        "api-reference/beta/api/call-transfer.md:263",
        RESULT_CODE,
    ),
    (
        "en-2019-09",
        "api-reference/beta/api/call-transfer.md:297",
        RESULT_CODE,
    ),
    (
        "zh-CN-2019-09",
        "api-reference/beta/api/call-delete.md:132",
        RESULT_CODE,
    ),
    (
        "zh-CN-2019-09",
        "api-reference/beta/api/call-transfer.md:130",
        RESULT_CODE,
    ),
    (
        "zh-CN-2019-09",
        "api-reference/beta/api/call-transfer.md:164",
        RESULT_CODE,
    ),
    (
        "zh-CN-2019-09",
        "api-reference/beta/api/call-transfer.md:268",
        RESULT_CODE,
    ),
    (
        "zh-CN-2019-09",
        "api-reference/beta/api/call-transfer.md:302",
        RESULT_CODE,
    ),
];

const RESULT_CODE: &str = "value[0].resourceData.resultInfo.code";

struct Count {
    total: usize,
    delivered: usize,
    refused: Vec<String>,
    /// `page:line $.path` of every value kept because it contradicts the
    /// schema.
    kept: Vec<String>,
}

/// Posts every example of `document` and counts what was delivered.
async fn post_all(document: &Value) -> Count {
    let (url, mut receiver, _keys) = start_authenticated_bot().await;
    let token = bearer(&main_key().sign(&valid_claims()));
    let examples = notification_examples(document);
    let mut count = Count {
        total: examples.len(),
        delivered: 0,
        refused: Vec::new(),
        kept: Vec::new(),
    };
    for (operation, summary, source, body) in &examples {
        let notifications = body["value"].as_array().map_or(0, Vec::len);
        let bytes = serde_json::to_vec(body).unwrap();
        let (status, text) = post(&url, Some(&token), bytes.clone()).await;
        let received = drain(&mut receiver).len();
        if status != 202 {
            assert_eq!(received, 0, "{source}: refused yet delivered");
            count.refused.push(format!(
                "{source} ({operation}, {summary}): {status} {text}"
            ));
            continue;
        }
        assert_eq!(received, notifications, "{source} ({operation}, {summary})");
        count.delivered += 1;
        let batch: CommsNotifications = callback::decode(None, &bytes).unwrap();
        let kept = inspect::mismatches(&batch);
        let strict = callback::decode_strict::<CommsNotifications>(None, &bytes);
        assert_eq!(
            kept.is_empty(),
            strict.is_ok(),
            "{source}: kept {kept:?}, strict {strict:?}"
        );
        count
            .kept
            .extend(kept.iter().map(|note| format!("{source} {}", note.path)));
    }
    count
}

fn assert_all_delivered(document: &str, count: &Count) {
    assert!(
        count.refused.is_empty(),
        "{document}: refused {:#?}",
        count.refused
    );
    assert_eq!(count.delivered, count.total, "{document}");
    let listed: Vec<String> = ILL_TYPED
        .iter()
        .filter(|(d, _, _)| *d == document)
        .map(|(_, at, path)| format!("{at} $.{path}"))
        .collect();
    assert_eq!(count.kept, listed, "{document}: values kept");
    println!(
        "{document}: {} of {} notification examples delivered through the authenticated endpoint, {} of them with a value that contradicts the schema (kept as received)",
        count.delivered,
        count.total,
        count.kept.len()
    );
}

#[tokio::test]
async fn every_schema_notification_is_delivered() {
    let count = post_all(&schema()).await;
    assert!(count.total >= 55, "{} examples", count.total);
    assert_all_delivered("schema", &count);
}

#[tokio::test]
async fn every_corpus_notification_is_delivered() {
    let Some(docs) = docs_dir() else {
        return;
    };
    let mut with_examples = 0;
    let mut failures = Vec::new();
    for (corpus, relative) in CORPORA {
        let config = callgen::extract::ExtractConfig {
            docs: Some(docs.join(relative)),
            roots: Vec::new(),
        };
        let mut diagnostics = callgen::diag::Diagnostics::new();
        let extraction = callgen::extract::extract(&config, &mut diagnostics)
            .unwrap_or_else(|error| panic!("cannot extract {corpus}: {error}"));
        let count = post_all(&extraction.document).await;
        if count.total > 0 {
            with_examples += 1;
        }
        let checked = std::panic::catch_unwind(|| assert_all_delivered(corpus, &count));
        if let Err(panic) = checked {
            failures.push(panic.downcast_ref::<String>().cloned().unwrap_or_default());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        with_examples >= 2,
        "{with_examples} corpora have notification examples"
    );
}
