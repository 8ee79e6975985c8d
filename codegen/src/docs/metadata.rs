//! Metadata HTML comments (`<!-- { "blockType": "request", ... } -->`).
//!
//! Read leniently: serde_json_lenient first (comments, trailing commas), then
//! the same after quoting bare keys and words (`truncated: true`,
//! `blockType: response`), and last a line-by-line scrape of `key: value`
//! pairs, reported with whatever fields it found. Comments that are not
//! metadata (uuid stamps, `#page.annotation` blocks) are recognised and left
//! alone. It does not decide what a block type means to the API.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::diag::Diagnostics;
use crate::docs::markdown::Item;
use crate::docs::model::{BlockType, Metadata};

/// Moves each metadata comment onto the code block it precedes (only tab
/// pseudo-headings may stand between) and drops all comments from the
/// list. Metadata followed by anything else is reported and dropped.
pub(crate) fn attach(items: Vec<Item>, file: &Path, diags: &mut Diagnostics) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut pending: Option<Metadata> = None;
    for item in items {
        match item {
            Item::Comment { line, text } => {
                if let Some(metadata) = parse_comment(&text, file, line, diags) {
                    report_orphan(pending.replace(metadata), file, diags);
                }
            }
            Item::Heading(heading) if heading.tab => out.push(Item::Heading(heading)),
            Item::Code(mut code) => {
                code.metadata = pending.take();
                out.push(Item::Code(code));
            }
            other => {
                report_orphan(pending.take(), file, diags);
                out.push(other);
            }
        }
    }
    report_orphan(pending, file, diags);
    out
}

fn report_orphan(metadata: Option<Metadata>, file: &Path, diags: &mut Diagnostics) {
    if let Some(metadata) = metadata {
        diags.warn(
            file,
            metadata.line,
            "metadata-orphan",
            "metadata comment is not followed by a code block",
        );
    }
}

/// Reads the text inside `<!--` and `-->` starting at `line` as metadata.
/// `None` when the comment is not block metadata (no `blockType`, not an
/// object, or a page annotation).
pub(crate) fn parse_comment(
    body: &str,
    file: &Path,
    line: usize,
    diags: &mut Diagnostics,
) -> Option<Metadata> {
    let trimmed = body.trim();
    if !trimmed.starts_with('{') {
        return None;
    }
    if let Some(object) = parse_object(trimmed) {
        return from_object(object, line);
    }
    if !trimmed.contains("blockType") {
        return None;
    }
    if let Some(object) = parse_object(&quote_bare_words(trimmed)) {
        diags.warn(
            file,
            line,
            "metadata-lenient",
            "metadata comment is not JSON; read it with bare keys and words quoted",
        );
        return from_object(object, line);
    }
    let object = scrape_fields(trimmed);
    let fields: Vec<&str> = object.keys().map(String::as_str).collect();
    diags.warn(
        file,
        line,
        "metadata-invalid",
        format!(
            "metadata comment is not JSON; read only the fields [{}]",
            fields.join(", ")
        ),
    );
    from_object(object, line)
}

/// Whether a comment is a `#page.annotation` block or other non-metadata.
fn is_page_annotation(object: &Map<String, Value>) -> bool {
    object
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.trim_start_matches('#') == "page.annotation")
}

fn parse_object(text: &str) -> Option<Map<String, Value>> {
    let mut deserializer = serde_json_lenient::Deserializer::from_str(text);
    let value = Value::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    match value {
        Value::Object(object) => Some(object),
        _ => None,
    }
}

fn from_object(object: Map<String, Value>, line: usize) -> Option<Metadata> {
    if is_page_annotation(&object) || !object.contains_key("blockType") {
        return None;
    }
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let flag = |key: &str| object.get(key).is_some_and(is_true);
    Some(Metadata {
        line,
        block_type: text("blockType").map(|t| block_type(&t)),
        odata_type: text("@odata.type"),
        name: text("name"),
        optional_properties: string_list(object.get("optionalProperties")),
        key_property: text("keyProperty"),
        base_type: object
            .get("baseType")
            .map(|v| v.as_str().map(str::to_string)),
        is_abstract: flag("abstract"),
        open_type: flag("openType"),
        truncated: flag("truncated"),
        is_collection: flag("isCollection"),
        raw: Some(Value::Object(object)),
    })
}

/// A boolean flag written as `true` or `"true"` (any case).
fn is_true(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

fn block_type(text: &str) -> BlockType {
    match text.trim().to_ascii_lowercase().as_str() {
        "resource" => BlockType::Resource,
        "request" => BlockType::Request,
        "response" => BlockType::Response,
        "example" => BlockType::Example,
        "ignored" => BlockType::Ignored,
        _ => BlockType::Other(text.to_string()),
    }
}

/// Puts quotes around bare words outside strings (`truncated: true` stays a
/// boolean, `blockType: response` becomes `"blockType": "response"`).
fn quote_bare_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '"' {
            out.push(c);
            copy_string(&mut chars, &mut out);
        } else if is_word_start(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            if matches!(word, "true" | "false" | "null") {
                out.push_str(word);
            } else {
                out.push('"');
                out.push_str(word);
                out.push('"');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Copies the rest of a JSON string (after its opening quote).
fn copy_string(chars: &mut impl Iterator<Item = (usize, char)>, out: &mut String) {
    let mut escaped = false;
    for (_, c) in chars.by_ref() {
        out.push(c);
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '"') => return,
            _ => escaped = false,
        }
    }
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '@' || c == '#'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '@' | '#' | '.' | '-')
}

/// Last resort: `key: value` pairs with scalar values, read one after the
/// other; anything that does not fit that shape is skipped.
fn scrape_fields(text: &str) -> Map<String, Value> {
    let mut object = Map::new();
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'));
        let Some((key, after_key)) = scalar(rest) else {
            rest = skip_one(rest);
            continue;
        };
        let Some(after_colon) = after_key.trim_start().strip_prefix(':') else {
            rest = after_key;
            continue;
        };
        let after_colon = after_colon.trim_start();
        if after_colon.starts_with(['[', '{']) {
            rest = skip_one(after_colon);
            continue;
        }
        let Some((value, after_value)) = scalar(after_colon) else {
            rest = after_colon;
            continue;
        };
        object.insert(
            key.to_string(),
            scraped_value(value, after_colon.starts_with('"')),
        );
        rest = after_value;
    }
    object
}

/// A quoted string or a bare word at the start of `text`, and the rest.
fn scalar(text: &str) -> Option<(&str, &str)> {
    if let Some(quoted) = text.strip_prefix('"') {
        let end = quoted.find('"')?;
        return Some((&quoted[..end], &quoted[end + 1..]));
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '}' | '"'))
        .unwrap_or(text.len());
    (end > 0).then(|| (&text[..end], &text[end..]))
}

/// Skips one character (or a whole bracketed group).
fn skip_one(text: &str) -> &str {
    let close = match text.chars().next() {
        Some('[') => ']',
        Some('{') => '}',
        Some(c) => return &text[c.len_utf8()..],
        None => return text,
    };
    match text.find(close) {
        Some(end) => &text[end + 1..],
        None => "",
    }
}

fn scraped_value(value: &str, quoted: bool) -> Value {
    match value {
        "true" if !quoted => Value::Bool(true),
        "false" if !quoted => Value::Bool(false),
        "null" if !quoted => Value::Null,
        other => Value::String(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (Option<Metadata>, Vec<&'static str>) {
        let mut diags = Diagnostics::new();
        let metadata = parse_comment(body, Path::new("p.md"), 7, &mut diags);
        (metadata, diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn strict_json_metadata() {
        let (m, codes) = read(
            r#" { "blockType": "response", "truncated": "true", "@odata.type": "microsoft.graph.call", "baseType": null } "#,
        );
        let m = m.unwrap();
        assert_eq!(m.block_type, Some(BlockType::Response));
        assert!(m.truncated);
        assert_eq!(m.odata_type.as_deref(), Some("microsoft.graph.call"));
        assert_eq!(m.base_type, Some(None));
        assert_eq!(m.line, 7);
        assert!(codes.is_empty());
    }

    #[test]
    fn trailing_comma_needs_no_warning_but_bare_words_do() {
        let (m, codes) = read("{ \"blockType\": \"request\", \"name\": \"x\", }");
        assert_eq!(m.unwrap().name.as_deref(), Some("x"));
        assert!(codes.is_empty());
        let (m, codes) =
            read("{\n  \"blockType\": \"resource\",\n  truncated: true,\n  keyProperty: id\n}");
        let m = m.unwrap();
        assert!(m.truncated);
        assert_eq!(m.key_property.as_deref(), Some("id"));
        assert_eq!(codes, ["metadata-lenient"]);
    }

    #[test]
    fn broken_metadata_keeps_readable_fields() {
        let (m, codes) =
            read("{\n \"blockType\": \"request\",\n \"name\": \"a\" \"b\"\n \"truncated\": true\n");
        let m = m.unwrap();
        assert_eq!(m.block_type, Some(BlockType::Request));
        assert!(m.truncated);
        assert_eq!(codes, ["metadata-invalid"]);
        let (m, _) = read(
            r#"{ "blockType": "example", "name": "x" "y", "list": ["a", "b"], "baseType": null }"#,
        );
        let m = m.unwrap();
        assert_eq!(m.block_type, Some(BlockType::Example));
        assert_eq!(m.name.as_deref(), Some("x"));
        assert_eq!(m.base_type, Some(None));
    }

    #[test]
    fn other_comments_are_not_metadata() {
        assert_eq!(read(" uuid: 8fcb5dbc\n2015-10-25 ").0, None);
        assert_eq!(
            read(r##"{ "type": "#page.annotation", "description": "x" }"##).0,
            None
        );
        assert_eq!(read(r#"{ "name": "x" }"#).0, None);
    }
}
