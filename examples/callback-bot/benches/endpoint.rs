//! Measures the callback endpoint on 127.0.0.1: posts per second and
//! latency (p50, p99) with and without authentication, and the cost of one
//! token verification with the key cached. Prints figures; bounded (a few
//! thousand posts per case). `cargo bench -p callback-bot`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use callback_bot::{CallbackGuard, router, unguarded_router};
use callgen_client::callback_auth::CallbackVerifier;
use support::*;
use tokio::sync::Semaphore;

const POSTS: usize = 4000;
const CONCURRENCY: usize = 8;
const VERIFICATIONS: u32 = 4000;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let keys = KeyServer::start(vec![main_key().jwk()]).await;
    let token = bearer(&main_key().sign(&valid_claims()));
    verification_cost(&keys, &token).await;

    let participant = documented_participant(&schema());
    let bodies = [
        (
            "1-participant roster",
            roster(&participant, "bench-call", 1),
        ),
        (
            "100-participant roster",
            roster(&participant, "bench-call", 100),
        ),
    ];
    for (label, body) in &bodies {
        for authenticated in [false, true] {
            let url = start(&keys, authenticated).await;
            let figures = measure(&url, authenticated.then_some(token.as_str()), body).await;
            let mode = if authenticated {
                "authenticated"
            } else {
                "unauthenticated"
            };
            println!(
                "{label} ({} bytes), {mode}: {:.0} posts/s, p50 {:.2} ms, p99 {:.2} ms",
                body.len(),
                figures.per_second,
                figures.p50.as_secs_f64() * 1e3,
                figures.p99.as_secs_f64() * 1e3
            );
        }
    }
}

async fn verification_cost(keys: &KeyServer, token: &str) {
    let verifier = CallbackVerifier::new(config(&keys.configuration_url)).expect("verifier");
    let value = token.parse().expect("header value");
    verifier
        .verify_authorization(Some(&value))
        .await
        .expect("first verification");
    let started = Instant::now();
    for _ in 0..VERIFICATIONS {
        verifier
            .verify_authorization(Some(&value))
            .await
            .expect("verification");
    }
    let each = started.elapsed() / VERIFICATIONS;
    println!(
        "token verification with the key cached: {:.1} µs each ({VERIFICATIONS} runs)",
        each.as_secs_f64() * 1e6
    );
}

async fn start(keys: &KeyServer, authenticated: bool) -> String {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let app = match authenticated {
        true => {
            let verifier =
                CallbackVerifier::new(config(&keys.configuration_url)).expect("verifier");
            router(sender, CallbackGuard::new(verifier))
        }
        false => unguarded_router(sender),
    };
    tokio::spawn(async move { while receiver.recv().await.is_some() {} });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}{}",
        listener.local_addr().expect("address"),
        callback_bot::CALLBACK_PATH
    );
    tokio::spawn(async move { axum::serve(listener, app).await.expect("bot") });
    url
}

struct Figures {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

async fn measure(url: &str, authorization: Option<&str>, body: &[u8]) -> Figures {
    let slots = Arc::new(Semaphore::new(CONCURRENCY));
    let mut posts = tokio::task::JoinSet::new();
    let started = Instant::now();
    for _ in 0..POSTS {
        let (url, slots, body) = (url.to_owned(), slots.clone(), body.to_vec());
        let authorization = authorization.map(str::to_owned);
        posts.spawn(async move {
            let _slot = slots.acquire_owned().await.expect("semaphore");
            let sent = Instant::now();
            let (status, _) = post(&url, authorization.as_deref(), body).await;
            assert_eq!(status, 202);
            sent.elapsed()
        });
    }
    let mut latencies = Vec::with_capacity(POSTS);
    while let Some(latency) = posts.join_next().await {
        latencies.push(latency.expect("post task"));
    }
    let elapsed = started.elapsed();
    latencies.sort();
    Figures {
        per_second: POSTS as f64 / elapsed.as_secs_f64(),
        p50: latencies[POSTS / 2],
        p99: latencies[POSTS * 99 / 100],
    }
}
