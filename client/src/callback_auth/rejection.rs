//! Why a callback post was refused. A rejection names the reason and, where
//! it helps, the offending claim or key id; it never holds the token.

use http::StatusCode;

/// Why a callback post's `Authorization` header did not authenticate it.
///
/// Every variant but [`Rejection::KeysUnavailable`] is answered `401
/// Unauthorized`; see [`Rejection::status`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The post has no `Authorization` header.
    #[error("the post has no Authorization header")]
    MissingHeader,
    /// The header is not `Bearer <token>` in visible ASCII.
    #[error("the Authorization header is not `Bearer <token>`: {reason}")]
    MalformedHeader {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The header is longer than the configured maximum.
    #[error("the Authorization header has {length} bytes, more than the {max} allowed")]
    OversizedHeader {
        /// Its length in bytes.
        length: usize,
        /// The configured maximum.
        max: usize,
    },
    /// The token is not a JWT this verifier can read.
    #[error("the bearer token is malformed: {reason}")]
    MalformedToken {
        /// What could not be read (never the token itself).
        reason: String,
    },
    /// The token is signed with another algorithm than RS256 (`none` and
    /// HMAC included).
    #[error("the token's algorithm `{algorithm}` is not accepted, only RS256")]
    UnsupportedAlgorithm {
        /// The `alg` of the token's header.
        algorithm: String,
    },
    /// The token's header has no `kid`.
    #[error("the token's header names no signing key (`kid`)")]
    MissingKeyId,
    /// No published key has the token's `kid`, even after a refetch (or a
    /// refetch was not allowed yet).
    #[error("no published signing key has the id `{kid}`")]
    UnknownKey {
        /// The token's `kid`, cut to 64 characters.
        kid: String,
    },
    /// The signature does not verify with the published key.
    #[error("the token's signature does not verify")]
    BadSignature,
    /// `exp` is past (beyond the allowed clock skew).
    #[error("the token has expired")]
    Expired,
    /// `nbf` is ahead (beyond the allowed clock skew).
    #[error("the token is not valid yet")]
    NotYetValid,
    /// `aud` is none of the bot's app ids.
    #[error("the token's audience is not one of the bot's app ids")]
    WrongAudience,
    /// `iss` is not in the issuer allow-list.
    #[error("the token's issuer is not an accepted issuer")]
    WrongIssuer,
    /// A required claim (`exp`, `iss`, `aud`) is missing or ill-typed.
    #[error("the token's `{claim}` claim is missing or invalid")]
    InvalidClaim {
        /// The claim's name.
        claim: String,
    },
    /// The signing keys could not be fetched and none cached matches: the
    /// post is refused, never accepted unchecked.
    #[error("the signing keys cannot be fetched: {reason}")]
    KeysUnavailable {
        /// Why the OpenID configuration or the key set could not be read.
        reason: String,
    },
}

impl Rejection {
    /// The status to answer: `503 Service Unavailable` when the keys cannot
    /// be fetched (the service retries later; the token may be fine), else
    /// `401 Unauthorized`.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::KeysUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    pub(crate) fn unknown_key(kid: &str) -> Rejection {
        Rejection::UnknownKey {
            kid: kid.chars().take(64).collect(),
        }
    }
}

/// Maps a `jsonwebtoken` error into a rejection without its input.
pub(crate) fn from_jwt(error: &jsonwebtoken::errors::Error) -> Rejection {
    use jsonwebtoken::errors::ErrorKind;
    match error.kind() {
        ErrorKind::ExpiredSignature => Rejection::Expired,
        ErrorKind::ImmatureSignature => Rejection::NotYetValid,
        ErrorKind::InvalidAudience => Rejection::WrongAudience,
        ErrorKind::InvalidIssuer => Rejection::WrongIssuer,
        ErrorKind::InvalidSignature => Rejection::BadSignature,
        ErrorKind::MissingRequiredClaim(claim) | ErrorKind::InvalidClaimFormat(claim) => {
            Rejection::InvalidClaim {
                claim: claim.clone(),
            }
        }
        ErrorKind::InvalidAlgorithm | ErrorKind::UnsupportedAlgorithm => {
            Rejection::UnsupportedAlgorithm {
                algorithm: "other than the key's".to_owned(),
            }
        }
        other => Rejection::MalformedToken {
            reason: describe(other),
        },
    }
}

fn describe(kind: &jsonwebtoken::errors::ErrorKind) -> String {
    use jsonwebtoken::errors::ErrorKind;
    match kind {
        ErrorKind::InvalidToken => "not three base64url parts".to_owned(),
        ErrorKind::Base64(_) => "a part is not base64url".to_owned(),
        ErrorKind::Utf8(_) => "a part is not UTF-8".to_owned(),
        ErrorKind::Json(error) => format!("a part is not the expected JSON: {error}"),
        _ => "unreadable".to_owned(),
    }
}
