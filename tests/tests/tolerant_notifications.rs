//! Every documented notification, of the committed schema and of every docs
//! corpus, posted to the callback decoder: each batch is delivered whole
//! (every notification in it), is written back equal to the documented
//! JSON, and every value that contradicts the schema is kept as JSON and
//! listed with its path, where strict decoding refuses the whole batch.

use callgen::ir::{ExampleRole, Ir};
use callgen_client::callback;
use callgen_conformance::{CORPORA, committed_schema, corpus_ir, docs_dir};
use callgen_runtime::inspect;
use graph_calls::{CommsNotificationResourceData, CommsNotifications};
use serde_json::Value;

/// What one source's notification examples gave.
#[derive(Debug, Default)]
struct Tally {
    examples: usize,
    notifications: usize,
    delivered: usize,
    /// `page:line $.path: note` of every kept value.
    kept: Vec<String>,
}

/// Posts every callback example of `ir` through the tolerant decoder.
fn post_all(ir: &Ir) -> Tally {
    let mut tally = Tally::default();
    for use_ in ir.examples() {
        if !matches!(use_.role, ExampleRole::Callback { .. }) {
            continue;
        }
        let example = use_.example;
        let source = format!(
            "{}:{}",
            example.page.as_deref().unwrap_or("?"),
            example.line.unwrap_or(0)
        );
        tally.examples += 1;
        tally.notifications += example.value["value"].as_array().map_or(0, Vec::len);
        let body = serde_json::to_vec(&example.value).unwrap();
        let batch: CommsNotifications = callback::decode(Some("application/json"), &body)
            .unwrap_or_else(|e| panic!("{source} ({}): {e}", use_.context));
        tally.delivered += batch.value.get().map_or(0, Vec::len);
        assert_eq!(
            serde_json::to_value(&batch).unwrap(),
            example.value,
            "{source}: written back"
        );
        let notes = inspect::mismatches(&batch);
        let strict = serde_json::from_value::<CommsNotifications>(example.value.clone());
        assert_eq!(
            notes.is_empty(),
            strict.is_ok(),
            "{source}: kept {notes:?}, strict {strict:?}"
        );
        for note in notes {
            let pointer = json_pointer(&note.path);
            assert!(
                example.value.pointer(&pointer).is_some(),
                "{source}: {} is not in the example",
                note.path
            );
            tally
                .kept
                .push(format!("{source} {}: {}", note.path, note.what));
        }
    }
    tally
}

/// `$.value[0]["odd.name"].code` as the JSON pointer `/value/0/odd.name/code`.
fn json_pointer(path: &str) -> String {
    let mut pointer = String::new();
    let mut rest = path.trim_start_matches('$');
    while !rest.is_empty() {
        let (step, tail) = if let Some(quoted) = rest.strip_prefix("[\"") {
            let end = quoted.find("\"]").unwrap_or(quoted.len());
            (
                quoted[..end].replace("\\\"", "\"").replace("\\\\", "\\"),
                quoted.get(end + 2..).unwrap_or(""),
            )
        } else if let Some(index) = rest.strip_prefix('[') {
            let end = index.find(']').unwrap_or(index.len());
            (index[..end].to_owned(), index.get(end + 1..).unwrap_or(""))
        } else {
            let name = rest.trim_start_matches('.');
            let end = name.find(['.', '[']).unwrap_or(name.len());
            (name[..end].to_owned(), &name[end..])
        };
        pointer.push('/');
        pointer.push_str(&step.replace('~', "~0").replace('/', "~1"));
        rest = tail;
    }
    pointer
}

fn print(source: &str, tally: &Tally) {
    println!(
        "{source}: {} notification examples, {} notifications, {} delivered, {} values kept because they contradict the schema",
        tally.examples,
        tally.notifications,
        tally.delivered,
        tally.kept.len()
    );
    for kept in &tally.kept {
        println!("  {kept}");
    }
}

#[test]
fn the_schemas_notifications_are_all_delivered() {
    let ir = callgen::ir::from_openapi(&committed_schema()).unwrap();
    let tally = post_all(&ir);
    print("schema", &tally);
    assert_eq!(tally.delivered, tally.notifications);
    assert_eq!(
        tally.kept,
        [
            "api-reference/beta/api/call-delete.md:131 $.value[0].resourceData.resultInfo.code: value does not fit i32, kept as JSON"
        ]
    );
}

#[test]
fn every_corpus_notification_is_delivered() {
    let Some(docs) = docs_dir() else { return };
    // Measured: notification examples and values kept (each a
    // `resultInfo.code` given as the string "0" where the schema says Int32).
    let expected = [
        ("en-2021-07", 55, 1),
        ("en-2019-09", 38, 5),
        ("zh-CN-2019-09", 38, 5),
        ("seed", 6, 0),
    ];
    assert_eq!(CORPORA.len(), expected.len());
    for ((corpus, relative), (name, examples, kept)) in CORPORA.iter().zip(expected) {
        assert_eq!(*corpus, name);
        let tally = post_all(&corpus_ir(&docs.join(relative)));
        print(corpus, &tally);
        assert_eq!(tally.delivered, tally.notifications, "{corpus}");
        assert_eq!(
            (tally.examples, tally.kept.len()),
            (examples, kept),
            "{corpus}"
        );
        assert!(
            tally.kept.iter().all(|k| k
                .ends_with(".resourceData.resultInfo.code: value does not fit i32, kept as JSON")),
            "{corpus}: {:#?}",
            tally.kept
        );
    }
}

#[test]
fn the_call_delete_result_code_is_kept_where_the_user_reads_it() {
    let body = br##"{"value": [{"@odata.type": "#microsoft.graph.commsNotification",
        "changeType": "deleted", "resourceUrl": "/communications/calls/57dab8b1",
        "resourceData": {"@odata.type": "#microsoft.graph.call",
            "resultInfo": {"@odata.type": "#microsoft.graph.resultInfo", "code": "0", "subcode": 7000, "message": "ok"}}}]}"##;
    let batch: CommsNotifications = callback::decode(None, body).unwrap();
    let notification = &batch.value.get().unwrap()[0];
    let Some(CommsNotificationResourceData::Call(call)) = notification.resource_data.get() else {
        panic!("{notification:?}")
    };
    let result = call.result_info.get().unwrap();
    assert!(result.code.is_absent());
    assert_eq!(result.subcode.get(), Some(&7000));
    let kept: Vec<_> = result.unknown_fields.mismatches().collect();
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].0, kept[0].1), ("code", &Value::from("0")));
    assert_eq!(kept[0].2.reason, "invalid type: string \"0\", expected i32");
    let strict = callback::decode_strict::<CommsNotifications>(None, body).unwrap_err();
    assert!(
        strict.to_string().starts_with(
            "cannot decode the notification at `value[0].resourceData.resultInfo.code`"
        ),
        "{strict}"
    );
}

#[test]
fn values_are_kept_inside_family_members_and_participant_lists() {
    let body = br##"{"value": [
        {"resourceData": {"@odata.type": "#microsoft.graph.playPromptOperation", "status": 5,
            "resultInfo": {"code": "0"}, "id": "op"}},
        {"resourceData": [{"@odata.type": "#microsoft.graph.participant", "id": "p1", "isMuted": "yes"},
            {"@odata.type": "#microsoft.graph.participant", "id": "p2", "isMuted": false}]}
    ]}"##;
    let batch: CommsNotifications = callback::decode(None, body).unwrap();
    let paths: Vec<_> = inspect::mismatches(&batch)
        .into_iter()
        .map(|note| format!("{}: {}", note.path, note.what))
        .collect();
    assert_eq!(
        paths,
        [
            "$.value[0].resourceData.resultInfo.code: value does not fit i32, kept as JSON",
            "$.value[0].resourceData.status: value does not fit a microsoft.graph.commsOperationStatus value (a string), kept as JSON",
            "$.value[1].resourceData[0].isMuted: value does not fit a boolean, kept as JSON",
        ]
    );
    let written: Value = serde_json::to_value(&batch).unwrap();
    assert_eq!(written, serde_json::from_slice::<Value>(body).unwrap());
    let Some(CommsNotificationResourceData::ParticipantCollection(participants)) =
        batch.value.get().unwrap()[1].resource_data.get()
    else {
        panic!("{batch:?}")
    };
    assert_eq!(participants.len(), 2);
    assert_eq!(participants[1].is_muted.get(), Some(&false));
}
