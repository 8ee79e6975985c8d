//! Every example in the committed schema (resource pages, requests,
//! responses, notifications) round-trips through the generated bindings to
//! an equal JSON value. One snapshot per docs page records the type and
//! members chosen and the JSON written back.

use callgen_conformance::{
    Checked, check_all, committed_schema, exceptions, page_snapshot_name, render_page,
};
use std::collections::BTreeMap;

#[test]
fn every_schema_example_round_trips() {
    let ir = callgen::ir::from_openapi(&committed_schema()).unwrap();
    let checked = check_all(&ir);
    assert!(!checked.is_empty(), "the schema has no examples");
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for c in &checked {
        let listed = exceptions::find("schema", &c.page, c.line);
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
    println!("schema: {ok} of {} examples round-trip", checked.len());
    assert!(
        unexpected.is_empty(),
        "examples that do not round-trip:\n{}",
        unexpected.join("\n")
    );
    assert!(stale.is_empty(), "stale exceptions:\n{}", stale.join("\n"));

    let mut by_page: BTreeMap<&str, Vec<&Checked>> = BTreeMap::new();
    for c in &checked {
        by_page.entry(c.page.as_str()).or_default().push(c);
    }
    for (page, mut items) in by_page {
        items.sort_by_key(|c| (c.line, c.context.clone()));
        insta::assert_snapshot!(page_snapshot_name("schema", page), render_page(&items));
    }
}
