//! The page model: one documentation page as structured data.
//!
//! This is the hand-off between the markdown reader ([`crate::docs`]) and the
//! extractor ([`crate::extract`]). It records *what the page says* with line
//! numbers, already freed from markdown and localization noise (side-by-side
//! spans, translated headings, translated header words), but it does not
//! interpret the API: it does not know what a property, a type or an
//! operation is. Every line number is 1-based and refers to the page file.

use std::path::PathBuf;

use serde::Serialize;

/// One parsed documentation page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators,
    /// e.g. `api-reference/beta/resources/call.md`.
    pub path: PathBuf,
    /// Which folder the page lives in.
    pub kind: PageKind,
    /// The language the prose is written in.
    pub language: Language,
    /// `title` from the YAML front matter, if any.
    pub title: Option<String>,
    /// `description` from the YAML front matter, if any.
    pub description: Option<String>,
    /// The first heading of level 1 (plain text), if any.
    pub heading: Option<String>,
    /// Prose before the first section heading (plain text, one paragraph
    /// per entry), without include lines and block-quote notes. Tables and
    /// code blocks before the first section are not kept.
    pub intro: Vec<Paragraph>,
    /// The page's sections in document order.
    pub sections: Vec<Section>,
}

/// Where a page lives in the docs tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum PageKind {
    /// `api-reference/beta/resources/*.md` other than `enums.md`.
    Resource,
    /// `api-reference/beta/resources/enums.md`.
    Enums,
    /// `api-reference/beta/api/*.md`.
    Method,
    /// Anything else.
    Other,
}

/// The language of a page's prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Language {
    /// English.
    English,
    /// Simplified Chinese (zh-CN), possibly with English side-by-side spans.
    Chinese,
}

/// A heading and everything up to the next heading of the same or a higher
/// level. Nested headings produce nested sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Heading level (2 for `##`, ...). Tab pseudo-headings such as
    /// `# [HTTP](#tab/http)` are not sections.
    pub level: u8,
    /// What the section is, recognised by its `<a name>` anchor first and
    /// by its English or translated heading text second.
    pub kind: SectionKind,
    /// The heading text, plain, in English where the page gives an English
    /// side-by-side rendering, else as written.
    pub title: String,
    /// Line of the heading.
    pub line: usize,
    /// The section's content before its first sub-section, in order.
    pub blocks: Vec<Block>,
    /// Sub-sections.
    pub children: Vec<Section>,
}

/// The role of a section, independent of the page's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SectionKind {
    Methods,
    Properties,
    Relationships,
    JsonRepresentation,
    Permissions,
    HttpRequest,
    PathParameters,
    QueryParameters,
    RequestHeaders,
    RequestBody,
    Response,
    /// "Example" or "Examples" (and numbered variants such as "Example 1: ...").
    Examples,
    Request,
    /// A response example heading (not the `## Response` description section,
    /// which is [`SectionKind::Response`] at level 2).
    ResponseExample,
    /// "Notification ..." headings over callback examples.
    Notification,
    /// A "Derived types" (or similar) table of subtypes.
    DerivedTypes,
    /// A `### name values` section of enums.md; holds the enum's name.
    EnumValues(String),
    /// Anything else; holds the normalised anchor or heading text.
    Other(String),
}

/// A piece of section content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    Code(Box<CodeBlock>),
}

/// Plain text of one paragraph, list item or note, with its links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// Markdown-free text (emphasis and code marks removed, link text kept),
    /// English where a side-by-side rendering provides it.
    pub text: String,
    /// Links in the paragraph, in order.
    pub links: Vec<Link>,
    /// Line where the paragraph starts.
    pub line: usize,
}

/// A markdown link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The visible text, plain.
    pub text: String,
    /// The target exactly as written (`../resources/call.md`, `./x.md#y`, ...).
    pub target: String,
}

impl Link {
    /// The file-name stem of the target, lowercased, without `./`, folders,
    /// `.md` or a `#fragment`: `../resources/chatInfo.md#x` gives `chatinfo`.
    /// `None` for targets that are not `.md` pages.
    pub fn page_stem(&self) -> Option<String> {
        let target = self.target.split('#').next().unwrap_or("");
        let file = target.rsplit('/').next().unwrap_or("");
        let stem = file.strip_suffix(".md")?;
        if stem.is_empty() {
            return None;
        }
        Some(stem.to_ascii_lowercase())
    }
}

/// A pipe table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Line of the header row.
    pub line: usize,
    /// Header cells, plain text as written (translated headers kept).
    pub header: Vec<String>,
    /// The role of each header cell, language-independent.
    pub columns: Vec<ColumnKind>,
    /// Body rows (the `|:---|` delimiter row is not included).
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of the first column of the given kind.
    pub fn column(&self, kind: &ColumnKind) -> Option<usize> {
        self.columns.iter().position(|c| c == kind)
    }
}

/// The role of a table column, recognised from English or translated header
/// text (属性 Property, 类型 Type, 说明/描述 Description, 参数 Parameter, 名称 Name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ColumnKind {
    /// "Property" / "Relationship" / 属性 / 关系.
    Property,
    /// "Type" / 类型.
    Type,
    /// "Description" / 说明 / 描述.
    Description,
    /// "Method" / 方法.
    Method,
    /// "Return type" / 返回类型.
    ReturnType,
    /// "Parameter" / 参数.
    Parameter,
    /// "Name" / 名称.
    Name,
    /// "Member" or "Value" in enum tables / 成员 / 值.
    Member,
    /// Anything else, lowercased header text.
    Other(String),
}

/// One body row of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Line of the row.
    pub line: usize,
    /// Cells in column order. A row may have fewer cells than the header
    /// (reported, except for a bold group row). Extra cells are reported and
    /// dropped when empty, else joined into the last cell with ` | ` (an
    /// unescaped pipe inside a description).
    pub cells: Vec<Cell>,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Markdown-free text, English where a side-by-side rendering provides
    /// it. In `Type` and `ReturnType` columns translated type words are
    /// normalised to English (`字符串` -> `String`, `集合` -> `collection`,
    /// `或` / `、` -> `or`).
    pub text: String,
    /// The cell's text with markdown kept (for descriptions that need code
    /// spans, e.g. `` `a`, `b` `` in "Possible values are ..." lists).
    pub raw: String,
    /// Links in the cell, in order.
    pub links: Vec<Link>,
    /// Whether the whole cell is bold (`**Call Handling**` group rows).
    pub bold: bool,
}

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeBlock {
    /// Line of the opening fence (for an indented code block, the line
    /// before its first line, so that [`CodeBlock::content_line`] holds).
    pub line: usize,
    /// The first word of the fence's info string, lowercased (`json`,
    /// `http`, `msgraph-interactive`, or empty).
    pub lang: String,
    /// The block's text, verbatim, without the fences (an unclosed fence
    /// runs to the end of its container and is reported).
    pub content: String,
    /// The metadata comment directly before the block (only blank lines,
    /// tab pseudo-headings or nothing between), if any.
    pub metadata: Option<Metadata>,
}

impl CodeBlock {
    /// The line of the first line of content.
    pub fn content_line(&self) -> usize {
        self.line + 1
    }
}

/// An HTML-comment metadata block such as
/// `<!-- { "blockType": "request", "name": "call-mute" } -->`, parsed leniently.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Metadata {
    /// Line where the comment starts.
    pub line: usize,
    /// `blockType`.
    pub block_type: Option<BlockType>,
    /// `@odata.type`, as written.
    pub odata_type: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `optionalProperties`.
    pub optional_properties: Vec<String>,
    /// `keyProperty`.
    pub key_property: Option<String>,
    /// `baseType`: `None` when absent, `Some(None)` when explicitly null.
    pub base_type: Option<Option<String>>,
    /// `abstract`.
    pub is_abstract: bool,
    /// `openType`.
    pub open_type: bool,
    /// `truncated` (boolean or the string "true").
    pub truncated: bool,
    /// `isCollection`.
    pub is_collection: bool,
    /// The whole comment parsed as a JSON value, when it parsed at all.
    pub raw: Option<serde_json::Value>,
}

/// The `blockType` of a metadata comment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum BlockType {
    Resource,
    Request,
    Response,
    Example,
    Ignored,
    Other(String),
}
