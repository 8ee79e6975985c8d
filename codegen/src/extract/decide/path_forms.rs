//! The request lines of a method page -> the operations they document,
//! each with its path forms.
//!
//! A method page documents one operation per HTTP method and action: the
//! request lines that share the method and the last path segment (the
//! action, or the collection an item key follows) are forms of one
//! operation. Of those forms:
//! - the current one is the `/communications/...` form, else the first
//!   (which [`crate::extract::decide::paths`] trades for the first form whose keys it
//!   recognises: `/users/{id}/events/{id}` rather than `/me/events/{id}`);
//! - a `/app/...` form of the same path after the namespace is a
//!   deprecated form (`/app/calls/{id}/mute` beside
//!   `/communications/calls/{id}/mute`);
//! - any other form is an alternate path (en-2019-09's
//!   `/applications/{id}/calls/{id}/redirect` beside
//!   `/app/calls/{id}/redirect`).
//!
//! This module only groups lines; walking them through the documented
//! types (and so telling whether an alternate form reaches the same
//! resource) is [`crate::extract::decide::paths`]'s job.

use crate::docs::http::HttpRequestLine as RequestLine;

use crate::extract::decide::navigate::{is_key, split_namespace, url_segments};

/// The request lines of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forms {
    /// The form the operation is keyed by.
    pub(crate) current: RequestLine,
    /// `/app` forms of the current path.
    pub(crate) deprecated: Vec<RequestLine>,
    /// Other forms of the same action, in page order.
    pub(crate) alternates: Vec<RequestLine>,
}

/// Groups a page's request lines into operations, in page order.
pub(crate) fn group_request_lines(requests: &[RequestLine]) -> Vec<Forms> {
    let mut groups: Vec<(String, Vec<&RequestLine>)> = Vec::new();
    for request in requests {
        let key = format!("{} {}", request.method, action_key(&request.target));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(request),
            None => groups.push((key, vec![request])),
        }
    }
    groups.into_iter().map(|(_, lines)| forms(&lines)).collect()
}

fn forms(lines: &[&RequestLine]) -> Forms {
    let current = lines
        .iter()
        .find(|r| namespace_of(&r.target) == Some("communications"))
        .unwrap_or(&lines[0]);
    let current_rest = rest_key(&current.target);
    let mut deprecated = Vec::new();
    let mut alternates = Vec::new();
    for line in lines.iter().filter(|r| !std::ptr::eq(**r, *current)) {
        let same_path = rest_key(&line.target) == current_rest;
        if same_path && namespace_of(&line.target) == Some("app") {
            deprecated.push((*line).clone());
        } else if !same_path || namespace_of(&line.target) != namespace_of(&current.target) {
            alternates.push((*line).clone());
        }
    }
    Forms {
        current: (*current).clone(),
        deprecated,
        alternates,
    }
}

/// `communications` or `app` when the target starts with that namespace.
pub(crate) fn namespace_of(target: &str) -> Option<&'static str> {
    let segments = url_segments(target);
    match segments.first().copied() {
        Some("communications") => Some("communications"),
        Some("app") => Some("app"),
        _ => None,
    }
}

/// The action a target names: its last segment that is not a key
/// (lowercased), and whether a key follows it.
fn action_key(target: &str) -> String {
    let segments = url_segments(target);
    let ends_with_key = segments.last().is_some_and(|s| is_key(s));
    let action = segments
        .iter()
        .rev()
        .find(|s| !is_key(s))
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    if ends_with_key {
        format!("{action}/{{}}")
    } else {
        action
    }
}

/// The path after the namespace with keys made uniform.
fn rest_key(target: &str) -> String {
    let segments = url_segments(target);
    let (_, rest) = split_namespace(&segments);
    rest.iter()
        .map(|s| if is_key(s) { "{}" } else { *s })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(method: &str, target: &str, line: usize) -> RequestLine {
        RequestLine {
            method: method.into(),
            target: target.into(),
            line,
        }
    }

    fn targets(lines: &[RequestLine]) -> Vec<&str> {
        lines.iter().map(|l| l.target.as_str()).collect()
    }

    #[test]
    fn app_forms_are_deprecated_forms_of_the_communications_path() {
        let groups = group_request_lines(&[
            line("POST", "/app/calls/{id}/mute", 1),
            line("POST", "/communications/calls/{id}/mute", 2),
        ]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].current.target, "/communications/calls/{id}/mute");
        assert_eq!(targets(&groups[0].deprecated), ["/app/calls/{id}/mute"]);
        assert!(groups[0].alternates.is_empty());
    }

    #[test]
    fn another_path_to_the_same_action_is_an_alternate() {
        let groups = group_request_lines(&[
            line("POST", "/app/calls/{id}/redirect", 1),
            line("POST", "/applications/{id}/calls/{id}/redirect", 2),
        ]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].current.target, "/app/calls/{id}/redirect");
        assert!(groups[0].deprecated.is_empty());
        assert_eq!(
            targets(&groups[0].alternates),
            ["/applications/{id}/calls/{id}/redirect"]
        );
    }

    #[test]
    fn other_methods_and_actions_are_other_operations() {
        let groups = group_request_lines(&[
            line("GET", "/communications/calls/{id}", 1),
            line("DELETE", "/communications/calls/{id}", 2),
            line("GET", "/communications/calls/{id}/participants", 3),
            line("GET", "/communications/calls/{id}/participants/{id}", 4),
            line("GET", "/me/calls/{id}/participants/{id}", 5),
        ]);
        let current: Vec<&str> = groups.iter().map(|g| g.current.target.as_str()).collect();
        assert_eq!(
            current,
            [
                "/communications/calls/{id}",
                "/communications/calls/{id}",
                "/communications/calls/{id}/participants",
                "/communications/calls/{id}/participants/{id}"
            ]
        );
        assert_eq!(
            targets(&groups[3].alternates),
            ["/me/calls/{id}/participants/{id}"]
        );
    }
}
