//! Reading the bearer token out of an `Authorization` header value.

use http::HeaderValue;

use super::Rejection;

/// The token of `Bearer <token>`, checked for length and shape.
pub(crate) fn bearer_token(
    value: Option<&HeaderValue>,
    max_length: usize,
) -> Result<&str, Rejection> {
    let Some(value) = value else {
        return Err(Rejection::MissingHeader);
    };
    let length = value.as_bytes().len();
    if length > max_length {
        return Err(Rejection::OversizedHeader {
            length,
            max: max_length,
        });
    }
    let text = value.to_str().map_err(|_| Rejection::MalformedHeader {
        reason: "it is not visible ASCII",
    })?;
    let Some((scheme, token)) = text.trim().split_once(' ') else {
        return Err(Rejection::MalformedHeader {
            reason: "it has no scheme and token",
        });
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Rejection::MalformedHeader {
            reason: "the scheme is not Bearer",
        });
    }
    let token = token.trim();
    if token.is_empty() || token.contains(' ') {
        return Err(Rejection::MalformedHeader {
            reason: "the token is empty or has spaces",
        });
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<&str, Rejection> {
        // Leaked for the test's lifetime only: a handful of bytes.
        let value: &'static HeaderValue = Box::leak(Box::new(HeaderValue::from_str(text).unwrap()));
        bearer_token(Some(value), 64)
    }

    #[test]
    fn takes_the_token_of_a_bearer_header() {
        assert_eq!(read("Bearer a.b.c"), Ok("a.b.c"));
        assert_eq!(read("bearer  a.b.c "), Ok("a.b.c"));
    }

    #[test]
    fn refuses_other_headers_with_the_reason() {
        assert_eq!(bearer_token(None, 64), Err(Rejection::MissingHeader));
        assert!(matches!(
            read("Basic dXNlcjpwYXNz"),
            Err(Rejection::MalformedHeader { .. })
        ));
        assert!(matches!(
            read("Bearer"),
            Err(Rejection::MalformedHeader { .. })
        ));
        assert!(matches!(
            read("Bearer a b"),
            Err(Rejection::MalformedHeader { .. })
        ));
        assert_eq!(
            read(&format!("Bearer {}", "x".repeat(100))),
            Err(Rejection::OversizedHeader {
                length: 107,
                max: 64
            })
        );
        let binary = HeaderValue::from_bytes(b"Bearer \xff").unwrap();
        assert!(matches!(
            bearer_token(Some(&binary), 64),
            Err(Rejection::MalformedHeader { .. })
        ));
    }
}
