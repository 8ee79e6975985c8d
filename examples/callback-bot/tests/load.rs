//! Many concurrent authenticated posts of realistic batches on loopback:
//! rosters of 1 to 1,000 participants built from the documented
//! participant, each batch naming its own call. Every accepted batch must
//! reach the handler exactly once, none lost. Bounded: 240 posts, 16 at a
//! time, within two minutes.

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use callback_bot::{DEFAULT_BODY_LIMIT, Notice};
use support::*;
use tokio::sync::Semaphore;

const POSTS: usize = 240;
const CONCURRENCY: usize = 16;
const ROSTER_SIZES: [usize; 4] = [1, 10, 100, 1000];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_accepted_batch_is_delivered_exactly_once() {
    let participant = documented_participant(&schema());
    let largest = roster(&participant, "sizing", 1000);
    assert!(
        largest.len() < DEFAULT_BODY_LIMIT,
        "a 1,000-participant roster takes {} bytes",
        largest.len()
    );
    let (url, mut receiver, keys) = start_authenticated_bot().await;
    let token = bearer(&main_key().sign(&valid_claims()));
    let slots = Arc::new(Semaphore::new(CONCURRENCY));
    let mut posts = tokio::task::JoinSet::new();
    let mut expected = BTreeMap::new();
    for n in 0..POSTS {
        let call_id = format!("load-call-{n:04}");
        let size = ROSTER_SIZES[n % ROSTER_SIZES.len()];
        expected.insert(call_id.clone(), size);
        let body = roster(&participant, &call_id, size);
        let (url, token, slots) = (url.clone(), token.clone(), slots.clone());
        posts.spawn(async move {
            let _slot = slots.acquire_owned().await.expect("semaphore");
            (call_id, post(&url, Some(&token), body).await)
        });
    }
    let all = async {
        let mut accepted = Vec::new();
        while let Some(answer) = posts.join_next().await {
            let (call_id, (status, text)) = answer.expect("post task");
            assert_eq!((status, text.as_str()), (202, ""), "{call_id}");
            accepted.push(call_id);
        }
        accepted
    };
    let accepted = tokio::time::timeout(Duration::from_secs(120), all)
        .await
        .expect("the load finished within two minutes");
    assert_eq!(accepted.len(), POSTS);

    let mut delivered: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for delivery in drain(&mut receiver) {
        assert_eq!(delivery.tenant_id.as_deref(), Some(TENANT_ID));
        let Notice::Roster {
            call_id,
            participant_ids,
        } = delivery.notice
        else {
            panic!("not a roster: {delivery:?}");
        };
        let call_id = call_id.expect("the resource URL names the call");
        delivered
            .entry(call_id)
            .or_default()
            .push(participant_ids.len());
    }
    // Exactly once each, whole.
    let sizes: BTreeMap<String, usize> = delivered
        .iter()
        .map(|(call_id, batches)| {
            assert_eq!(
                batches.len(),
                1,
                "{call_id} was delivered {} times",
                batches.len()
            );
            (call_id.clone(), batches[0])
        })
        .collect();
    assert_eq!(sizes, expected);
    // One key fetch for all of them.
    assert_eq!(keys.fetches(), 1);
    println!(
        "{} batches posted {CONCURRENCY} at a time, {} delivered exactly once; the 1,000-participant roster is {} bytes",
        POSTS,
        sizes.len(),
        largest.len()
    );
}
