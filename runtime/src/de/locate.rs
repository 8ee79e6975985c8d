//! Finds a value in JSON text by its path, for tolerant decoding's repair:
//! the byte span of an object's member (key to end of value) or of an
//! array's item, found by skipping everything else.
//!
//! The text has already been read by serde_json up to the failure, so it is
//! JSON there; anything unexpected simply gives `None` (no panic, no
//! recursion: nesting is skipped by counting brackets). This module knows
//! no particular schema.

use super::failure::Segment;

/// An object member: where its key starts and where its value starts and
/// ends (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Member {
    pub(crate) key_start: usize,
    pub(crate) value_start: usize,
    pub(crate) value_end: usize,
}

/// Why a member could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotFound {
    /// The path leads nowhere in the text.
    Missing,
    /// The member's name appears twice in its object.
    Duplicate(String),
}

/// The member named by the last segment of `path` (a property), inside the
/// object the other segments lead to.
pub(crate) fn member(text: &[u8], path: &[Segment]) -> Result<Member, NotFound> {
    let Some((Segment::Property(name), parents)) = path.split_last() else {
        return Err(NotFound::Missing);
    };
    let mut at = skip_whitespace(text, 0);
    for segment in parents {
        at = match segment {
            Segment::Property(parent) => find_member(text, at, parent)?.value_start,
            Segment::Index(index) => find_item(text, at, *index).ok_or(NotFound::Missing)?,
        };
    }
    find_member(text, at, name)
}

/// The member `name` of the object starting at `at`, checking that it is
/// given once.
fn find_member(text: &[u8], at: usize, name: &str) -> Result<Member, NotFound> {
    if text.get(at) != Some(&b'{') {
        return Err(NotFound::Missing);
    }
    let mut found = None;
    let mut cursor = skip_whitespace(text, at + 1);
    while text.get(cursor) == Some(&b'"') {
        let key_start = cursor;
        let key_end = skip_string(text, key_start).ok_or(NotFound::Missing)?;
        let colon = skip_whitespace(text, key_end);
        if text.get(colon) != Some(&b':') {
            return Err(NotFound::Missing);
        }
        let value_start = skip_whitespace(text, colon + 1);
        let value_end = skip_value(text, value_start).ok_or(NotFound::Missing)?;
        if key_is(&text[key_start..key_end], name) {
            if found.is_some() {
                return Err(NotFound::Duplicate(name.to_owned()));
            }
            found = Some(Member {
                key_start,
                value_start,
                value_end,
            });
        }
        cursor = skip_whitespace(text, value_end);
        if text.get(cursor) != Some(&b',') {
            break;
        }
        cursor = skip_whitespace(text, cursor + 1);
    }
    found.ok_or(NotFound::Missing)
}

/// Where the item `index` of the array starting at `at` starts.
fn find_item(text: &[u8], at: usize, index: usize) -> Option<usize> {
    if text.get(at) != Some(&b'[') {
        return None;
    }
    let mut cursor = skip_whitespace(text, at + 1);
    for _ in 0..index {
        cursor = skip_whitespace(text, skip_value(text, cursor)?);
        if text.get(cursor) != Some(&b',') {
            return None;
        }
        cursor = skip_whitespace(text, cursor + 1);
    }
    match text.get(cursor) {
        Some(b']') | None => None,
        Some(_) => Some(cursor),
    }
}

/// Whether the quoted key `quoted` (quotes included) spells `name`.
fn key_is(quoted: &[u8], name: &str) -> bool {
    let inner = &quoted[1..quoted.len() - 1];
    if !inner.contains(&b'\\') {
        return inner == name.as_bytes();
    }
    serde_json::from_slice::<String>(quoted).is_ok_and(|key| key == name)
}

fn skip_whitespace(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end (after the closing quote) of the string starting at `at`.
fn skip_string(text: &[u8], at: usize) -> Option<usize> {
    let mut cursor = at + 1;
    loop {
        match text.get(cursor)? {
            b'"' => return Some(cursor + 1),
            b'\\' => cursor += 2,
            _ => cursor += 1,
        }
    }
}

/// The end of the value starting at `at`.
fn skip_value(text: &[u8], at: usize) -> Option<usize> {
    match text.get(at)? {
        b'"' => skip_string(text, at),
        b'{' | b'[' => skip_compound(text, at),
        _ => {
            let mut cursor = at;
            while let Some(byte) = text.get(cursor) {
                if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                cursor += 1;
            }
            (cursor > at).then_some(cursor)
        }
    }
}

/// The end of the object or array starting at `at`, by counting brackets
/// outside strings.
fn skip_compound(text: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut cursor = at;
    loop {
        match text.get(cursor)? {
            b'"' => {
                cursor = skip_string(text, cursor)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(cursor + 1);
                }
            }
            _ => {}
        }
        cursor += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn property(name: &'static str) -> Segment {
        Segment::Property(Cow::Borrowed(name))
    }

    fn span<'t>(text: &'t str, path: &[Segment]) -> Result<(&'t str, &'t str), NotFound> {
        let found = member(text.as_bytes(), path)?;
        Ok((
            &text[found.key_start..found.value_end],
            &text[found.value_start..found.value_end],
        ))
    }

    #[test]
    fn a_member_is_found_through_objects_and_arrays() {
        let text = r#" {"a": {"x": "}]\"", "list": [1, {"b": [2]}, {"c" : {"d": true} }]}} "#;
        let path = [
            property("a"),
            property("list"),
            Segment::Index(2),
            property("c"),
        ];
        assert_eq!(
            span(text, &path),
            Ok((r#""c" : {"d": true}"#, r#"{"d": true}"#))
        );
        let path = [
            property("a"),
            property("list"),
            Segment::Index(1),
            property("b"),
        ];
        assert_eq!(span(text, &path), Ok((r#""b": [2]"#, "[2]")));
        assert_eq!(
            span(text, &[property("a"), property("x")]).map(|s| s.1),
            Ok(r#""}]\"""#)
        );
    }

    #[test]
    fn escaped_keys_are_compared_by_their_text() {
        let text = r#"{"co\u0064e": 1}"#;
        assert_eq!(span(text, &[property("code")]).map(|s| s.1), Ok("1"));
    }

    #[test]
    fn a_name_given_twice_or_a_path_leading_nowhere_is_refused() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        assert_eq!(
            span(text, &[property("a")]),
            Err(NotFound::Duplicate("a".to_owned()))
        );
        assert_eq!(span(text, &[property("c")]), Err(NotFound::Missing));
        let path = [property("b"), Segment::Index(0), property("x")];
        assert_eq!(span(text, &path), Err(NotFound::Missing));
        let path = [property("b"), Segment::Index(1)];
        assert_eq!(span(r#"{"b": [{}]}"#, &path), Err(NotFound::Missing));
        assert_eq!(
            span(r#"{"a": [1]"#, &[property("b")]),
            Err(NotFound::Missing)
        );
        assert_eq!(span(r#"{"a": "#, &[property("a")]), Err(NotFound::Missing));
        assert_eq!(span("", &[property("a")]), Err(NotFound::Missing));
    }
}
