//! The README's "Make a call" section shows how the bot's callback
//! authentication is configured: exactly `src/config.rs`, which this crate
//! compiles.

#[test]
fn the_readme_shows_the_callback_authentication_configuration() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../../README.md")).unwrap();
    let code = std::fs::read_to_string(root.join("src/config.rs")).unwrap();
    let section = readme
        .split("\n## Make a call\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a section \"## Make a call\"");
    let subsection = section
        .split("\n### Authenticate the service's posts\n")
        .nth(1)
        .expect("the section has a subsection on callback authentication");
    let block = subsection
        .split("```rust,ignore\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the subsection shows Rust code");
    assert_eq!(block, code, "the README must show src/config.rs as it is");
}
