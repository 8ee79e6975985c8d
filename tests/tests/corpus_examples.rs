//! Every example of every docs corpus, taken straight from the pages by the
//! extractor, goes through the current bindings and back to an equal JSON
//! value: older payloads survive thanks to unknown-field and unknown-value
//! preservation. One snapshot per corpus page.

use callgen_conformance::{
    CORPORA, Checked, check_corpus, committed_schema, corpus_ir, docs_dir, exceptions,
    page_snapshot_name, render_page,
};
use std::collections::BTreeMap;

fn check(corpus: &str) {
    let Some(docs) = docs_dir() else { return };
    let (_, relative) = CORPORA.iter().find(|(name, _)| *name == corpus).unwrap();
    let current = callgen::ir::from_openapi(&committed_schema()).unwrap();
    let ir = corpus_ir(&docs.join(relative));
    let checked = check_corpus(&current, &ir);
    assert!(!checked.is_empty(), "{corpus}: no examples");
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for c in &checked {
        let listed = exceptions::find(corpus, &c.page, c.line);
        match (c.outcome.is_ok(), listed) {
            (false, None) => unexpected.push(format!(
                "{}:{} {}: {:?}",
                c.page, c.line, c.context, c.outcome
            )),
            (true, Some(e)) => stale.push(format!(
                "{}:{} is listed ({}) but round-trips",
                e.page, e.line, e.reason
            )),
            _ => {}
        }
    }
    let ok = checked.iter().filter(|c| c.outcome.is_ok()).count();
    println!("{corpus}: {ok} of {} examples round-trip", checked.len());
    assert!(
        unexpected.is_empty(),
        "{corpus}: examples that do not round-trip:\n{}",
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "{corpus}: stale exceptions:\n{}",
        stale.join("\n")
    );
    let mut by_page: BTreeMap<&str, Vec<&Checked>> = BTreeMap::new();
    for c in &checked {
        by_page.entry(c.page.as_str()).or_default().push(c);
    }
    for (page, mut items) in by_page {
        items.sort_by_key(|c| (c.line, c.context.clone()));
        insta::assert_snapshot!(page_snapshot_name(corpus, page), render_page(&items));
    }
}

#[test]
fn en_2021_07_examples_round_trip() {
    check("en-2021-07");
}

#[test]
fn en_2019_09_examples_round_trip() {
    check("en-2019-09");
}

#[test]
fn zh_cn_2019_09_examples_round_trip() {
    check("zh-CN-2019-09");
}

#[test]
fn seed_examples_round_trip() {
    check("seed");
}
