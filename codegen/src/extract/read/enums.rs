//! Enumerations: `### name values` sections of enums.md, inline
//! "Possible values are ..." lists in descriptions, and `a | b | c`
//! placeholders in JSON representations.
//!
//! This module reads value lists out of text; it does not decide which
//! property uses which enumeration (see [`crate::extract::decide::schema`]
//! and [`crate::extract::decide::used_enums`]) nor how an enum is written
//! into the document (see `extract/render/openapi.rs`).

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::docs::model::{ColumnKind, Page, SectionKind};

use crate::extract::read::walk;

/// An enumeration documented in enums.md.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnumDoc {
    /// The enum's name as written in its heading, e.g. `callState`.
    pub(crate) name: String,
    /// Members in documented order, without duplicates.
    pub(crate) values: Vec<String>,
    /// The page and line of the heading.
    pub(crate) page: std::path::PathBuf,
    pub(crate) line: usize,
    /// Lines of earlier sections of the same name, replaced by this one.
    pub(crate) replaces: Vec<usize>,
    /// The heading does not spell the name (a translated heading named by
    /// its `<a name="...-values">` anchor): the name's case is unknown, so
    /// the spelling of the type that uses the enum is kept.
    pub(crate) named_by_anchor: bool,
}

/// Reads every `### name values` section of an enums page, keyed by the
/// lowercased enum name. A name documented twice keeps its last section
/// and remembers the earlier ones (reported only for enums in use).
pub(crate) fn read_enums_page(page: &Page, diags: &mut Diagnostics) -> BTreeMap<String, EnumDoc> {
    let mut enums: BTreeMap<String, EnumDoc> = BTreeMap::new();
    for section in walk::all_sections(page) {
        let SectionKind::EnumValues(name) = &section.kind else {
            continue;
        };
        let name = name.trim().to_string();
        let values = section_members(section);
        if values.is_empty() {
            diags.warn(
                &page.path,
                section.line,
                "enum-without-members",
                format!("enum `{name}` lists no members; it is left out"),
            );
            continue;
        }
        let named_by_anchor = !section.title.contains(&name);
        if named_by_anchor {
            diags.warn(
                &page.path,
                section.line,
                "enum-named-by-anchor",
                format!(
                    "enum section `{}` is taken as the `{name}` enum by its anchor; its spelling comes from the properties that use it",
                    section.title
                ),
            );
        }
        let mut doc = EnumDoc {
            name: name.clone(),
            values,
            page: page.path.clone(),
            line: section.line,
            replaces: Vec::new(),
            named_by_anchor,
        };
        if let Some(previous) = enums.remove(&name.to_ascii_lowercase()) {
            doc.replaces = previous.replaces;
            doc.replaces.push(previous.line);
        }
        enums.insert(name.to_ascii_lowercase(), doc);
    }
    enums
}

/// The members of an enum section: the `Member` column, else the first.
fn section_members(section: &crate::docs::model::Section) -> Vec<String> {
    let mut values = Vec::new();
    for table in walk::tables_deep(section) {
        let column = table
            .column(&ColumnKind::Member)
            .or_else(|| table.column(&ColumnKind::Name))
            .unwrap_or(0);
        for row in &table.rows {
            let Some(cell) = row.cells.get(column) else {
                continue;
            };
            let value = cell.text.trim().trim_matches('`').to_string();
            if is_enum_member(&value) && !values.contains(&value) {
                values.push(value);
            }
        }
    }
    values
}

/// Whether `text` can be an enum member: an identifier-like word.
pub(crate) fn is_enum_member(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Phrases that open a list of possible values (English and zh-CN).
const VALUE_LIST_OPENERS: [&str; 7] = [
    "Possible value",
    "possible value",
    "POSSIBLE VALUE",
    "可取值",
    "可能的值",
    "可能值",
    "取值为",
];

/// The values of a "Possible values are: `a`, `b`, or `c`." list in a
/// description (markdown kept), in order: code spans, else quoted words in
/// any quotation style ('a', "a", “a”, ‘a’, 「a」). `None` when the text has
/// no such list or no value in it.
pub(crate) fn inline_values(raw: &str) -> Option<Vec<String>> {
    let rest = &raw[value_list_start(raw)?..];
    let values = code_span_values(rest);
    let values = if values.is_empty() {
        quoted_values(rest)
    } else {
        values
    };
    (!values.is_empty()).then_some(values)
}

/// Whether the text opens a list of possible values (read or not).
pub(crate) fn opens_value_list(raw: &str) -> bool {
    value_list_start(raw).is_some()
}

fn value_list_start(raw: &str) -> Option<usize> {
    VALUE_LIST_OPENERS
        .iter()
        .filter_map(|opener| raw.find(opener))
        .min()
}

/// Collects `code spans` until the sentence holding them ends. A sentence
/// end followed (after list punctuation) by another code span does not end
/// the list: machine translation scatters `。` through zh-CN lists.
fn code_span_values(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut values = Vec::new();
    let mut in_code = false;
    let mut current = String::new();
    for (index, &c) in chars.iter().enumerate() {
        if c == '`' {
            if in_code {
                push_value(&mut values, current.trim());
                current.clear();
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            current.push(c);
            continue;
        }
        let next = chars.get(index + 1).copied();
        if !values.is_empty()
            && ends_sentence(c, next)
            && !value_follows(&chars[index + 1..], |c| c == '`')
        {
            break;
        }
    }
    values
}

/// Whether only whitespace and list punctuation stand before the next
/// character that `opens` a value.
fn value_follows(rest: &[char], opens: impl Fn(char) -> bool) -> bool {
    rest.iter()
        .find(|c| !c.is_whitespace() && !"、，,;；：:。.".contains(**c))
        .is_some_and(|c| opens(*c))
}

/// Opening and closing quotes a value list may use instead of code spans.
const QUOTES: [(char, char); 6] = [
    ('\'', '\''),
    ('"', '"'),
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
];

fn closing_quote(c: char) -> Option<char> {
    QUOTES
        .iter()
        .find(|(open, _)| *open == c)
        .map(|(_, close)| *close)
}

/// `'viewer', "sharer"`, `“viewer”和“sharer”` when the docs use quotes
/// instead of code spans, until the sentence holding them ends.
fn quoted_values(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut values = Vec::new();
    let mut closing = None;
    let mut current = String::new();
    for (index, &c) in chars.iter().enumerate() {
        if let Some(close) = closing {
            if c == close {
                push_value(&mut values, current.trim());
                current.clear();
                closing = None;
            } else {
                current.push(c);
            }
            continue;
        }
        if let Some(close) = closing_quote(c) {
            closing = Some(close);
            continue;
        }
        let next = chars.get(index + 1).copied();
        let quote_follows = value_follows(&chars[index + 1..], |c| closing_quote(c).is_some());
        if !values.is_empty() && ends_sentence(c, next) && !quote_follows {
            break;
        }
    }
    values
}

fn push_value(values: &mut Vec<String>, value: &str) {
    if is_enum_member(value) && !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

fn ends_sentence(c: char, next: Option<char>) -> bool {
    match c {
        '。' | '|' => true,
        '.' => next.is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The choices of a JSON representation placeholder such as
/// `"incoming | outgoing"`: at least two members separated by `|`.
pub(crate) fn placeholder_choices(text: &str) -> Option<Vec<String>> {
    if !text.contains('|') {
        return None;
    }
    let mut values = Vec::new();
    for part in text.split('|') {
        let part = part.trim();
        if !is_enum_member(part) {
            return None;
        }
        if !values.iter().any(|v| v == part) {
            values.push(part.to_string());
        }
    }
    (values.len() >= 2).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(raw: &str) -> Option<Vec<String>> {
        inline_values(raw)
    }

    fn list(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn english_lists_in_their_variants() {
        assert_eq!(
            values(
                "Possible values are: `notStarted`, `running`, `completed`, `failed`. Read-only."
            ),
            list(&["notStarted", "running", "completed", "failed"])
        );
        assert_eq!(
            values("The direction. The possible value are `incoming` or `outgoing`. Read-only."),
            list(&["incoming", "outgoing"])
        );
        assert_eq!(
            values("The rejection reason. Possible values are `None`, `Busy` and `Forbidden`"),
            list(&["None", "Busy", "Forbidden"])
        );
        assert_eq!(
            values("Possible values are: 'viewer', 'sharer'"),
            list(&["viewer", "sharer"])
        );
    }

    #[test]
    fn values_stop_at_the_end_of_the_sentence() {
        assert_eq!(
            values(
                "(Deprecated) The possible values are: `default` , `simultaneousRing` , `forward`. Use `targets` instead."
            ),
            list(&["default", "simultaneousRing", "forward"])
        );
    }

    #[test]
    fn chinese_lists_with_moved_code_spans() {
        assert_eq!(
            values("活动模态的列表。 可取值为：`unknown`、`audio`、`video`。 只读。"),
            list(&["unknown", "audio", "video"])
        );
        assert_eq!(
            values("拒绝原因。 可能的值`None`为`Busy`和`Forbidden`"),
            list(&["None", "Busy", "Forbidden"])
        );
        assert_eq!(
            values("可能的值是`tone0`: `tone1`、 `flash`、、 `star`、、。 `pound` `a` |"),
            list(&["tone0", "tone1", "flash", "star", "pound", "a"])
        );
    }

    #[test]
    fn values_in_any_quotation_style() {
        let expected = list(&["viewer", "sharer"]);
        assert_eq!(
            values("Possible values are: \"viewer\" and \"sharer\"."),
            expected
        );
        assert_eq!(
            values("Possible values are: “viewer” and “sharer”."),
            expected
        );
        assert_eq!(values("Possible values are ‘viewer’ or ‘sharer’"), expected);
        assert_eq!(values("可能的值包括：\"viewer\"和\"sharer\"。"), expected);
        assert_eq!(
            values("可能的值为：「viewer」、「sharer」。只读。"),
            expected
        );
        assert_eq!(values("可能的值包括：“viewer”。 “sharer”。"), expected);
        assert_eq!(
            values("Possible values are: \"viewer\", \"sharer\". The \"owner\" role is implied."),
            expected
        );
    }

    #[test]
    fn translated_values_are_not_members() {
        assert_eq!(values("可能的值为： \"查看器\"、\"共享资源\""), None);
        assert_eq!(values("The call id. Read-only."), None);
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder_choices("incoming | outgoing"),
            list(&["incoming", "outgoing"])
        );
        assert_eq!(placeholder_choices("String"), None);
        assert_eq!(placeholder_choices("String (identifier)"), None);
        assert_eq!(placeholder_choices("a b | c"), None);
    }
}
