//! The resource a notification is about, read from its resource URL.
//!
//! A notification names what changed by URL: `resourceUrl` in current
//! payloads (`/communications/calls/{call-id}/participants`), `resource` in
//! the 2019 ones (`/app/calls/{call-id}/operations/{id}`), sometimes as an
//! absolute URL (`https://graph.microsoft.com/beta/communications/...`).
//! [`ResourcePath::parse`] reads any of these into collection/key pairs, so
//! a bot finds the call id, participant id or operation id without string
//! surgery. Keys are percent-decoded; the OData key form `calls('id')` is
//! understood too. This module knows the URL grammar, not the resources.

use std::fmt;

use percent_encoding::percent_decode_str;

/// The namespaces a calling resource URL starts with: current and 2019.
const NAMESPACES: &[&str] = &["communications", "app"];

/// Version segments that may precede the namespace in an absolute URL.
const VERSIONS: &[&str] = &["beta", "v1.0"];

/// One `collection/key` step of a resource path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceSegment {
    /// The collection (`calls`, `participants`, `operations`).
    pub collection: String,
    /// The key of one item of it, percent-decoded; `None` when the path
    /// names the whole collection.
    pub key: Option<String>,
}

/// A parsed resource URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourcePath {
    /// `communications`, or `app` for the 2019 form.
    pub namespace: String,
    /// The steps, outermost first.
    pub segments: Vec<ResourceSegment>,
}

/// Why a resource URL could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourcePathError {
    /// The notification carries neither `resourceUrl` nor `resource`.
    #[error("the notification has no resource URL (`resourceUrl` or `resource`)")]
    Missing,
    /// The URL does not have the `/<namespace>/<collection>/<key>/...` form.
    #[error("resource URL `{url}` {reason}")]
    Malformed {
        /// The URL as received.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl ResourcePath {
    /// Reads a resource URL, relative (`/communications/calls/abc`) or
    /// absolute; a query or fragment is ignored.
    ///
    /// ```
    /// use callgen_client::ResourcePath;
    /// let path = ResourcePath::parse("/communications/calls/57dab8b1/participants").unwrap();
    /// assert_eq!(path.call_id(), Some("57dab8b1"));
    /// assert_eq!(path.target_collection(), Some("participants"));
    /// let path = ResourcePath::parse("/app/calls/c1/operations/op%2F1").unwrap();
    /// assert_eq!(path.operation_id(), Some("op/1"));
    /// ```
    pub fn parse(url: &str) -> Result<ResourcePath, ResourcePathError> {
        let malformed = |reason: &str| ResourcePathError::Malformed {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let path = strip_origin(url);
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut parts: Vec<&str> = path.split('/').collect();
        if parts.first() == Some(&"") {
            parts.remove(0);
        }
        if parts.last() == Some(&"") {
            parts.pop();
        }
        if parts.first().is_some_and(|p| VERSIONS.contains(p)) && parts.len() > 1 {
            parts.remove(0);
        }
        let Some((namespace, rest)) = parts.split_first() else {
            return Err(malformed("is empty"));
        };
        if !NAMESPACES.contains(namespace) {
            return Err(malformed(
                "does not start with /communications or /app (after any service root)",
            ));
        }
        let segments = segments(rest).map_err(|reason| malformed(&reason))?;
        if segments.is_empty() {
            return Err(malformed("names no collection"));
        }
        Ok(ResourcePath {
            namespace: (*namespace).to_owned(),
            segments,
        })
    }

    /// The key following the collection `collection`, if the path has one.
    pub fn key_of(&self, collection: &str) -> Option<&str> {
        self.segments
            .iter()
            .find(|s| s.collection == collection)
            .and_then(|s| s.key.as_deref())
    }

    /// The call id (`calls/{id}`).
    pub fn call_id(&self) -> Option<&str> {
        self.key_of("calls")
    }

    /// The participant id (`participants/{id}`).
    pub fn participant_id(&self) -> Option<&str> {
        self.key_of("participants")
    }

    /// The operation id (`operations/{id}`).
    pub fn operation_id(&self) -> Option<&str> {
        self.key_of("operations")
    }

    /// The audio routing group id (`audioRoutingGroups/{id}`).
    pub fn audio_routing_group_id(&self) -> Option<&str> {
        self.key_of("audioRoutingGroups")
    }

    /// The collection the path ends with when it names a whole collection
    /// (`participants` for `/communications/calls/{id}/participants`).
    pub fn target_collection(&self) -> Option<&str> {
        let last = self.segments.last()?;
        last.key.is_none().then_some(last.collection.as_str())
    }

    /// Whether the path uses the 2019 `/app/...` namespace.
    pub fn is_deprecated_form(&self) -> bool {
        self.namespace == "app"
    }
}

impl fmt::Display for ResourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.namespace)?;
        for segment in &self.segments {
            write!(f, "/{}", segment.collection)?;
            if let Some(key) = &segment.key {
                let encoded = crate::path::segment("key", key).unwrap_or_else(|_| key.clone());
                write!(f, "/{encoded}")?;
            }
        }
        Ok(())
    }
}

/// The path of an absolute URL (`https://host/beta/x` gives `/beta/x`);
/// a relative one as it is.
fn strip_origin(url: &str) -> &str {
    let Some((_, after_scheme)) = url.split_once("://") else {
        return url;
    };
    match after_scheme.find('/') {
        Some(start) => &after_scheme[start..],
        None => "",
    }
}

/// Reads `collection/key` pairs, and `collection('key')` steps.
fn segments(parts: &[&str]) -> Result<Vec<ResourceSegment>, String> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < parts.len() {
        let part = parts[index];
        if part.is_empty() {
            return Err("has an empty segment".to_owned());
        }
        if let Some((collection, key)) = odata_key(part) {
            out.push(ResourceSegment {
                collection: decode(collection)?,
                key: Some(decode(key)?),
            });
            index += 1;
            continue;
        }
        let key = match parts.get(index + 1) {
            Some(&"") => return Err("has an empty segment".to_owned()),
            Some(key) => Some(decode(key)?),
            None => None,
        };
        out.push(ResourceSegment {
            collection: decode(part)?,
            key,
        });
        index += 2;
    }
    Ok(out)
}

/// `calls('abc')` or `calls(abc)` gives `("calls", "abc")`.
fn odata_key(part: &str) -> Option<(&str, &str)> {
    let (collection, rest) = part.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let key = inner
        .strip_prefix('\'')
        .and_then(|k| k.strip_suffix('\''))
        .unwrap_or(inner);
    (!collection.is_empty() && !key.is_empty()).then_some((collection, key))
}

fn decode(text: &str) -> Result<String, String> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| format!("has a segment `{text}` that is not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> ResourcePath {
        ResourcePath::parse(url).unwrap()
    }

    #[test]
    fn reads_calls_participants_and_operations() {
        let call = parse("/communications/calls/2e1a0b00-2db4-4022-9570-243709c565ab");
        assert_eq!(call.call_id(), Some("2e1a0b00-2db4-4022-9570-243709c565ab"));
        assert_eq!(call.target_collection(), None);
        assert!(!call.is_deprecated_form());

        let roster = parse("/communications/calls/57dab8b1/participants");
        assert_eq!(roster.call_id(), Some("57dab8b1"));
        assert_eq!(roster.participant_id(), None);
        assert_eq!(roster.target_collection(), Some("participants"));

        let operation = parse("/app/calls/ab62/operations/2784");
        assert_eq!(operation.call_id(), Some("ab62"));
        assert_eq!(operation.operation_id(), Some("2784"));
        assert!(operation.is_deprecated_form());

        let participant = parse("/communications/calls/c/participants/p");
        assert_eq!(participant.participant_id(), Some("p"));
        let group = parse("/communications/calls/c/audioRoutingGroups/g");
        assert_eq!(group.audio_routing_group_id(), Some("g"));
    }

    #[test]
    fn reads_absolute_urls_odata_keys_and_encoded_keys() {
        let path = parse(
            "https://graph.microsoft.com/beta/communications/calls/a%2Fb%3F/participants/p%20q?$select=id",
        );
        assert_eq!(path.call_id(), Some("a/b?"));
        assert_eq!(path.participant_id(), Some("p q"));
        assert_eq!(
            path.to_string(),
            "/communications/calls/a%2Fb%3F/participants/p%20q"
        );
        let odata = parse("/communications/calls('c1')/participants(p1)/");
        assert_eq!(odata.call_id(), Some("c1"));
        assert_eq!(odata.participant_id(), Some("p1"));
    }

    #[test]
    fn refuses_what_is_not_a_resource_path() {
        let cases = [
            ("", "is empty"),
            ("/", "is empty"),
            (
                "/me/events",
                "does not start with /communications or /app (after any service root)",
            ),
            ("/communications", "names no collection"),
            (
                "/communications/calls//participants",
                "has an empty segment",
            ),
            (
                "/communications/calls/%FF",
                "has a segment `%FF` that is not UTF-8 once decoded",
            ),
        ];
        for (url, reason) in cases {
            let error = ResourcePath::parse(url).unwrap_err();
            assert_eq!(
                error,
                ResourcePathError::Malformed {
                    url: url.to_owned(),
                    reason: reason.to_owned()
                },
                "{url}"
            );
        }
        assert_eq!(
            ResourcePathError::Missing.to_string(),
            "the notification has no resource URL (`resourceUrl` or `resource`)"
        );
    }
}
