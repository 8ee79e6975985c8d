//! Code blocks -> [`ExampleDoc`]s: every JSON payload a page shows, with
//! its role, provenance and truncation flag.
//!
//! Roles: a request to Graph, Graph's response, a notification Graph posts
//! to the bot's callback, or an example of a resource. The role comes from
//! the HTTP message (request line, status line, target host), the metadata
//! comment (`blockType`) and the headings above the block ("Notification
//! ..."). A body split from its HTTP block into the following JSON block
//! belongs to that HTTP block. JSON representation templates and the HTTP
//! request syntax blocks are not examples.
//!
//! This module does not know which operation or schema an example belongs
//! to; [`crate::extract::decide::paths`] and [`crate::extract::render::openapi`] attach them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::docs::http::{HttpBlock, HttpRequestLine, HttpStart, parse_http};
use crate::docs::json::parse_lenient;
use crate::docs::model::{Block, BlockType, CodeBlock, Metadata, Page, SectionKind};
use crate::extract::read::template::odata_type_name;
use crate::extract::read::walk::{self, Located};

/// What an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Role {
    /// A request body sent to Graph.
    Request,
    /// A response body from Graph.
    Response,
    /// A notification body Graph posts to the bot's callback URL.
    Notification,
    /// An instance of a resource shown on its page.
    Resource,
}

/// One JSON example with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExampleDoc {
    /// What the example shows.
    pub(crate) role: Role,
    /// The metadata `name`, if given.
    pub(crate) name: Option<String>,
    /// 1-based position among the page's examples, in document order.
    pub(crate) ordinal: usize,
    /// The heading the example sits under, plain text.
    pub(crate) summary: String,
    /// The JSON value, comments and trailing commas removed (shared: the
    /// decided operations and types carry the page's examples).
    pub(crate) value: Arc<Value>,
    /// The page, relative to the docs root.
    pub(crate) page: PathBuf,
    /// The page line of the JSON text's first line.
    pub(crate) line: usize,
    /// Whether the metadata marks the example truncated.
    pub(crate) truncated: bool,
    /// The metadata `@odata.type` (the payload's declared type), bare name.
    pub(crate) odata_type: Option<String>,
    /// The metadata `isCollection`.
    pub(crate) is_collection: bool,
    /// The request line of a request or notification.
    pub(crate) request: Option<HttpRequestLine>,
    /// The status code of a response.
    pub(crate) status: Option<u16>,
    /// The `Location` header of a response, with its line.
    pub(crate) location: Option<(String, usize)>,
}

/// An HTTP message whose JSON body is in the next code block.
struct Pending {
    /// The line of the innermost heading over the HTTP block; the body must
    /// be under the same heading.
    section_line: usize,
    role: Role,
    message: HttpBlock,
    metadata: Option<Metadata>,
    summary: String,
}

/// Reads every example of a page. `is_method_page` decides whether a lone
/// JSON block is a request/response (method pages) or a resource example.
pub(crate) fn read_examples(
    page: &Page,
    is_method_page: bool,
    diags: &mut Diagnostics,
) -> Vec<ExampleDoc> {
    let mut examples = Vec::new();
    let mut pending: Option<Pending> = None;
    for located in walk::located_blocks(page) {
        let Block::Code(block) = located.block else {
            continue;
        };
        if is_template_or_syntax(block, &located) {
            continue;
        }
        if is_http(block) {
            pending = read_http_block(page, block, &located, &mut examples, diags);
            continue;
        }
        if !is_json(block) {
            continue;
        }
        let section_line = located.section().map_or(0, |s| s.line);
        if pending
            .as_ref()
            .is_some_and(|p| p.section_line != section_line)
        {
            pending = None;
        }
        let role = match &pending {
            Some(p) => p.role,
            None => lone_json_role(block, &located, is_method_page),
        };
        let summary = pending
            .as_ref()
            .map_or_else(|| summary_of(page, &located), |p| p.summary.clone());
        let (message, http_metadata) = match pending.take() {
            Some(p) => (Some(p.message), p.metadata),
            None => (None, None),
        };
        let metadata = block.metadata.clone().or(http_metadata);
        let text_line = first_text_line(&block.content, block.content_line());
        if let Some(value) = json_example(page, &block.content, text_line, diags) {
            let mut example = new_example(page, role, summary, value, text_line, metadata.as_ref());
            if let Some(message) = message {
                fill_from_message(&mut example, &message);
            }
            examples.push(example);
        }
    }
    for (index, example) in examples.iter_mut().enumerate() {
        example.ordinal = index + 1;
    }
    examples
}

/// JSON representation templates, the HTTP request syntax and blocks marked
/// `ignored` are not examples.
fn is_template_or_syntax(block: &CodeBlock, located: &Located<'_>) -> bool {
    let block_type = block.metadata.as_ref().and_then(|m| m.block_type.clone());
    matches!(
        block_type,
        Some(BlockType::Resource) | Some(BlockType::Ignored)
    ) || located.under(&SectionKind::HttpRequest)
        || located.under(&SectionKind::JsonRepresentation) && block_type.is_none()
}

fn is_http(block: &CodeBlock) -> bool {
    block.lang == "http" || block.lang == "msgraph-interactive" || block.lang == "https"
}

/// A `json` fence, or an unlabelled one whose content looks like JSON.
fn is_json(block: &CodeBlock) -> bool {
    let looks_like_json = || {
        let start = block.content.trim_start();
        start.starts_with('{') || start.starts_with('[')
    };
    block.lang == "json" || (block.lang.is_empty() && looks_like_json())
}

/// Reads an HTTP block: an example when it carries a body, else the
/// message waiting for its body in the next JSON block.
fn read_http_block(
    page: &Page,
    block: &CodeBlock,
    located: &Located<'_>,
    examples: &mut Vec<ExampleDoc>,
    diags: &mut Diagnostics,
) -> Option<Pending> {
    let message = parse_http(&block.content, &page.path, block.content_line(), diags)?;
    let role = http_role(&message, located)?;
    let summary = summary_of(page, located);
    let Some(body) = message.body.clone() else {
        let bodiless = first_request(&message)
            .is_some_and(|r| matches!(r.method.as_str(), "GET" | "DELETE" | "HEAD"));
        if bodiless {
            return None;
        }
        return Some(Pending {
            section_line: located.section().map_or(0, |s| s.line),
            role,
            message,
            metadata: block.metadata.clone(),
            summary,
        });
    };
    if let Some(value) = json_example(page, &body.text, body.line, diags) {
        let mut example = new_example(
            page,
            role,
            summary,
            value,
            body.line,
            block.metadata.as_ref(),
        );
        fill_from_message(&mut example, &message);
        examples.push(example);
    }
    None
}

/// Request to Graph, response, or notification to the bot; `None` for
/// blocks that are not HTTP messages (a bare URL, for one).
fn http_role(message: &HttpBlock, located: &Located<'_>) -> Option<Role> {
    let request = match &message.start {
        HttpStart::Status(_) => return Some(Role::Response),
        HttpStart::Requests(requests) => requests.first()?,
    };
    let to_graph =
        request.target.starts_with('/') || request.target.contains("graph.microsoft.com");
    if located.under(&SectionKind::Notification) || !to_graph {
        Some(Role::Notification)
    } else {
        Some(Role::Request)
    }
}

/// The role of a JSON block that no HTTP block announced.
fn lone_json_role(block: &CodeBlock, located: &Located<'_>, is_method_page: bool) -> Role {
    if located.under(&SectionKind::Notification) {
        return Role::Notification;
    }
    match block.metadata.as_ref().and_then(|m| m.block_type.clone()) {
        Some(BlockType::Request) => return Role::Request,
        Some(BlockType::Response) => return Role::Response,
        _ => {}
    }
    if !is_method_page {
        return Role::Resource;
    }
    let in_response = located
        .path
        .iter()
        .rev()
        .find(|s| matches!(s.kind, SectionKind::Request | SectionKind::ResponseExample))
        .is_some_and(|s| s.kind == SectionKind::ResponseExample);
    if in_response {
        Role::Response
    } else {
        Role::Request
    }
}

/// Parses an example's JSON text; reports and skips what is not JSON.
fn json_example(page: &Page, text: &str, line: usize, diags: &mut Diagnostics) -> Option<Value> {
    if text.trim().is_empty() {
        return None;
    }
    if looks_escaped(text) {
        diags.push(
            Diagnostic::warning(
                Location::line(&page.path, line),
                "escaped-json-blob",
                "a json block holds a backslash-escaped JSON string, not a payload; it is not an example",
            )
            .with_note("the block shows the content of a string property (a serialized configuration), escaped as it would appear inside a JSON string"),
        );
        return None;
    }
    match parse_lenient(text, &page.path, line, diags) {
        Ok(value) => Some(value),
        Err(failure) => {
            diags.push(failure.to_warning(
                "an example does not parse as JSON (even allowing comments and trailing commas); it is skipped",
            ));
            None
        }
    }
}

/// `{\"mpUri\":...}`: JSON whose quotes are escaped.
fn looks_escaped(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with("{\\\"") || trimmed.starts_with("[\\\"") || trimmed.starts_with("\\\"")
}

fn first_text_line(content: &str, content_line: usize) -> usize {
    let blank = content.lines().take_while(|l| l.trim().is_empty()).count();
    content_line + blank
}

fn new_example(
    page: &Page,
    role: Role,
    summary: String,
    value: Value,
    line: usize,
    metadata: Option<&Metadata>,
) -> ExampleDoc {
    ExampleDoc {
        role,
        name: metadata
            .and_then(|m| m.name.clone())
            .filter(|n| !n.trim().is_empty()),
        ordinal: 0,
        summary,
        value: Arc::new(value),
        page: page.path.clone(),
        line,
        truncated: metadata.is_some_and(|m| m.truncated),
        odata_type: metadata
            .and_then(|m| m.odata_type.as_deref())
            .map(|t| odata_type_name(t).to_string()),
        is_collection: metadata.is_some_and(|m| m.is_collection),
        request: None,
        status: None,
        location: None,
    }
}

fn fill_from_message(example: &mut ExampleDoc, message: &HttpBlock) {
    example.request = first_request(message).cloned();
    example.status = match &message.start {
        HttpStart::Status(status) => Some(status.code),
        HttpStart::Requests(_) => None,
    };
    example.location = message
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("location"))
        .map(|h| (h.value.clone(), h.line));
}

/// The first request line of an HTTP block, if it is a request.
pub(crate) fn first_request(message: &HttpBlock) -> Option<&HttpRequestLine> {
    match &message.start {
        HttpStart::Requests(requests) => requests.first(),
        HttpStart::Status(_) => None,
    }
}

/// The heading an example sits under: the innermost one that is not a bare
/// "Request" / "Response", else the page title.
fn summary_of(page: &Page, located: &Located<'_>) -> String {
    located
        .path
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, SectionKind::Request | SectionKind::ResponseExample))
        .map(|s| s.title.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| page.title.clone())
        .unwrap_or_else(|| page_label(&page.path))
}

fn page_label(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
