//! The YAML front matter between the `---` lines at the top of a page.
//!
//! The docs use flat `key: value` front matter; only scalar values are read
//! (plain, single- or double-quoted, or a folded `>` / `|` block of indented
//! lines). It does not know what the keys mean beyond returning them.

use std::collections::BTreeMap;

/// The front matter of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// Scalar values by key, as written but unquoted.
    pub fields: BTreeMap<String, String>,
    /// Byte offset where the markdown body starts (after the closing `---`).
    pub body_start: usize,
}

/// Why the front matter could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnclosedFrontMatter;

/// Reads the front matter at the start of `text`. No front matter gives
/// empty fields and a body starting at 0. An opening `---` without a closing
/// one is an error; the caller then reads the whole text as the body.
pub(crate) fn split(text: &str) -> Result<FrontMatter, UnclosedFrontMatter> {
    let mut lines = line_spans(text);
    let Some((_, first)) = lines.next() else {
        return Ok(FrontMatter::default());
    };
    if first.trim_end() != "---" {
        return Ok(FrontMatter::default());
    }
    let mut body: Vec<&str> = Vec::new();
    for (end, line) in lines {
        if line.trim_end() == "---" {
            return Ok(FrontMatter {
                fields: parse_fields(&body),
                body_start: end,
            });
        }
        body.push(line);
    }
    Err(UnclosedFrontMatter)
}

/// Lines of `text` with the byte offset just past each line's newline.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        offset += line.len();
        (offset, line.trim_end_matches(['\n', '\r']))
    })
}

fn parse_fields(lines: &[&str]) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.starts_with([' ', '\t', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let value = if is_block_indicator(value) {
            let start = index;
            while index < lines.len() && (lines[index].starts_with([' ', '\t'])) {
                index += 1;
            }
            lines[start..index]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            unquote(value)
        };
        fields.insert(key.trim().to_string(), value);
    }
    fields
}

fn is_block_indicator(value: &str) -> bool {
    matches!(value, ">" | ">-" | ">+" | "|" | "|-" | "|+")
}

fn unquote(value: &str) -> String {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return match quote {
                '"' => inner.replace("\\\"", "\""),
                _ => inner.replace("''", "'"),
            };
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_plain_and_folded_values() {
        let text =
            "---\ntitle: \"call: mute\"\ndescription: >\n  Two\n  lines\nauthor: a\n---\n# x\n";
        let fm = split(text).unwrap();
        assert_eq!(fm.fields["title"], "call: mute");
        assert_eq!(fm.fields["description"], "Two lines");
        assert_eq!(fm.fields["author"], "a");
        assert_eq!(&text[fm.body_start..], "# x\n");
    }

    #[test]
    fn no_front_matter_and_unclosed_front_matter() {
        assert_eq!(split("# x\n").unwrap(), FrontMatter::default());
        assert_eq!(split(""), Ok(FrontMatter::default()));
        assert_eq!(split("---\ntitle: x\n"), Err(UnclosedFrontMatter));
    }
}
