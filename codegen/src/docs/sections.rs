//! Headings -> nested sections, each classified as a [`SectionKind`].
//!
//! A heading's kind comes from its `<a name>` anchor first (zh-CN pages give
//! English anchors over translated text), then from its English text, then
//! from its Chinese text. Tab pseudo-headings (`# [HTTP](#tab/http)`) are
//! not sections; the first level-1 heading is the page heading. It does not
//! look inside the blocks of a section.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::docs::localize::{chinese_section_kind, has_cjk};
use crate::docs::markdown::{Heading, Item};
use crate::docs::model::{Block, PageKind, Paragraph, Section, SectionKind};

/// The page's heading, intro and section tree.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub heading: Option<String>,
    pub intro: Vec<Paragraph>,
    pub sections: Vec<Section>,
}

/// Level-2 headings of prose that are not API structure; they are
/// [`SectionKind::Other`] without a warning.
const PROSE_SECTIONS: &[&str] = &[
    "remarks",
    "see also",
    "prerequisites",
    "members",
    "function parameters",
    "next steps",
    "what s new",
    "errors",
    "error responses",
    "error handling",
    "known limitations",
    "common use cases",
    "authorization",
];

/// Nests `items` (metadata already attached) into sections.
pub(crate) fn build(
    items: Vec<Item>,
    page_kind: PageKind,
    file: &Path,
    diags: &mut Diagnostics,
) -> Outline {
    let mut outline = Outline::default();
    let mut stack: Vec<Section> = Vec::new();
    let mut unknown: Vec<(usize, String)> = Vec::new();
    for item in items {
        let block = match item {
            Item::Heading(heading) if heading.tab => continue,
            Item::Heading(heading)
                if heading.level == 1 && outline.heading.is_none() && stack.is_empty() =>
            {
                outline.heading = Some(heading.title);
                continue;
            }
            Item::Heading(heading) => {
                close_to(heading.level, &mut stack, &mut outline.sections);
                let section = open_section(heading, &stack, page_kind, &mut unknown);
                stack.push(section);
                continue;
            }
            Item::Paragraph { paragraph, note } => {
                if stack.is_empty() && !note {
                    outline.intro.push(paragraph);
                    continue;
                }
                Block::Paragraph(paragraph)
            }
            Item::Table(table) => Block::Table(table),
            Item::Code(code) => Block::Code(code),
            Item::Comment { .. } => continue,
        };
        if let Some(section) = stack.last_mut() {
            section.blocks.push(block);
        }
    }
    close_to(0, &mut stack, &mut outline.sections);
    if outline.sections.iter().any(is_api_section) {
        for (line, message) in unknown {
            diags.warn(file, line, "unknown-section", message);
        }
    }
    outline
}

/// Sections that make a page an API reference page (as opposed to an
/// overview page), where an unknown level-2 heading deserves a warning.
fn is_api_section(section: &Section) -> bool {
    matches!(
        section.kind,
        SectionKind::Properties
            | SectionKind::JsonRepresentation
            | SectionKind::Methods
            | SectionKind::HttpRequest
    )
}

/// Closes every open section of `level` or deeper.
fn close_to(level: u8, stack: &mut Vec<Section>, sections: &mut Vec<Section>) {
    while stack.last().is_some_and(|s| s.level >= level) {
        let Some(done) = stack.pop() else { break };
        match stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => sections.push(done),
        }
    }
}

fn open_section(
    heading: Heading,
    ancestors: &[Section],
    page_kind: PageKind,
    unknown: &mut Vec<(usize, String)>,
) -> Section {
    let nested = heading.level > 2 || ancestors.iter().any(|s| s.kind == SectionKind::Examples);
    let kind = classify(&heading, nested, page_kind);
    if let SectionKind::Other(key) = &kind
        && heading.level <= 2
        && matches!(page_kind, PageKind::Resource | PageKind::Method)
        && !PROSE_SECTIONS.contains(&key.replace('-', " ").as_str())
    {
        let what = match &heading.anchor {
            Some(anchor) => format!("anchor `{anchor}`"),
            None => format!("text `{}`", heading.title),
        };
        unknown.push((
            heading.line,
            format!("section heading with {what} is not a known section"),
        ));
    }
    Section {
        level: heading.level,
        kind,
        title: heading.title,
        line: heading.line,
        blocks: Vec::new(),
        children: Vec::new(),
    }
}

/// The kind of a heading: anchor first, English text second, Chinese text
/// third; else [`SectionKind::Other`] with the anchor or text as a slug.
pub(crate) fn classify(heading: &Heading, nested: bool, page_kind: PageKind) -> SectionKind {
    let anchor_key = heading.anchor.as_deref().map(words);
    let title_key = words(&heading.title);
    if let Some(kind) = anchor_key
        .as_deref()
        .and_then(|key| english_kind(key, nested))
    {
        return kind;
    }
    if matches!(page_kind, PageKind::Enums | PageKind::Resource)
        && let Some(name) = enum_values_name(&heading.title).or_else(|| {
            let anchor = heading.anchor.as_deref()?;
            anchored_enum_name(anchor, &heading.title)
        })
    {
        return SectionKind::EnumValues(name);
    }
    if let Some(kind) = english_kind(&title_key, nested) {
        return kind;
    }
    if has_cjk(&heading.title)
        && let Some(kind) = chinese_section_kind(&heading.title, nested)
    {
        return kind;
    }
    let key = anchor_key.unwrap_or(title_key);
    if key.is_empty() {
        return SectionKind::Other(heading.title.clone());
    }
    SectionKind::Other(key.replace(' ', "-"))
}

/// Lowercase ASCII words of a heading text or anchor, joined by spaces:
/// `notification---roster` and `Notification - roster` give
/// `notification roster`.
fn words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn english_kind(key: &str, nested: bool) -> Option<SectionKind> {
    let response = if nested {
        SectionKind::ResponseExample
    } else {
        SectionKind::Response
    };
    let exact = match key {
        "methods" => Some(SectionKind::Methods),
        "properties" => Some(SectionKind::Properties),
        "relationships" => Some(SectionKind::Relationships),
        "json representation" => Some(SectionKind::JsonRepresentation),
        "permissions" => Some(SectionKind::Permissions),
        "http request" | "http requests" => Some(SectionKind::HttpRequest),
        "path parameters" => Some(SectionKind::PathParameters),
        "query parameters" | "optional query parameters" => Some(SectionKind::QueryParameters),
        "request headers" | "request header" | "optional request headers" => {
            Some(SectionKind::RequestHeaders)
        }
        "request body" => Some(SectionKind::RequestBody),
        "request" | "requests" => Some(SectionKind::Request),
        "response" | "responses" => Some(response.clone()),
        "derived types" => Some(SectionKind::DerivedTypes),
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    let first = key.split(' ').next().unwrap_or("");
    if first == "example" || first == "examples" {
        return Some(SectionKind::Examples);
    }
    if first == "notification" || first == "notifications" {
        return Some(SectionKind::Notification);
    }
    if nested && key.ends_with(" request") {
        return Some(SectionKind::Request);
    }
    if nested && key.ends_with(" response") {
        return Some(SectionKind::ResponseExample);
    }
    None
}

/// `callState values` -> `callState` (enums.md headings).
fn enum_values_name(title: &str) -> Option<String> {
    let mut parts = title.split_whitespace();
    let name = parts.next()?;
    let values = parts.next()?;
    let is_name = name.chars().all(|c| c.is_alphanumeric() || c == '_');
    (values.eq_ignore_ascii_case("values") && parts.next().is_none() && is_name)
        .then(|| name.to_string())
}

/// The enum a `<a name="modality-values">` anchor names, for headings in
/// another language (`modality 值`, `模式值`): the title's word that spells
/// the anchor's name (keeping its case), else the anchor's name as written.
fn anchored_enum_name(anchor: &str, title: &str) -> Option<String> {
    let lower = anchor.to_ascii_lowercase();
    let name = &anchor[..lower.strip_suffix("-values")?.len()];
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_name {
        return None;
    }
    let spelled = title
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|word| word.eq_ignore_ascii_case(name));
    Some(spelled.unwrap_or(name).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, title: &str, anchor: Option<&str>) -> Heading {
        Heading {
            level,
            line: 1,
            title: title.to_string(),
            anchor: anchor.map(str::to_string),
            tab: false,
        }
    }

    fn kind(level: u8, title: &str, anchor: Option<&str>, nested: bool) -> SectionKind {
        classify(&heading(level, title, anchor), nested, PageKind::Method)
    }

    #[test]
    fn english_headings() {
        assert_eq!(
            kind(2, "JSON representation", None, false),
            SectionKind::JsonRepresentation
        );
        assert_eq!(kind(2, "Response", None, false), SectionKind::Response);
        assert_eq!(
            kind(5, "Response", None, true),
            SectionKind::ResponseExample
        );
        assert_eq!(
            kind(3, "Example 1: Join", None, true),
            SectionKind::Examples
        );
        assert_eq!(
            kind(5, "Notification - roster", None, true),
            SectionKind::Notification
        );
        assert_eq!(
            kind(5, "Get recording file - Request", None, true),
            SectionKind::Request
        );
        assert_eq!(
            kind(2, "See also", None, false),
            SectionKind::Other("see-also".into())
        );
    }

    #[test]
    fn anchors_decide_over_translated_text() {
        assert_eq!(
            kind(2, "属性", Some("properties"), false),
            SectionKind::Properties
        );
        assert_eq!(
            kind(2, "示例", Some("example---mixer-level"), false),
            SectionKind::Examples
        );
        assert_eq!(kind(2, "属性", None, false), SectionKind::Properties);
        assert_eq!(kind(5, "响应", None, true), SectionKind::ResponseExample);
        assert_eq!(
            kind(2, "注解", Some("remarks"), false),
            SectionKind::Other("remarks".into())
        );
    }

    #[test]
    fn localized_enum_headings_by_their_anchor() {
        let translated_suffix = heading(3, "callState 值", Some("callstate-values"));
        assert_eq!(
            classify(&translated_suffix, true, PageKind::Enums),
            SectionKind::EnumValues("callState".into())
        );
        let translated_name = heading(3, "模式值", Some("modality-values"));
        assert_eq!(
            classify(&translated_name, true, PageKind::Enums),
            SectionKind::EnumValues("modality".into())
        );
        let other = heading(3, "模式", Some("modality"));
        assert_eq!(
            classify(&other, true, PageKind::Enums),
            SectionKind::Other("modality".into())
        );
    }

    #[test]
    fn enum_values_on_enum_and_resource_pages() {
        let h = heading(3, "callState values", None);
        assert_eq!(
            classify(&h, true, PageKind::Enums),
            SectionKind::EnumValues("callState".into())
        );
        assert_eq!(
            classify(&h, true, PageKind::Resource),
            SectionKind::EnumValues("callState".into())
        );
        assert_eq!(
            classify(&h, true, PageKind::Method),
            SectionKind::Other("callstate-values".into())
        );
    }
}
