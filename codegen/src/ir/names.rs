//! Rust names for schema names: the one place where case conversion,
//! keywords, leading digits, punctuation and collisions are handled.
//!
//! Wire names are never changed; only the Rust spelling is decided here. A
//! [`Scope`] hands out names that are unique within one namespace (the types
//! of a crate, the fields of a struct, the members of an enum), reserving the
//! generator's own names first so a schema name never takes them. This
//! module knows nothing of OpenAPI or syn.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The spelling a name needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A type or enum variant: `UpperCamelCase`.
    Type,
    /// A field, function or argument: `snake_case`, keywords as raw
    /// identifiers (`r#type`).
    Value,
    /// A module, which is also a file stem: `snake_case`, keywords get a
    /// trailing `_` (a raw `r#mod` would name the file `mod.rs`).
    Module,
}

/// Keywords of Rust 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The Rust spelling of `raw` for `kind`, before any collision handling.
///
/// Every character that is not an ASCII letter or digit separates words;
/// a name with no letters or digits becomes `unnamed`; a leading digit gets
/// a prefix (`V1080p`, `_1080p`); keywords become raw identifiers or get a
/// trailing underscore.
pub fn rust_name(raw: &str, kind: NameKind) -> String {
    let words: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words = if words.trim().is_empty() {
        "unnamed".to_owned()
    } else {
        words
    };
    let cased = match kind {
        NameKind::Type => words.to_upper_camel_case(),
        NameKind::Value | NameKind::Module => words.to_snake_case(),
    };
    let cased = match (cased.starts_with(|c: char| c.is_ascii_digit()), kind) {
        (true, NameKind::Type) => format!("V{cased}"),
        (true, _) => format!("_{cased}"),
        (false, _) => cased,
    };
    escape_keyword(cased, kind)
}

fn escape_keyword(name: String, kind: NameKind) -> String {
    if !KEYWORDS.contains(&name.as_str()) && !NOT_RAW.contains(&name.as_str()) {
        return name;
    }
    match kind {
        NameKind::Value if !NOT_RAW.contains(&name.as_str()) => format!("r#{name}"),
        // `Self_` would trip the upper-camel-case lint.
        NameKind::Type => format!("{name}Type"),
        NameKind::Value | NameKind::Module => format!("{name}_"),
    }
}

/// The name without a raw-identifier prefix (`r#type` gives `type`), for
/// building other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A namespace in which every name handed out is unique.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty namespace.
    pub fn new() -> Self {
        Scope::default()
    }

    /// A namespace where the generator's own `names` are already taken.
    pub fn with_reserved(names: &[&str]) -> Self {
        let mut scope = Scope::new();
        for name in names {
            scope.taken.insert(unraw(name).to_owned());
        }
        scope
    }

    /// A unique Rust name for `raw`: [`rust_name`], then a numeric suffix
    /// (`Call2`, `id_2`) when the name is taken (names that differ only in
    /// case or punctuation on the wire meet here).
    pub fn claim(&mut self, raw: &str, kind: NameKind) -> String {
        let base = rust_name(raw, kind);
        if self.taken.insert(unraw(&base).to_owned()) {
            return base;
        }
        let stem = unraw(&base).trim_end_matches('_').to_owned();
        (2..)
            .map(|n| match kind {
                NameKind::Type => format!("{stem}{n}"),
                NameKind::Value | NameKind::Module => format!("{stem}_{n}"),
            })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_punctuation_and_digits() {
        assert_eq!(
            rust_name("serviceHostedMediaConfig", NameKind::Type),
            "ServiceHostedMediaConfig"
        );
        assert_eq!(rust_name("callbackUri", NameKind::Value), "callback_uri");
        assert_eq!(rust_name("@odata.type", NameKind::Value), "odata_type");
        assert_eq!(rust_name("1080p", NameKind::Type), "V1080p");
        assert_eq!(rust_name("1080p", NameKind::Value), "_1080p");
        assert_eq!(rust_name("---", NameKind::Type), "Unnamed");
        assert_eq!(rust_name("名称", NameKind::Value), "unnamed");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(rust_name("type", NameKind::Value), "r#type");
        assert_eq!(rust_name("self", NameKind::Value), "self_");
        assert_eq!(rust_name("mod", NameKind::Module), "mod_");
        assert_eq!(rust_name("self", NameKind::Type), "SelfType");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn collisions_get_numbers_and_reserved_names_win() {
        let mut scope = Scope::with_reserved(&["odata_type", "unknown_fields"]);
        assert_eq!(scope.claim("id", NameKind::Value), "id");
        assert_eq!(scope.claim("ID", NameKind::Value), "id_2");
        assert_eq!(scope.claim("odataType", NameKind::Value), "odata_type_2");
        assert_eq!(scope.claim("type", NameKind::Value), "r#type");
        assert_eq!(scope.claim("Type", NameKind::Value), "type_2");
        let mut types = Scope::new();
        assert_eq!(types.claim("call", NameKind::Type), "Call");
        assert_eq!(types.claim("Call", NameKind::Type), "Call2");
    }
}
