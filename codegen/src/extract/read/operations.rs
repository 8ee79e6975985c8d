//! Method pages -> [`MethodDoc`]: what a page says about one API method.
//!
//! Reads the HTTP request syntax (one or more request lines, `/app/...`
//! and `/communications/...` forms), the request body (a parameter table,
//! or prose naming the resource whose JSON representation is the body, or
//! "Do not supply a request body"), the Response section (success status,
//! response type, collection or not) and the page's examples.
//!
//! Turning request lines into path templates with distinct parameter names
//! and operation ids needs every page and is [`crate::extract::decide::paths`]'s job.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::docs::http::{HttpRequestLine, HttpStart, parse_http};
use crate::docs::model::{Link, Page, Paragraph, SectionKind};

use crate::extract::read::examples::{ExampleDoc, read_examples};
use crate::extract::read::type_doc::PropertyRow;
use crate::extract::read::type_expr::TypeExpr;
use crate::extract::read::types::{page_description, table_rows};
use crate::extract::read::walk;

/// What one method page documents.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MethodDoc {
    /// The page, relative to the docs root.
    pub(crate) page: PathBuf,
    /// The page title (front matter, else heading), e.g. `call: mute`.
    pub(crate) title: Option<String>,
    /// The page description.
    pub(crate) description: Option<String>,
    /// The request lines of the HTTP request section.
    pub(crate) requests: Vec<HttpRequestLine>,
    /// The line of the HTTP request section's heading.
    pub(crate) requests_line: usize,
    /// The request body.
    pub(crate) body: BodyDoc,
    /// The Response section.
    pub(crate) response: ResponseDoc,
    /// Every example on the page.
    pub(crate) examples: Vec<ExampleDoc>,
    /// Links in the page's prose (for the closure).
    pub(crate) prose_links: Vec<Link>,
}

/// The documented request body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BodyDoc {
    /// No Request body section, or an empty one.
    None,
    /// "Do not supply a request body for this method", at the section's line.
    NotSupplied(usize),
    /// A parameter table.
    Parameters(Vec<PropertyRow>, usize),
    /// "Supply a JSON representation of a [call] object".
    Resource(TypeExpr, usize),
    /// A section whose content was not understood.
    Unknown(usize),
}

/// The documented Response section.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ResponseDoc {
    /// The success status code named in the text.
    pub(crate) status: Option<u16>,
    /// The type linked in the text.
    pub(crate) ty: Option<TypeExpr>,
    /// Whether the text speaks of a collection.
    pub(crate) collection: bool,
    /// Whether the text says nothing is returned in the body.
    pub(crate) no_body: bool,
    /// The line of the section's heading (0 when absent).
    pub(crate) line: usize,
}

/// Reads a method page.
pub(crate) fn read_method_page(page: &Page, diags: &mut Diagnostics) -> MethodDoc {
    let (requests, requests_line) = request_lines(page, diags);
    MethodDoc {
        page: page.path.clone(),
        title: page.title.clone().or_else(|| page.heading.clone()),
        description: page_description(page),
        requests,
        requests_line,
        body: request_body(page, diags),
        response: response(page),
        examples: read_examples(page, true, diags),
        prose_links: walk::all_paragraphs(page)
            .into_iter()
            .flat_map(|p| p.links.iter().cloned())
            .collect(),
    }
}

/// The request lines of the HTTP request section.
fn request_lines(page: &Page, diags: &mut Diagnostics) -> (Vec<HttpRequestLine>, usize) {
    let Some(section) = walk::first_section(page, &SectionKind::HttpRequest) else {
        diags.warn(
            &page.path,
            0,
            "no-http-request",
            "the method page has no HTTP request section; no path is recorded for it",
        );
        return (Vec::new(), 0);
    };
    let mut requests = Vec::new();
    for block in walk::code_blocks_deep(section) {
        let message = parse_http(&block.content, &page.path, block.content_line(), diags);
        if let Some(HttpStart::Requests(lines)) = message.map(|m| m.start) {
            requests.extend(lines.into_iter().filter(|l| is_url_target(page, l, diags)));
        }
    }
    if requests.is_empty() {
        diags.warn(
            &page.path,
            section.line,
            "no-http-request",
            "the HTTP request section has no request line",
        );
    }
    (requests, section.line)
}

/// Whether a request line's target can be a URL: its path (before any `?`)
/// holds only RFC 3986 path characters and `{}` placeholders. Prose written
/// as a request line (`GET /** Collection URI for ... not found`) is
/// reported and left out.
fn is_url_target(page: &Page, line: &HttpRequestLine, diags: &mut Diagnostics) -> bool {
    let path = line.target.split('?').next().unwrap_or("");
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%{}".contains(c);
    if let Some(bad) = path.chars().find(|c| !allowed(*c)) {
        diags.warn(
            &page.path,
            line.line,
            "invalid-request-line",
            format!(
                "the request target `{}` has {bad:?}, which a URL path cannot carry; the line is not a path of the method",
                line.target
            ),
        );
        return false;
    }
    true
}

/// The request body: table, resource, or none.
fn request_body(page: &Page, diags: &mut Diagnostics) -> BodyDoc {
    let Some(section) = walk::first_section(page, &SectionKind::RequestBody) else {
        return BodyDoc::None;
    };
    let tables = walk::tables_deep(section);
    if !tables.is_empty() {
        let rows = tables
            .into_iter()
            .flat_map(|t| table_rows(page, t, false, diags))
            .collect();
        return BodyDoc::Parameters(rows, section.line);
    }
    let paragraphs = walk::paragraphs_deep(section);
    if let Some(expr) = resource_link(&paragraphs) {
        return BodyDoc::Resource(expr, section.line);
    }
    if paragraphs.iter().any(|p| says_not_supplied(&p.text)) {
        return BodyDoc::NotSupplied(section.line);
    }
    if paragraphs.iter().any(|p| says_no_body(&p.text)) || paragraphs.is_empty() {
        return BodyDoc::None;
    }
    diags.warn(
        &page.path,
        section.line,
        "request-body",
        "the request body section has neither a parameter table nor a link to the resource to send",
    );
    BodyDoc::Unknown(section.line)
}

/// The first link to a resource page in the paragraphs, as a type.
fn resource_link(paragraphs: &[&Paragraph]) -> Option<TypeExpr> {
    paragraphs
        .iter()
        .flat_map(|p| p.links.iter())
        .find(|l| is_resource_link(l))
        .map(|l| TypeExpr::Named {
            name: l.text.trim().to_string(),
            page_stem: l.page_stem(),
        })
}

/// A link to a resource page (not to a method page, not outside the docs).
pub(crate) fn is_resource_link(link: &Link) -> bool {
    let target = link.target.to_ascii_lowercase();
    link.page_stem().is_some()
        && !target.contains("/api/")
        && !target.starts_with("http")
        && !target.starts_with('/')
}

/// "Do not supply a request body" (a rule), as against "No request body
/// is required" (an option).
fn says_not_supplied(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("do not supply")
        || lower.contains("don't supply")
        || text.contains("不提供")
        || text.contains("请勿提供")
}

fn says_no_body(text: &str) -> bool {
    says_not_supplied(text) || text.to_ascii_lowercase().contains("no request body")
}

/// The Response section: status, type, collection.
fn response(page: &Page) -> ResponseDoc {
    let section = walk::sections_of(page, &SectionKind::Response)
        .into_iter()
        .find(|s| s.level <= 2);
    let Some(section) = section else {
        return ResponseDoc::default();
    };
    let paragraphs = walk::paragraphs_deep(section);
    let text: String = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_ascii_lowercase();
    ResponseDoc {
        status: status_code(&text),
        ty: resource_link(&paragraphs),
        collection: lower.contains("collection") || text.contains("集合"),
        no_body: lower.contains("not return anything")
            || lower.contains("empty response body")
            || lower.contains("no content"),
        line: section.line,
    }
}

/// The first HTTP status code in a text: three digits 100-599 standing
/// alone (`200 OK`, `` `201 Created` ``, `204, No Content`).
pub(crate) fn status_code(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let digits: String = chars[start..].iter().take(3).collect();
        if digits.len() != 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let before_ok = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
        let after_ok = chars
            .get(start + 3)
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let code: u16 = digits.parse().ok()?;
        if before_ok && after_ok && (100..600).contains(&code) {
            return Some(code);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_in_prose() {
        assert_eq!(
            status_code("If successful, this method returns a `201 Created` response code"),
            Some(201)
        );
        assert_eq!(
            status_code("returns `204, No Content` response code"),
            Some(204)
        );
        assert_eq!(
            status_code("如果成功，此方法在响应`201 Created`正文中返回"),
            Some(201)
        );
        assert_eq!(status_code("The max value is 1150 seconds"), None);
        assert_eq!(status_code("No status here"), None);
    }
}
