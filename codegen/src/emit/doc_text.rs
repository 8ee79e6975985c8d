//! Schema descriptions as rustdoc markdown.
//!
//! Descriptions come from the docs and keep some markdown: emphasis and code
//! spans render as they are. What rustdoc would misread is neutralised:
//! links to docs pages become their text (the pages are not part of the
//! crate; absolute links stay), other square brackets are escaped (rustdoc
//! would try them as intra-doc links), `<`/`>` are escaped (HTML tags), bare
//! URLs become autolinks and a `#` opening a line is escaped (a heading).
//! Nothing inside a code span is touched.

/// `description` made safe to place in a doc comment.
pub fn doc_text(description: &str) -> String {
    let chars: Vec<char> = description.chars().collect();
    let mut out = String::with_capacity(description.len() + 8);
    let mut in_code = false;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            index += 1;
            continue;
        }
        if in_code {
            out.push(c);
            index += 1;
            continue;
        }
        if let Some((text, target, end)) = link_at(&chars, index) {
            if is_url(&target) {
                out.push_str(&format!("[{}]({target})", escape_brackets(&text)));
            } else {
                out.push_str(&doc_text(&text));
            }
            index = end;
            continue;
        }
        let at_word_start =
            index == 0 || chars[index - 1].is_whitespace() || chars[index - 1] == '(';
        if at_word_start && let Some((url, end)) = url_at(&chars, index) {
            out.push_str(&format!("<{url}>"));
            index = end;
            continue;
        }
        match c {
            '[' | ']' | '<' | '>' => out.push('\\'),
            '#' if at_line_start(&out) => out.push('\\'),
            _ => {}
        }
        out.push(c);
        index += 1;
    }
    out
}

/// Whether only whitespace follows the last line break of `out` (checked
/// for `#` only: scanning back for every character is quadratic).
fn at_line_start(out: &str) -> bool {
    out.rsplit('\n')
        .next()
        .is_some_and(|line| line.trim().is_empty())
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn escape_brackets(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

/// A markdown link `[text](target)` starting at `start`: its text, target
/// and the index after it.
fn link_at(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    if chars[start] != '[' {
        return None;
    }
    let close = (start + 1..chars.len()).find(|&i| chars[i] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&i| chars[i] == ')')?;
    let text: String = chars[start + 1..close].iter().collect();
    let target: String = chars[close + 2..end].iter().collect();
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some((text, target, end + 1))
}

/// A bare URL starting at `start`, without trailing punctuation, and the
/// index after it.
fn url_at(chars: &[char], start: usize) -> Option<(String, usize)> {
    let rest: String = chars[start..chars.len().min(start + 8)].iter().collect();
    if !is_url(&rest) && !rest.starts_with("http://") {
        return None;
    }
    let mut end = start;
    while end < chars.len() && !chars[end].is_whitespace() && !"<>\"`".contains(chars[end]) {
        end += 1;
    }
    while end > start && ".,;:)'".contains(chars[end - 1]) {
        end -= 1;
    }
    Some((chars[start..end].iter().collect(), end))
}

#[cfg(test)]
mod tests {
    use super::doc_text;

    #[test]
    fn markdown_is_kept_and_what_rustdoc_misreads_is_neutralised() {
        assert_eq!(
            doc_text("The **call** resource, via a `POST` on `app/[calls]`."),
            "The **call** resource, via a `POST` on `app/[calls]`."
        );
        assert_eq!(
            doc_text("See [identitySet](identityset.md) [here]."),
            "See identitySet \\[here\\]."
        );
        assert_eq!(
            doc_text("Docs at [Graph](https://graph.microsoft.com) and https://example.com/x."),
            "Docs at [Graph](https://graph.microsoft.com) and <https://example.com/x>."
        );
        assert_eq!(doc_text("Use <token> values"), "Use \\<token\\> values");
        assert_eq!(doc_text("# not a heading\n#x"), "\\# not a heading\n\\#x");
        assert_eq!(doc_text("(https://a.b/c)"), "(<https://a.b/c>)");
    }
}
