//! Runs the callback endpoint, keeps the calls' state from what it receives,
//! and prints every notice and every state event.
//!
//! `BOT_APP_IDS=<app id> cargo run -p callback-bot -- 127.0.0.1:3978`
//! (see [`callback_bot::guard_from_env`]), then point the calls'
//! `callbackUri` at `http://<public address>/callback` (through a tunnel
//! for a local run).

use std::net::SocketAddr;

use callback_bot::{CALLBACK_PATH, guard_from_env, router_keeping_state};
use graph_calls_state::{Config, StateKeeper};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address: SocketAddr = match std::env::args().nth(1) {
        Some(text) => text.parse().map_err(|error| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("`{text}` is not an address like 127.0.0.1:3978: {error}"),
            )
        })?,
        None => SocketAddr::from(([127, 0, 0, 1], 3978)),
    };
    let guard = guard_from_env()
        .map_err(|reason| std::io::Error::new(std::io::ErrorKind::InvalidInput, reason))?;
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let (event_sender, mut events) = tokio::sync::mpsc::unbounded_channel();
    let calls = StateKeeper::new(Config::default());
    let listener = tokio::net::TcpListener::bind(address).await?;
    println!(
        "listening on http://{}{CALLBACK_PATH}",
        listener.local_addr()?
    );
    tokio::spawn(async move {
        while let Some(delivery) = receiver.recv().await {
            println!("{delivery:?}");
        }
    });
    tokio::spawn(async move {
        while let Some(event) = events.recv().await {
            println!("{event:?}");
        }
    });
    axum::serve(
        listener,
        router_keeping_state(sender, guard, calls, event_sender),
    )
    .await
}
