//! Inline markdown -> plain text, links, bold flag and heading anchors.
//!
//! Takes the inline events of one paragraph, heading or table cell and
//! renders them as plain text: emphasis and code marks removed, link text
//! kept, images and HTML tags dropped. It does not know block structure or
//! what the text means.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::docs::localize::collapse_whitespace;
use crate::docs::model::Link;

/// The rendering of some inline content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Inline {
    /// Plain text, whitespace collapsed.
    pub text: String,
    /// Links in order.
    pub links: Vec<Link>,
    /// Whether all visible text is bold.
    pub bold: bool,
    /// The `<a name="...">` (or `id`) anchor, if the content has one.
    pub anchor: Option<String>,
    /// Whether the content links to a `#tab/...` target (tab pseudo-heading).
    pub tab: bool,
}

/// One event with its byte range in the page.
pub(crate) type Spanned<'a> = (Event<'a>, Range<usize>);

/// Renders `events`, leaving out every event that starts at an offset for
/// which `skip` says yes (include lines, a table's lines inside a paragraph).
pub(crate) fn render(events: &[Spanned<'_>], skip: &dyn Fn(usize) -> bool) -> Inline {
    let mut state = RenderState::default();
    for (event, range) in events {
        if skip(range.start) {
            continue;
        }
        state.event(event);
    }
    state.finish()
}

/// Renders a stand-alone piece of inline markdown (a table cell).
pub(crate) fn render_markdown(markdown: &str) -> Inline {
    let trimmed = markdown.trim();
    if is_plain_text(trimmed) {
        return Inline {
            text: collapse_whitespace(trimmed),
            ..Inline::default()
        };
    }
    render_parsed(trimmed)
}

/// Text that no markdown parser would change beyond its whitespace: it
/// starts with a letter (no block can start there) and holds no character
/// that opens inline markup, an escape or an entity. Most table cells are
/// such text, and skip the parser.
fn is_plain_text(text: &str) -> bool {
    let starts_plain = text.chars().next().is_none_or(char::is_alphabetic);
    starts_plain
        && !text.chars().any(|c| {
            matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '<' | '>' | '&' | '~' | '|'
            ) || (c.is_control() && c != '\t')
        })
}

/// Renders a cell's markdown through the parser.
fn render_parsed(markdown: &str) -> Inline {
    let protected = protect_block_start(markdown.trim());
    let events: Vec<Spanned<'_>> = Parser::new_ext(&protected, Options::empty())
        .into_offset_iter()
        .collect();
    render(&events, &|_| false)
}

/// Escapes a leading character that would make a cell's text a block
/// (heading, quote, list item, thematic break, fence) instead of inline text.
fn protect_block_start(text: &str) -> std::borrow::Cow<'_, str> {
    let first = text.chars().next().unwrap_or(' ');
    let second = text.chars().nth(1).unwrap_or(' ');
    let starts_block = match first {
        '#' | '>' | '=' | '~' => true,
        '-' | '+' | '*' => second == ' ' || text.chars().all(|c| c == first || c == ' '),
        '`' => text.starts_with("```"),
        '0'..='9' => {
            let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if starts_ordered_list(&text[digits..]) {
                return std::borrow::Cow::Owned(format!(
                    "{}\\{}",
                    &text[..digits],
                    &text[digits..]
                ));
            }
            false
        }
        _ => false,
    };
    if starts_block {
        std::borrow::Cow::Owned(format!("\\{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether the text after an ordered list number makes a list item.
fn starts_ordered_list(after_digits: &str) -> bool {
    let mut chars = after_digits.chars();
    matches!(chars.next(), Some('.' | ')')) && matches!(chars.next(), None | Some(' '))
}

#[derive(Default)]
struct RenderState {
    out: String,
    links: Vec<Link>,
    open_links: Vec<(usize, String)>,
    image_depth: usize,
    strong_depth: usize,
    saw_text: bool,
    any_plain: bool,
    anchor: Option<String>,
    tab: bool,
}

impl RenderState {
    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak | Event::HardBreak => self.out.push(' '),
            Event::InlineHtml(html) | Event::Html(html) => self.html(html),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Link { dest_url, .. } => {
                if dest_url.starts_with("#tab/") {
                    self.tab = true;
                }
                self.open_links.push((self.out.len(), dest_url.to_string()));
            }
            Tag::Image { .. } => self.image_depth += 1,
            Tag::Strong => self.strong_depth += 1,
            Tag::Paragraph | Tag::Item | Tag::Heading { .. } => self.out.push(' '),
            _ => {}
        }
    }

    fn end(&mut self, tag: &TagEnd) {
        match tag {
            TagEnd::Link => {
                if let Some((start, target)) = self.open_links.pop() {
                    let text = collapse_whitespace(self.out.get(start..).unwrap_or(""));
                    self.links.push(Link { text, target });
                }
            }
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::Strong => self.strong_depth = self.strong_depth.saturating_sub(1),
            TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) => self.out.push(' '),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.image_depth > 0 {
            return;
        }
        self.out.push_str(text);
        if !text.trim().is_empty() {
            self.saw_text = true;
            if self.strong_depth == 0 {
                self.any_plain = true;
            }
        }
    }

    fn html(&mut self, html: &str) {
        if let Some(anchor) = anchor_name(html) {
            self.anchor.get_or_insert(anchor);
        }
        if html.trim_start().to_ascii_lowercase().starts_with("<br") {
            self.out.push(' ');
        }
    }

    fn finish(self) -> Inline {
        Inline {
            text: collapse_whitespace(&self.out),
            links: self.links,
            bold: self.saw_text && !self.any_plain,
            anchor: self.anchor,
            tab: self.tab,
        }
    }
}

/// The `name` (or `id`) of an `<a name="...">` tag.
fn anchor_name(html: &str) -> Option<String> {
    let tag = html.trim();
    let lower = tag.to_ascii_lowercase();
    if !lower.starts_with("<a ") {
        return None;
    }
    for attribute in ["name=", "id="] {
        let Some(at) = lower.find(attribute) else {
            continue;
        };
        let value = &tag[at + attribute.len()..];
        let quote = value.chars().next()?;
        let value = if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            &inner[..inner.find(quote)?]
        } else {
            let end = value.find(|c: char| c.is_whitespace() || c == '>')?;
            &value[..end]
        };
        return Some(value.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_markdown_becomes_plain_text_with_links() {
        let inline = render_markdown("[participant](participant.md) `collection` *x*");
        assert_eq!(inline.text, "participant collection x");
        assert_eq!(inline.links.len(), 1);
        assert_eq!(inline.links[0].target, "participant.md");
        assert!(!inline.bold);
    }

    #[test]
    fn plain_cells_render_as_the_parser_would() {
        let cells = [
            "",
            "String collection",
            "The id of the call.  Read-only.",
            "Possible values are: notStarted, running (default).",
            "字符串 集合",
            "Int32 - the 1st value; a/b: 50% {x} #1 = y + z ^ 2 $ 'q' \"r\"",
            "a\tb",
            "a\u{a0}b",
        ];
        for cell in cells {
            assert!(is_plain_text(cell.trim()), "{cell:?}");
            assert_eq!(render_markdown(cell), render_parsed(cell), "{cell:?}");
        }
        for cell in [
            "1. x", "# 1", "a & b", "a_b_", "a\\b", "x\u{0}y", "- a", "`a`",
        ] {
            assert!(!is_plain_text(cell), "{cell:?}");
        }
    }

    #[test]
    fn bold_cells_are_recognised() {
        assert!(render_markdown("**Call Handling**").bold);
        assert!(!render_markdown("**Call** Handling").bold);
        assert!(!render_markdown("").bold);
    }

    #[test]
    fn cells_that_look_like_blocks_stay_text() {
        assert_eq!(render_markdown("-").text, "-");
        assert_eq!(render_markdown("# 1").text, "# 1");
        assert_eq!(render_markdown("1. x").text, "1. x");
        assert_eq!(render_markdown("> y").text, "> y");
    }

    #[test]
    fn anchors_are_read() {
        assert_eq!(
            anchor_name(r#"<a name="properties">"#).as_deref(),
            Some("properties")
        );
        assert_eq!(anchor_name("<a id='x'>").as_deref(), Some("x"));
        assert_eq!(anchor_name("<span>"), None);
        assert_eq!(anchor_name("<a name=\"unterminated>"), None);
    }
}
