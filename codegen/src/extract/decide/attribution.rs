//! Which examples of a method page belong to the requests it documents.
//!
//! A method page sometimes shows an example of another method (a "delete
//! participant" page whose second example posts to `.../participants/invite`).
//! An example request is attributed by its request line (method and path,
//! namespaces and key values aside) to one of the page's documented request
//! lines; one that fits none is left out with a warning, together with the
//! responses and notifications shown under the same example heading. A
//! request body is never taken from an example for a DELETE, nor for a page
//! that says "do not supply a request body".
//!
//! This module only filters the page's examples; putting them on
//! operations is [`crate::extract::decide::paths`]'s job.

use crate::diag::Diagnostics;
use crate::docs::http::HttpRequestLine;

use crate::extract::decide::navigate::{is_key, target_fits, url_segments};
use crate::extract::read::examples::{ExampleDoc, Role};
use crate::extract::read::operations::{BodyDoc, MethodDoc};

/// The method page with only the examples that belong to its own
/// requests, in page order.
pub(crate) fn with_own_examples(method: &MethodDoc) -> MethodDoc {
    let examples = method
        .examples
        .iter()
        .zip(verdicts(method))
        .filter(|(_, verdict)| matches!(verdict, Verdict::Kept))
        .map(|(example, _)| example.clone())
        .collect();
    // Every field but the examples (not cloned twice).
    MethodDoc {
        page: method.page.clone(),
        title: method.title.clone(),
        description: method.description.clone(),
        requests: method.requests.clone(),
        requests_line: method.requests_line,
        body: method.body.clone(),
        response: method.response.clone(),
        examples,
        prose_links: method.prose_links.clone(),
    }
}

/// Reports each example request [`with_own_examples`] leaves out.
pub(crate) fn report_left_out(method: &MethodDoc, diags: &mut Diagnostics) {
    for (example, verdict) in method.examples.iter().zip(verdicts(method)) {
        match verdict {
            Verdict::Foreign(request) => warn_foreign(example, request, diags),
            Verdict::BodyRefused(reason) => warn_refused_body(example, reason, diags),
            Verdict::Kept | Verdict::UnderForeign => {}
        }
    }
}

/// What becomes of one example of a method page.
enum Verdict<'m> {
    Kept,
    /// A request none of the page's request lines documents.
    Foreign(&'m HttpRequestLine),
    /// A request whose body must not be taken, and why.
    BodyRefused(&'static str),
    /// A response or notification under the heading of a foreign request.
    UnderForeign,
}

/// The verdict on each of the page's examples, in page order.
fn verdicts(method: &MethodDoc) -> Vec<Verdict<'_>> {
    let mut out = Vec::with_capacity(method.examples.len());
    let mut foreign_summary: Option<&str> = None;
    for example in &method.examples {
        let verdict = if let (Role::Request, Some(request)) = (example.role, &example.request) {
            foreign_summary = None;
            if !fits_documented(request, &method.requests) {
                foreign_summary = Some(&example.summary);
                Verdict::Foreign(request)
            } else if let Some(reason) = body_refused(request, &method.body) {
                Verdict::BodyRefused(reason)
            } else {
                Verdict::Kept
            }
        } else if foreign_summary == Some(example.summary.as_str()) {
            Verdict::UnderForeign
        } else {
            Verdict::Kept
        };
        out.push(verdict);
    }
    out
}

/// Whether the request line is one of the documented ones: same method,
/// and the path fits (each segment equal or standing for a documented
/// `{key}`), or at least ends as the documented path does (examples often
/// write another form of the same path: `/me/...` for `/users/{id}/...`,
/// `events('AAMk=')` for `events/{id}`). Without documented request lines
/// every request fits.
fn fits_documented(request: &HttpRequestLine, documented: &[HttpRequestLine]) -> bool {
    documented.is_empty()
        || documented.iter().any(|line| {
            line.method.eq_ignore_ascii_case(&request.method)
                && (target_fits(&line.target, &request.target)
                    || same_ending(&line.target, &request.target))
        })
}

/// Whether the last segments agree: the documented one is a `{key}`, or
/// both name the same thing (an OData key in parentheses aside).
fn same_ending(template: &str, target: &str) -> bool {
    let last = |url: &str| url_segments(url).last().map(|s| s.to_string());
    let (Some(documented), Some(shown)) = (last(template), last(target)) else {
        return false;
    };
    let bare = |segment: &str| segment.split('(').next().unwrap_or("").to_ascii_lowercase();
    is_key(&documented) || bare(&documented) == bare(&shown)
}

/// Why a request body must not come from this example, if it must not.
fn body_refused(request: &HttpRequestLine, body: &BodyDoc) -> Option<&'static str> {
    if request.method.eq_ignore_ascii_case("DELETE") {
        return Some("a DELETE takes no request body");
    }
    matches!(body, BodyDoc::NotSupplied(_))
        .then_some("the Request body section says not to supply one")
}

fn warn_foreign(example: &ExampleDoc, request: &HttpRequestLine, diags: &mut Diagnostics) {
    diags.warn(
        &example.page,
        example.line,
        "example-of-other-request",
        format!(
            "the example `{}` requests `{} {}`, which is none of the page's request lines; it and its responses under `{}` are left out",
            example.summary, request.method, request.target, example.summary
        ),
    );
}

fn warn_refused_body(example: &ExampleDoc, reason: &str, diags: &mut Diagnostics) {
    diags.warn(
        &example.page,
        example.line,
        "example-body-refused",
        format!(
            "the example `{}` sends a body, but {reason}; the body is left out",
            example.summary
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(method: &str, target: &str) -> HttpRequestLine {
        HttpRequestLine {
            method: method.to_string(),
            target: target.to_string(),
            line: 1,
        }
    }

    #[test]
    fn examples_fit_the_documented_request_lines() {
        let documented = [line(
            "DELETE",
            "/communications/calls/{id}/participants/{id}",
        )];
        let own = line(
            "DELETE",
            "https://graph.microsoft.com/beta/app/calls/c1/participants/p1",
        );
        let other = line(
            "POST",
            "https://graph.microsoft.com/beta/communications/calls/c1/participants/invite",
        );
        assert!(fits_documented(&own, &documented));
        assert!(!fits_documented(&other, &documented));
        assert!(fits_documented(&other, &[]));
        let invite = [line(
            "POST",
            "/communications/calls/{id}/participants/invite",
        )];
        let other_form = line(
            "POST",
            "https://graph.microsoft.com/beta/app/calls/c1/participants/invite",
        );
        assert!(fits_documented(&other_form, &invite));
        let mute = line("POST", "/communications/calls/c1/participants/p1/mute");
        assert!(!fits_documented(&mute, &invite));
        let update = [line("PATCH", "/users/{id}/profile/notes/{id}")];
        let me = line(
            "PATCH",
            "https://graph.microsoft.com/beta/me/profile/notes('n1')",
        );
        assert!(fits_documented(&me, &update));
    }

    #[test]
    fn bodies_refused_for_delete_and_not_supplied() {
        let post = line("POST", "/communications/calls/{id}/keepAlive");
        let delete = line("DELETE", "/communications/calls/{id}");
        assert!(body_refused(&delete, &BodyDoc::None).is_some());
        assert!(body_refused(&post, &BodyDoc::NotSupplied(3)).is_some());
        assert!(body_refused(&post, &BodyDoc::None).is_none());
    }
}
