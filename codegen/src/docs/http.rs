//! The content of an ```http block: request lines or a status line,
//! headers, and a body.
//!
//! Several request lines may share one block (`POST /app/calls` and
//! `POST /communications/calls`); targets are kept as written (path or full
//! URL, placeholders included). A body is whatever follows the headers
//! after a blank line (or the first line that is not a header). It does not
//! parse the body as JSON and does not know which path is deprecated.

use std::path::Path;

use crate::diag::Diagnostics;

/// One parsed http block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpBlock {
    /// The request lines or the status line.
    pub start: HttpStart,
    /// Headers in order.
    pub headers: Vec<HttpHeader>,
    /// The body, if the block has one.
    pub body: Option<HttpBody>,
}

/// How an http block starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpStart {
    /// One or more request lines (at least one).
    Requests(Vec<HttpRequestLine>),
    /// A response status line.
    Status(HttpStatusLine),
}

/// `POST /communications/calls/{id}/mute`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequestLine {
    /// The method, uppercase (`GET`, `POST`, ...).
    pub method: String,
    /// The target as written: a path or a full URL, without a trailing
    /// `HTTP/1.1`.
    pub target: String,
    /// 1-based page line.
    pub line: usize,
}

/// `HTTP/1.1 201 Created`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpStatusLine {
    /// The status code.
    pub code: u16,
    /// The reason phrase as written (may be empty).
    pub reason: String,
    /// 1-based page line.
    pub line: usize,
}

/// `Content-Type: application/json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpHeader {
    /// The header name as written.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// 1-based page line.
    pub line: usize,
}

/// The body of an http block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpBody {
    /// The body text, verbatim, without leading and trailing blank lines.
    pub text: String,
    /// 1-based page line of the body's first line.
    pub line: usize,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Parses the content of an http code block whose first content line is
/// page line `first_line`. `None` (with an `http-block` warning) when the
/// block has neither a request line nor a status line.
pub fn parse_http(
    content: &str,
    file: &Path,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<HttpBlock> {
    let lines: Vec<(usize, &str)> = content
        .lines()
        .enumerate()
        .map(|(i, text)| (first_line + i, text.trim_end_matches('\r')))
        .collect();
    let Some(first) = lines.iter().position(|(_, text)| !text.trim().is_empty()) else {
        diags.warn(file, first_line, "http-block", "http block is empty");
        return None;
    };
    let Some((start, mut next)) = read_start(&lines, first) else {
        diags.warn(
            file,
            lines[first].0,
            "http-block",
            format!(
                "http block starts with `{}`, neither a request line nor a status line",
                lines[first].1.trim()
            ),
        );
        return None;
    };
    let mut headers = Vec::new();
    while let Some(&(line, text)) = lines.get(next) {
        let Some(header) = header(text, line) else {
            break;
        };
        headers.push(header);
        next += 1;
    }
    Some(HttpBlock {
        start,
        headers,
        body: body(&lines[next.min(lines.len())..]),
    })
}

/// The request lines (blank lines allowed between them) or the status line
/// starting at index `first`, and the index after them.
fn read_start(lines: &[(usize, &str)], first: usize) -> Option<(HttpStart, usize)> {
    let (line, text) = lines[first];
    if let Some(status) = status_line(text, line) {
        return Some((HttpStart::Status(status), first + 1));
    }
    let mut requests = Vec::new();
    let mut next = first;
    let mut index = first;
    while let Some(&(line, text)) = lines.get(index) {
        if text.trim().is_empty() {
            index += 1;
            continue;
        }
        let Some(request) = request_line(text, line) else {
            break;
        };
        requests.push(request);
        index += 1;
        next = index;
    }
    if requests.is_empty() {
        return None;
    }
    Some((HttpStart::Requests(requests), next))
}

fn request_line(text: &str, line: usize) -> Option<HttpRequestLine> {
    let text = text.trim();
    let (method, target) = match text.split_once(char::is_whitespace) {
        Some((method, target)) => (method, target.trim()),
        None => {
            let slash = text.find('/')?;
            (&text[..slash], &text[slash..])
        }
    };
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) || target.is_empty() {
        return None;
    }
    let target = match target.rsplit_once(char::is_whitespace) {
        Some((head, version)) if version.starts_with("HTTP/") => head.trim_end(),
        _ => target,
    };
    Some(HttpRequestLine {
        method,
        target: target.to_string(),
        line,
    })
}

/// `HTTP/1.1 200 OK`, also written `HTTP 200 OK` or `HTTP code: 200 OK`.
fn status_line(text: &str, line: usize) -> Option<HttpStatusLine> {
    let text = text.trim();
    let rest = match text.strip_prefix("HTTP code:") {
        Some(rest) => rest,
        None => {
            let (version, rest) = text.split_once(' ')?;
            if !(version == "HTTP" || version.starts_with("HTTP/")) {
                return None;
            }
            rest
        }
    };
    let mut parts = rest.trim().splitn(2, ' ');
    let code = parts.next()?.parse().ok()?;
    Some(HttpStatusLine {
        code,
        reason: parts.next().unwrap_or("").trim().to_string(),
        line,
    })
}

fn header(text: &str, line: usize) -> Option<HttpHeader> {
    let (name, value) = text.split_once(':')?;
    let is_token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    is_token.then(|| HttpHeader {
        name: name.to_string(),
        value: value.trim().to_string(),
        line,
    })
}

fn body(lines: &[(usize, &str)]) -> Option<HttpBody> {
    let first = lines.iter().position(|(_, text)| !text.trim().is_empty())?;
    let last = lines
        .iter()
        .rposition(|(_, text)| !text.trim().is_empty())?;
    let text = lines[first..=last]
        .iter()
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join("\n");
    Some(HttpBody {
        text,
        line: lines[first].0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content: &str) -> (Option<HttpBlock>, Vec<&'static str>) {
        let mut diags = Diagnostics::new();
        let block = parse_http(content, Path::new("p.md"), 36, &mut diags);
        (block, diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn several_request_lines() {
        let (block, _) = parse("POST /app/calls/{id}/mute\nPOST /communications/calls/{id}/mute\n");
        let HttpStart::Requests(requests) = block.unwrap().start else {
            panic!("requests expected")
        };
        let found: Vec<_> = requests
            .iter()
            .map(|r| (r.method.as_str(), r.target.as_str(), r.line))
            .collect();
        assert_eq!(
            found,
            [
                ("POST", "/app/calls/{id}/mute", 36),
                ("POST", "/communications/calls/{id}/mute", 37)
            ]
        );
    }

    #[test]
    fn request_with_headers_and_body() {
        let content = "POST https://graph.microsoft.com/beta/app/calls HTTP/1.1\nContent-Type: application/json\nAuthorization: Bearer <Token>\n\n{\n  \"a\": 1\n}\n\n";
        let block = parse(content).0.unwrap();
        let HttpStart::Requests(requests) = &block.start else {
            panic!("requests expected")
        };
        assert_eq!(
            requests[0].target,
            "https://graph.microsoft.com/beta/app/calls"
        );
        assert_eq!(block.headers.len(), 2);
        assert_eq!(block.headers[1].value, "Bearer <Token>");
        let body = block.body.unwrap();
        assert_eq!((body.text.as_str(), body.line), ("{\n  \"a\": 1\n}", 40));
    }

    #[test]
    fn response_status_headers_and_body_without_blank_line() {
        let block = parse("HTTP/1.1 201 Created\nContent-Type: application/json\n{\"id\": 1}")
            .0
            .unwrap();
        let HttpStart::Status(status) = &block.start else {
            panic!("status expected")
        };
        assert_eq!(
            (status.code, status.reason.as_str(), status.line),
            (201, "Created", 36)
        );
        assert_eq!(block.body.unwrap().line, 38);
        let block = parse("HTTP/1.1 204 No Content").0.unwrap();
        assert!(block.body.is_none() && block.headers.is_empty());
        let block = parse("HTTP code: 200 OK").0.unwrap();
        assert!(matches!(
            block.start,
            HttpStart::Status(HttpStatusLine { code: 200, .. })
        ));
    }

    #[test]
    fn blocks_that_are_not_http_messages_are_reported() {
        let (block, codes) = parse("https://teams.microsoft.com/l/meetup-join/x\n");
        assert!(block.is_none());
        assert_eq!(codes, ["http-block"]);
        assert_eq!(parse("\n\n").1, ["http-block"]);
        assert!(parse("DELETE/identity/x").0.is_some());
    }
}
