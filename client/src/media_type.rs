//! Media types: whether a `Content-Type` names JSON.

/// Whether `content_type` is `application/json` or an `application/*+json`
/// type, with any parameters (`; charset=utf-8`) and in any case.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}
