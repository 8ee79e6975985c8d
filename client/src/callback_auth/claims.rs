//! The verified claims of a callback token, handed to the handler.

use serde::Deserialize;
use serde_json::{Map, Value};

/// What a verified callback token says: who issued it, for which app, in
/// which tenant. Holds no signature and no token.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CallbackClaims {
    /// The issuer (`iss`), one of the allow-list.
    #[serde(rename = "iss")]
    pub issuer: String,
    /// The audience (`aud`): the bot's app id the token is for.
    #[serde(rename = "aud", deserialize_with = "one_or_many")]
    pub audience: Vec<String>,
    /// The tenant (`tid`) the call belongs to, when the token names one.
    #[serde(rename = "tid", default)]
    pub tenant_id: Option<String>,
    /// The id of the app that sent the post (`appid`), when present.
    #[serde(rename = "appid", default)]
    pub app_id: Option<String>,
    /// Expiry (`exp`), seconds since the Unix epoch.
    #[serde(rename = "exp")]
    pub expires_at: u64,
    /// Start of validity (`nbf`), seconds since the Unix epoch.
    #[serde(rename = "nbf", default)]
    pub not_before: Option<u64>,
    /// Every other claim, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}
