//! The service root that operation paths are appended to.
//!
//! [`BaseUrl`] is checked once (absolute `http` or `https`, a host, no query
//! or fragment) so that joining it with an operation path cannot fail later.
//! It defaults to Graph beta; national clouds and local test servers give
//! their own. This module knows nothing of operations or tokens.

use std::fmt;

use crate::error::Error;

/// The default service root: Microsoft Graph, beta version.
pub const GRAPH_BETA: &str = "https://graph.microsoft.com/beta";

/// A checked service root without a trailing slash, e.g.
/// `https://graph.microsoft.com/beta` or `http://127.0.0.1:8080`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises `url` (a trailing `/` is dropped).
    pub fn parse(url: &str) -> Result<BaseUrl, Error> {
        let invalid = |why: &str| Error::InvalidRequest(format!("base URL `{url}` {why}"));
        if url.contains(['?', '#']) {
            return Err(invalid("has a query or fragment"));
        }
        if !url.contains("://") {
            return Err(invalid("is not absolute"));
        }
        let uri: http::Uri = url.parse().map_err(|_| invalid("is not a URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            Some(_) => return Err(invalid("is not http or https")),
            None => return Err(invalid("is not absolute")),
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(invalid("has no host"));
        }
        Ok(BaseUrl(url.trim_end_matches('/').to_owned()))
    }

    /// The Graph beta root, [`GRAPH_BETA`].
    pub fn graph_beta() -> BaseUrl {
        BaseUrl(GRAPH_BETA.to_owned())
    }

    /// The root as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The full URL of an already encoded `path` starting with `/`.
    pub fn join(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.0)
        } else {
            format!("{}/{path}", self.0)
        }
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl::graph_beta()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_roots_and_drops_the_trailing_slash() {
        let local = BaseUrl::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(local.as_str(), "http://127.0.0.1:8080");
        assert_eq!(
            local.join("/communications/calls"),
            "http://127.0.0.1:8080/communications/calls"
        );
        let china = BaseUrl::parse("https://microsoftgraph.chinacloudapi.cn/beta").unwrap();
        assert_eq!(
            china.join("communications"),
            "https://microsoftgraph.chinacloudapi.cn/beta/communications"
        );
        assert_eq!(BaseUrl::default().as_str(), GRAPH_BETA);
    }

    #[test]
    fn refuses_what_cannot_be_a_root() {
        let cases = [
            ("graph.microsoft.com/beta", "is not absolute"),
            ("ftp://example.com", "is not http or https"),
            ("https://example.com/beta?x=1", "has a query or fragment"),
            ("https://example.com/#top", "has a query or fragment"),
            ("https://exa mple.com", "is not a URL"),
            ("", "is not absolute"),
            ("https://", "is not a URL"),
        ];
        for (url, why) in cases {
            let error = BaseUrl::parse(url).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("invalid request: base URL `{url}` {why}")
            );
        }
    }
}
