//! The `{name}` placeholders of an OpenAPI path template: the one rule the
//! extractor (which declares each placeholder as a path parameter) and the
//! IR (which splits paths into literal and parameter pieces) share, so that
//! both always see the same placeholders.
//!
//! A placeholder is `{`, a non-empty name without `{`, and the first `}`
//! after it; every other brace is literal text.

/// When `text` starts with a placeholder, its length in bytes, braces
/// included.
pub fn placeholder_len(text: &str) -> Option<usize> {
    if !text.starts_with('{') {
        return None;
    }
    let close = text.find('}')?;
    (close > 1 && !text[1..close].contains('{')).then_some(close + 1)
}

/// The placeholder names of `template`, in path order (repeats included).
pub fn names(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open..];
        match placeholder_len(rest) {
            Some(len) => {
                names.push(&rest[1..len - 1]);
                rest = &rest[len..];
            }
            None => rest = &rest[1..],
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_placeholder_rule() {
        assert_eq!(
            names("/calls/{call-id}/participants/{participant-id}"),
            ["call-id", "participant-id"]
        );
        assert_eq!(names("/range(address={address})"), ["address"]);
        // An empty name and a brace inside a name are literal text.
        assert_eq!(names("/a/{}/b"), Vec::<&str>::new());
        assert_eq!(names("/x/{a{b}/y"), ["b"]);
        assert_eq!(names("/open/{never-closed"), Vec::<&str>::new());
    }

    #[test]
    fn length_includes_the_braces() {
        assert_eq!(placeholder_len("{id}/rest"), Some(4));
        assert_eq!(placeholder_len("id}"), None);
        assert_eq!(placeholder_len("{}"), None);
    }
}
