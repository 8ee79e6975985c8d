//! The docs tree on disk and reading pages from it.

use std::fs;
use std::path::{Path, PathBuf};

use callgen::diag::Diagnostics;
use callgen::docs::{DocsError, DocsTree, read_page};

fn tree_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let full = root.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, contents).unwrap();
    }
    root
}

#[test]
fn lists_pages_sorted_and_finds_stems_ignoring_case() {
    let root = tree_with(&[
        ("api-reference/beta/resources/chatInfo.md", b"# chatInfo"),
        ("api-reference/beta/resources/call.md", b"# call"),
        ("api-reference/beta/resources/notes.txt", b"x"),
        ("api-reference/beta/api/call-mute.md", b"# call: mute"),
    ]);
    let tree = DocsTree::open(root.path()).unwrap();
    assert_eq!(
        tree.resource_pages(),
        [
            PathBuf::from("api-reference/beta/resources/call.md"),
            PathBuf::from("api-reference/beta/resources/chatInfo.md")
        ]
    );
    assert_eq!(tree.method_pages().len(), 1);
    assert_eq!(
        tree.find_resource("chatinfo"),
        Some(PathBuf::from("api-reference/beta/resources/chatInfo.md"))
    );
    assert_eq!(
        tree.find_resource("ChatInfo.md"),
        Some(PathBuf::from("api-reference/beta/resources/chatInfo.md"))
    );
    assert_eq!(tree.find_resource("missing"), None);
    assert_eq!(
        tree.find_method("CALL-MUTE"),
        Some(PathBuf::from("api-reference/beta/api/call-mute.md"))
    );
}

#[test]
fn method_pages_are_found_by_stem_prefix() {
    let root = tree_with(&[
        ("api-reference/beta/api/call-mute.md", b"# call: mute"),
        ("api-reference/beta/api/Call-UpdateMetadata.md", b"# x"),
        ("api-reference/beta/api/callrecord-get.md", b"# x"),
        ("api-reference/beta/api/calendar-get.md", b"# x"),
        ("api-reference/beta/api/participant-mute.md", b"# x"),
    ]);
    let tree = DocsTree::open(root.path()).unwrap();
    assert_eq!(
        tree.method_stems_starting_with("CALL-"),
        ["call-mute", "call-updatemetadata"]
    );
    assert!(tree.method_stems_starting_with("user-").is_empty());
}

#[test]
fn missing_beta_folder_is_an_error() {
    let root = tree_with(&[("README.md", b"x")]);
    let err = DocsTree::open(root.path()).unwrap_err();
    assert!(matches!(err, DocsError::MissingBeta { .. }));
    assert!(
        err.to_string()
            .ends_with("has no api-reference/beta folder"),
        "{err}"
    );
}

#[test]
fn unreadable_and_non_utf8_pages_name_the_path() {
    let root = tree_with(&[("api-reference/beta/api/bad.md", b"# ok\nline two \xff\n")]);
    let mut diags = Diagnostics::new();
    let err = read_page(
        root.path(),
        Path::new("api-reference/beta/api/bad.md"),
        &mut diags,
    )
    .unwrap_err();
    assert!(
        matches!(err, DocsError::InvalidUtf8 { line: 2, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("bad.md:2: the page is not valid UTF-8"),
        "{err}"
    );
    let err = read_page(
        root.path(),
        Path::new("api-reference/beta/api/none.md"),
        &mut diags,
    )
    .unwrap_err();
    assert!(matches!(err, DocsError::Read { .. }));
    assert!(err.to_string().contains("none.md"), "{err}");
}

#[test]
fn listed_pages_are_known_by_their_exact_path() {
    let root = tree_with(&[
        ("api-reference/beta/resources/chatInfo.md", b"# chatInfo"),
        ("api-reference/beta/api/call-mute.md", b"# call: mute"),
        ("api-reference/beta/concepts/intro.md", b"# intro"),
    ]);
    let tree = DocsTree::open(root.path()).unwrap();
    assert!(tree.lists(Path::new("api-reference/beta/resources/chatInfo.md")));
    assert!(tree.lists(Path::new("api-reference/beta/api/call-mute.md")));
    assert!(!tree.lists(Path::new("api-reference/beta/resources/chatinfo.md")));
    assert!(!tree.lists(Path::new("api-reference/beta/api/chatInfo.md")));
    assert!(!tree.lists(Path::new("api-reference/beta/concepts/intro.md")));
    assert!(!tree.lists(Path::new("chatInfo.md")));
}
