//! The block walk: markdown body -> flat list of headings and blocks with
//! line numbers, using pulldown-cmark's offset iterator.
//!
//! Produces paragraphs (list items and notes included, `[!INCLUDE ...]`
//! lines left out), tables (re-read from their source lines by
//! [`crate::docs::table`], also when a broken delimiter row made
//! pulldown-cmark see a paragraph), fenced code blocks (unclosed fences
//! reported), HTML comments, and headings with their anchor and tab flag.
//! It does not nest sections or attach metadata; see
//! [`crate::docs::sections`] and [`crate::docs::metadata`].

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::diag::Diagnostics;
use crate::docs::inline::{self, Spanned};
use crate::docs::model::{CodeBlock, Paragraph, Table};
use crate::docs::source::Source;
use crate::docs::table::{self, TableLine};

/// One top-level thing found in the body, in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Heading(Heading),
    /// A paragraph; `note` when it sits in a block quote.
    Paragraph {
        paragraph: Paragraph,
        note: bool,
    },
    Table(Table),
    Code(Box<CodeBlock>),
    /// The text inside `<!--` and `-->`.
    Comment {
        line: usize,
        text: String,
    },
}

/// An ATX heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub level: u8,
    pub line: usize,
    pub title: String,
    pub anchor: Option<String>,
    /// A tab pseudo-heading such as `# [HTTP](#tab/http)`.
    pub tab: bool,
}

/// Walks the markdown of `source` from byte `body_start` on.
pub(crate) fn walk(
    source: &Source<'_>,
    body_start: usize,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<Item> {
    let body = source.text().get(body_start..).unwrap_or("");
    let events = Parser::new_ext(body, Options::ENABLE_TABLES)
        .into_offset_iter()
        .map(|(event, range)| (event, range.start + body_start..range.end + body_start));
    let mut walker = Walker {
        source,
        file,
        diags,
        items: Vec::new(),
        leaf: None,
        quote_depth: 0,
        open: Open::None,
    };
    for (event, range) in events {
        walker.event(event, range);
    }
    walker.flush_leaf();
    walker.items
}

/// Inline content being collected for a paragraph, list item or heading.
struct Leaf<'a> {
    kind: LeafKind,
    start: usize,
    end: usize,
    events: Vec<Spanned<'a>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    Paragraph,
    Heading(u8),
}

/// A block whose inner events are consumed whole.
enum Open {
    None,
    Table(usize),
    Code {
        start: usize,
        lang: String,
        fenced: bool,
        content: String,
    },
    Html {
        start: usize,
        text: String,
    },
}

struct Walker<'s, 'a, 'd> {
    source: &'s Source<'a>,
    file: &'d Path,
    diags: &'d mut Diagnostics,
    items: Vec<Item>,
    leaf: Option<Leaf<'a>>,
    quote_depth: usize,
    open: Open,
}

impl<'a> Walker<'_, 'a, '_> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.inside_open_block(&event, &range) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Rule => self.flush_leaf(),
            inline => self.inline(inline, range),
        }
    }

    /// Feeds events to an open table, code or HTML block; true when consumed.
    fn inside_open_block(&mut self, event: &Event<'a>, range: &Range<usize>) -> bool {
        match (&mut self.open, event) {
            (Open::None, _) => return false,
            (Open::Table(start), Event::End(TagEnd::Table)) => {
                let start = *start;
                self.open = Open::None;
                self.finish_table(start..range.end);
            }
            (Open::Code { content, .. }, Event::Text(text)) => content.push_str(text),
            (Open::Code { .. }, Event::End(TagEnd::CodeBlock)) => self.finish_code(range.end),
            (Open::Html { text, .. }, Event::Html(html) | Event::InlineHtml(html)) => {
                text.push_str(html)
            }
            (Open::Html { .. }, Event::End(TagEnd::HtmlBlock)) => self.finish_html(),
            _ => {}
        }
        true
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.begin_leaf(LeafKind::Paragraph, range.start),
            Tag::Heading { level, .. } => {
                self.begin_leaf(LeafKind::Heading(level as u8), range.start)
            }
            Tag::Item => self.begin_leaf(LeafKind::Paragraph, range.start),
            Tag::BlockQuote(_) => {
                self.flush_leaf();
                self.quote_depth += 1;
            }
            Tag::Table(_) => {
                self.flush_leaf();
                self.open = Open::Table(range.start);
            }
            Tag::CodeBlock(kind) => {
                self.flush_leaf();
                let (lang, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (fence_language(&info), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                self.open = Open::Code {
                    start: range.start,
                    lang,
                    fenced,
                    content: String::new(),
                };
            }
            Tag::HtmlBlock => {
                self.flush_leaf();
                self.open = Open::Html {
                    start: range.start,
                    text: String::new(),
                };
            }
            Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => self.flush_leaf(),
            other => self.inline(Event::Start(other), range),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::List(_) => {
                self.flush_leaf()
            }
            TagEnd::BlockQuote(_) => {
                self.flush_leaf();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::FootnoteDefinition | TagEnd::DefinitionList => self.flush_leaf(),
            other => self.inline(Event::End(other), range),
        }
    }

    fn inline(&mut self, event: Event<'a>, range: Range<usize>) {
        let leaf = self.leaf.get_or_insert_with(|| Leaf {
            kind: LeafKind::Paragraph,
            start: range.start,
            end: range.end,
            events: Vec::new(),
        });
        leaf.end = leaf.end.max(range.end);
        leaf.events.push((event, range));
    }

    fn begin_leaf(&mut self, kind: LeafKind, start: usize) {
        self.flush_leaf();
        self.leaf = Some(Leaf {
            kind,
            start,
            end: start,
            events: Vec::new(),
        });
    }

    fn flush_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        match leaf.kind {
            LeafKind::Heading(level) if self.is_atx(leaf.start) => {
                self.finish_heading(level, &leaf)
            }
            _ => self.finish_paragraph(&leaf),
        }
    }

    /// Whether the heading at `start` is an ATX (`#`) heading; a setext
    /// heading (text over `---`) is almost always an include line or a
    /// sentence followed by a tab-group end marker, so it is read as text.
    fn is_atx(&self, start: usize) -> bool {
        let line = self.source.line(self.source.line_of(start));
        strip_container_prefix(line, self.quote_depth).starts_with('#')
    }

    fn finish_heading(&mut self, level: u8, leaf: &Leaf<'a>) {
        let rendered = inline::render(&leaf.events, &|_| false);
        self.items.push(Item::Heading(Heading {
            level,
            line: self.source.line_of(leaf.start),
            title: rendered.text,
            anchor: rendered.anchor,
            tab: rendered.tab,
        }));
    }

    fn finish_paragraph(&mut self, leaf: &Leaf<'a>) {
        let lines = self
            .source
            .lines_of(&(leaf.start..leaf.end.max(leaf.start + 1)));
        let table_start = self.embedded_table(lines.clone());
        let text_lines = lines.start..table_start.unwrap_or(lines.end);
        let skipped: Vec<usize> = text_lines
            .clone()
            .filter(|&l| {
                is_include_line(strip_container_prefix(
                    self.source.line(l),
                    self.quote_depth,
                ))
            })
            .collect();
        let source = self.source;
        let skip = |offset: usize| {
            let line = source.line_of(offset);
            !text_lines.contains(&line) || skipped.contains(&line)
        };
        let rendered = inline::render(&leaf.events, &skip);
        let text = strip_alert_marker(&rendered.text);
        if !text.is_empty() {
            let first = text_lines
                .clone()
                .find(|l| !skipped.contains(l))
                .unwrap_or(text_lines.start);
            self.items.push(Item::Paragraph {
                paragraph: Paragraph {
                    text,
                    links: rendered.links,
                    line: first,
                },
                note: self.quote_depth > 0,
            });
        }
        if let Some(header) = table_start {
            self.push_table(header..lines.end);
        }
    }

    /// A table hidden in a paragraph (pulldown-cmark refuses a table whose
    /// delimiter row has a different number of cells than its header):
    /// the header line, when a delimiter row follows a line with a pipe.
    fn embedded_table(&self, lines: Range<usize>) -> Option<usize> {
        let text = |l: usize| strip_container_prefix(self.source.line(l), self.quote_depth);
        lines
            .clone()
            .skip(1)
            .find(|&l| table::is_delimiter_row(text(l)) && text(l - 1).contains('|'))
            .map(|delimiter| delimiter - 1)
    }

    fn finish_table(&mut self, range: Range<usize>) {
        let lines = self.source.lines_of(&range);
        self.push_table(lines);
    }

    fn push_table(&mut self, lines: Range<usize>) {
        let table_lines: Vec<TableLine<'_>> = lines
            .map(|l| {
                (
                    l,
                    strip_container_prefix(self.source.line(l), self.quote_depth),
                )
            })
            .collect();
        if let Some(table) = table::parse(&table_lines, self.file, self.diags) {
            self.items.push(Item::Table(table));
        }
    }

    fn finish_code(&mut self, end: usize) {
        let Open::Code {
            start,
            lang,
            fenced,
            content,
        } = std::mem::replace(&mut self.open, Open::None)
        else {
            return;
        };
        let first = self.source.line_of(start);
        let last = self.source.line_of(end.saturating_sub(1).max(start));
        if fenced && !self.closes_fence(first, last) {
            self.diags.warn(
                self.file,
                first,
                "unclosed-fence",
                "code fence is never closed; the block runs to the end of its container",
            );
        }
        let line = if fenced {
            first
        } else {
            first.saturating_sub(1)
        };
        self.items.push(Item::Code(Box::new(CodeBlock {
            line,
            lang,
            content,
            metadata: None,
        })));
    }

    /// Whether line `last` closes the fence opened on line `first`.
    fn closes_fence(&self, first: usize, last: usize) -> bool {
        if last <= first {
            return false;
        }
        let opening =
            strip_container_prefix(self.source.line(first), self.quote_depth).trim_start();
        let closing = strip_container_prefix(self.source.line(last), self.quote_depth).trim();
        let Some(fence_char) = opening.chars().next() else {
            return false;
        };
        let width = opening.chars().take_while(|&c| c == fence_char).count();
        closing.chars().count() >= width && closing.chars().all(|c| c == fence_char)
    }

    fn finish_html(&mut self) {
        let Open::Html { start, text } = std::mem::replace(&mut self.open, Open::None) else {
            return;
        };
        let mut offset = 0;
        while let Some(open) = text[offset..].find("<!--") {
            let body_start = offset + open + 4;
            let line = self.source.line_of(start) + text[..offset + open].matches('\n').count();
            let Some(close) = text[body_start..].find("-->") else {
                self.diags.warn(
                    self.file,
                    line,
                    "unclosed-comment",
                    "HTML comment is never closed",
                );
                return;
            };
            self.items.push(Item::Comment {
                line,
                text: text[body_start..body_start + close].to_string(),
            });
            offset = body_start + close + 3;
        }
    }
}

/// The first word of a fence's info string, lowercased (`json`, `http`).
fn fence_language(info: &str) -> String {
    info.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['{', '}'])
        .to_lowercase()
}

/// A line with up to `quote_depth` block-quote markers removed and leading
/// whitespace trimmed.
fn strip_container_prefix(line: &str, quote_depth: usize) -> &str {
    let mut line = line.trim_start();
    for _ in 0..quote_depth {
        match line.strip_prefix('>') {
            Some(rest) => line = rest.trim_start(),
            None => break,
        }
    }
    line
}

/// `[!INCLUDE [name](path.md)]` lines pull shared snippets into the page.
fn is_include_line(line: &str) -> bool {
    line.get(..9)
        .is_some_and(|head| head.eq_ignore_ascii_case("[!include"))
}

/// Removes a leading docfx alert marker (`[!NOTE]`, `[!TIP]` ...).
fn strip_alert_marker(text: &str) -> String {
    const MARKERS: &[&str] = &[
        "[!NOTE]",
        "[!TIP]",
        "[!IMPORTANT]",
        "[!CAUTION]",
        "[!WARNING]",
    ];
    for marker in MARKERS {
        if let Some(head) = text.get(..marker.len())
            && head.eq_ignore_ascii_case(marker)
        {
            return text[marker.len()..].trim_start().to_string();
        }
    }
    text.to_string()
}
