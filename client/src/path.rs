//! Path parameters: a value becomes exactly one URL path segment.
//!
//! Every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) is
//! percent-encoded, so `/`, `?`, `#`, `%`, spaces and non-ASCII text can never
//! add a segment, start a query or a fragment, or be read as an escape. A
//! value that is a whole dot-segment (`.` or `..`) is refused rather than
//! encoded: the WHATWG URL parser used by common HTTP clients (and many
//! servers) reads `%2E%2E` as `..` and would climb out of the route, so no
//! spelling of it is safe. An empty value is refused too, since it would
//! merge two segments. This module knows nothing of which routes exist.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;

/// Bytes that stay as they are in a segment: RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes `value` as one path segment for the path parameter `name` (the
/// name only appears in the error).
///
/// ```
/// use callgen_client::path::segment;
/// assert_eq!(segment("call-id", "a/b?c#d").unwrap(), "a%2Fb%3Fc%23d");
/// assert!(segment("call-id", "..").is_err());
/// ```
pub fn segment(name: &str, value: &str) -> Result<String, Error> {
    match value {
        "" => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` is empty"
        ))),
        "." | ".." => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` is `{value}`, which no URL can carry as a segment"
        ))),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// The query string for `pairs` (`?name=value&...`, each part encoded like
/// a segment), leaving out pairs without a value; empty when none has one.
///
/// ```
/// use callgen_client::path::query;
/// assert_eq!(query(&[("$top", Some("5")), ("$filter", None), ("a&b", Some("x y"))]), "?%24top=5&a%26b=x%20y");
/// assert_eq!(query(&[("$top", None)]), "");
/// ```
pub fn query(pairs: &[(&str, Option<&str>)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        let Some(value) = value else { continue };
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&utf8_percent_encode(name, SEGMENT).to_string());
        out.push('=');
        out.push_str(&utf8_percent_encode(value, SEGMENT).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    const AWKWARD: &[&str] = &[
        "421f0b00-31ff-4f04-a4d8-4f5d7a5e2b1e",
        "a/b",
        "a?b=c",
        "a#frag",
        "100%",
        "%2F",
        "...",
        "../x",
        "./",
        "a b",
        "a+b",
        "a;b",
        "a\\b",
        "19:meeting_abc@thread.v2",
        "é漢字",
        "tab\tnew\nline",
    ];

    #[test]
    fn encodes_every_reserved_character() {
        let cases = [
            ("a/b", "a%2Fb"),
            ("a?b=c", "a%3Fb%3Dc"),
            ("a#frag", "a%23frag"),
            ("100%", "100%25"),
            ("a b", "a%20b"),
            ("../x", "..%2Fx"),
            ("...", "..."),
            ("19:meeting_abc@thread.v2", "19%3Ameeting_abc%40thread.v2"),
            ("é", "%C3%A9"),
            ("A-z_0.9~", "A-z_0.9~"),
        ];
        for (value, expected) in cases {
            assert_eq!(segment("id", value).unwrap(), expected, "{value:?}");
        }
    }

    #[test]
    fn never_changes_the_route() {
        for value in AWKWARD {
            let encoded = segment("call-id", value).unwrap();
            let path = format!("/communications/calls/{encoded}/mute");
            let uri: http::Uri = path.parse().unwrap();
            assert_eq!(uri.path(), path, "{value:?}");
            assert_eq!(uri.query(), None, "{value:?}");
            let segments: Vec<&str> = uri.path().split('/').collect();
            assert_eq!(segments.len(), 5, "{value:?}");
            let decoded = percent_decode_str(segments[3]).decode_utf8().unwrap();
            assert_eq!(decoded, *value);
        }
    }

    #[test]
    fn refuses_empty_and_dot_segments() {
        assert_eq!(
            segment("call-id", "").unwrap_err().to_string(),
            "invalid request: path parameter `call-id` is empty"
        );
        for value in [".", ".."] {
            assert_eq!(
                segment("participant-id", value).unwrap_err().to_string(),
                format!(
                    "invalid request: path parameter `participant-id` is `{value}`, which no URL can carry as a segment"
                )
            );
        }
    }
}
