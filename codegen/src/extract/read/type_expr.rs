//! Type text as the docs write it -> [`TypeExpr`].
//!
//! Table cells say what a property or parameter is in loose prose:
//! `String`, `string`, `Int`, `String collection`, `String Collection`,
//! `[participantInfo](participantinfo.md) collection`,
//! `routingPolicy collection collection`,
//! `[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](s.md)`,
//! `Collection(microsoft.graph.x)`. This module turns that text into a small
//! expression tree. It knows the spellings of the OData primitive types and
//! the words `collection` and `or`; it does not know which named types exist
//! (resolution happens later against the loaded pages and enums).

use crate::docs::model::Link;

/// An OData primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Primitive {
    String,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

impl Primitive {
    /// Recognises a primitive type name in any of the docs' spellings.
    pub(crate) fn parse(word: &str) -> Option<Primitive> {
        let lower = word.trim().trim_start_matches("Edm.").to_ascii_lowercase();
        let primitive = match lower.as_str() {
            "string" | "str" | "uri" | "url" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" | "sbyte" => Primitive::Byte,
            "int16" | "short" => Primitive::Int16,
            "int32" | "int" | "integer" => Primitive::Int32,
            "int64" | "long" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" | "number" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" | "time" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            _ => return None,
        };
        Some(primitive)
    }

    /// The JSON Schema `type` and `format` of this primitive.
    pub(crate) fn json_type_and_format(self) -> (&'static str, Option<&'static str>) {
        match self {
            Primitive::String => ("string", None),
            Primitive::Boolean => ("boolean", None),
            Primitive::Byte => ("integer", Some("uint8")),
            Primitive::Int16 => ("integer", Some("int16")),
            Primitive::Int32 => ("integer", Some("int32")),
            Primitive::Int64 => ("integer", Some("int64")),
            Primitive::Single => ("number", Some("float")),
            Primitive::Double => ("number", Some("double")),
            Primitive::Decimal => ("number", Some("decimal")),
            Primitive::DateTimeOffset => ("string", Some("date-time")),
            Primitive::Date => ("string", Some("date")),
            Primitive::TimeOfDay => ("string", Some("time")),
            Primitive::Duration => ("string", Some("duration")),
            Primitive::Guid => ("string", Some("uuid")),
            Primitive::Binary | Primitive::Stream => ("string", Some("base64url")),
        }
    }

    /// The JSON Schema `type` alone.
    pub(crate) fn json_type(self) -> &'static str {
        self.json_type_and_format().0
    }
}

/// A type as written in the docs, before named types are resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum TypeExpr {
    /// An OData primitive.
    Primitive(Primitive),
    /// A named (complex, entity or enum) type.
    Named {
        /// The name as written (link text or bare word), e.g. `participantInfo`.
        name: String,
        /// The lowercased file stem of the link target, when the name was a link.
        page_stem: Option<String>,
    },
    /// `X collection`.
    Collection(Box<TypeExpr>),
    /// `a or b`: one of several types.
    Union(Vec<TypeExpr>),
}

impl TypeExpr {
    /// A named type without a link.
    #[cfg(test)]
    pub(crate) fn named(name: impl Into<String>) -> TypeExpr {
        TypeExpr::Named {
            name: name.into(),
            page_stem: None,
        }
    }

    /// Every named type mentioned, in order.
    pub(crate) fn names(&self) -> Vec<&TypeExpr> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a TypeExpr>) {
        match self {
            TypeExpr::Primitive(_) => {}
            TypeExpr::Named { .. } => out.push(self),
            TypeExpr::Collection(inner) => inner.collect_names(out),
            TypeExpr::Union(members) => members.iter().for_each(|m| m.collect_names(out)),
        }
    }
}

/// What went wrong reading a type text (the caller turns it into a
/// diagnostic with the cell's location).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TypeTextProblem {
    /// The cell is empty.
    Empty,
    /// `collection` written more than once (`routingPolicy collection collection`).
    RepeatedCollection,
    /// A part of the text is not a type name.
    NotAType(String),
}

/// The result of reading a type text: the expression (if any) and the
/// problems met on the way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedType {
    /// The type, when one could be read.
    pub(crate) expr: Option<TypeExpr>,
    /// Anything that was odd; the expression may still be usable.
    pub(crate) problems: Vec<TypeTextProblem>,
}

/// Reads the type text of a table cell (plain text plus the cell's links).
pub(crate) fn parse_type_text(text: &str, links: &[Link]) -> ParsedType {
    let mut problems = Vec::new();
    let text = text.trim();
    if text.is_empty() {
        return ParsedType {
            expr: None,
            problems: vec![TypeTextProblem::Empty],
        };
    }
    let mut members = Vec::new();
    for alternative in split_alternatives(text) {
        match parse_alternative(&alternative, links, &mut problems) {
            Some(expr) => members.push(expr),
            None => problems.push(TypeTextProblem::NotAType(alternative)),
        }
    }
    members.dedup();
    let expr = match members.len() {
        0 => None,
        1 => members.pop(),
        _ => Some(TypeExpr::Union(members)),
    };
    ParsedType { expr, problems }
}

/// Splits `a or b`, `a, b` and `a | b` into alternatives.
fn split_alternatives(text: &str) -> Vec<String> {
    let mut parts = vec![text.to_string()];
    for separator in [" or ", " OR ", " Or ", ",", "|", "/"] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads one alternative: `X`, `X collection`, `collection of X`,
/// `Collection(X)`, `nullable X`.
fn parse_alternative(
    text: &str,
    links: &[Link],
    problems: &mut Vec<TypeTextProblem>,
) -> Option<TypeExpr> {
    let (core, collections) = strip_collection_words(text);
    if collections > 1 {
        problems.push(TypeTextProblem::RepeatedCollection);
    }
    let core = strip_parenthesised_note(&core);
    let words: Vec<&str> = core
        .split_whitespace()
        .filter(|w| !is_noise_word(w))
        .collect();
    let [word] = words.as_slice() else {
        return None;
    };
    let base = base_type(word, links)?;
    Some(if collections > 0 {
        TypeExpr::Collection(Box::new(base))
    } else {
        base
    })
}

/// Removes `collection` words and `Collection(...)` wrappers, counting them.
fn strip_collection_words(text: &str) -> (String, usize) {
    let mut count = 0;
    let mut core = text.trim().to_string();
    while let Some(inner) = strip_collection_call(&core) {
        core = inner;
        count += 1;
    }
    let mut kept = Vec::new();
    for word in core.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if lower == "collection" || lower == "collections" || lower == "array" || lower == "of" {
            if lower != "of" {
                count += 1;
            }
            continue;
        }
        kept.push(word);
    }
    (kept.join(" "), count)
}

fn strip_collection_call(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let rest = lower.strip_prefix("collection(")?;
    let _ = rest.strip_suffix(')')?;
    Some(text["collection(".len()..text.len() - 1].trim().to_string())
}

/// `String (identifier)` -> `String`.
fn strip_parenthesised_note(text: &str) -> String {
    match text.find('(') {
        Some(start) if start > 0 => text[..start].trim().to_string(),
        _ => text.trim().to_string(),
    }
}

fn is_noise_word(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "nullable" | "optional" | "required" | "a" | "an" | "the" | "object" | "objects"
    )
}

/// One type word: a primitive, a linked named type, or a bare named type.
fn base_type(word: &str, links: &[Link]) -> Option<TypeExpr> {
    let word = word.trim_matches(|c: char| c == '*' || c == '`' || c == '.' || c == ':');
    let word = word.strip_prefix("microsoft.graph.").unwrap_or(word);
    if let Some(primitive) = Primitive::parse(word) {
        return Some(TypeExpr::Primitive(primitive));
    }
    if !is_type_name(word) || word.eq_ignore_ascii_case("none") {
        return None;
    }
    let link = links
        .iter()
        .find(|l| l.text.trim().eq_ignore_ascii_case(word));
    Some(TypeExpr::Named {
        name: word.to_string(),
        page_stem: link.and_then(Link::page_stem),
    })
}

/// Whether `word` can be a type name: an ASCII identifier.
pub(crate) fn is_type_name(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, target: &str) -> Link {
        Link {
            text: text.into(),
            target: target.into(),
        }
    }

    fn parse(text: &str) -> ParsedType {
        parse_type_text(text, &[])
    }

    #[test]
    fn primitive_spellings() {
        for (text, expected) in [
            ("String", Primitive::String),
            ("string", Primitive::String),
            ("Int", Primitive::Int32),
            ("Int32", Primitive::Int32),
            ("Int64", Primitive::Int64),
            ("boolean", Primitive::Boolean),
            ("DateTimeOffset", Primitive::DateTimeOffset),
            ("Duration", Primitive::Duration),
            ("Guid", Primitive::Guid),
            ("Edm.Double", Primitive::Double),
            ("String (identifier)", Primitive::String),
        ] {
            assert_eq!(
                parse(text).expr,
                Some(TypeExpr::Primitive(expected)),
                "{text}"
            );
        }
    }

    #[test]
    fn collections_in_every_spelling() {
        let strings = Some(TypeExpr::Collection(Box::new(TypeExpr::Primitive(
            Primitive::String,
        ))));
        assert_eq!(parse("String collection").expr, strings);
        assert_eq!(parse("String Collection").expr, strings);
        assert_eq!(parse("Collection(Edm.String)").expr, strings);
        assert_eq!(parse("collection of String").expr, strings);
    }

    #[test]
    fn repeated_collection_is_reported_once_and_kept_single() {
        let parsed = parse("routingPolicy collection collection");
        assert_eq!(
            parsed.expr,
            Some(TypeExpr::Collection(Box::new(TypeExpr::named(
                "routingPolicy"
            ))))
        );
        assert_eq!(parsed.problems, vec![TypeTextProblem::RepeatedCollection]);
    }

    #[test]
    fn linked_union_keeps_page_stems() {
        let links = [
            link("appHostedMediaConfig", "apphostedmediaconfig.md"),
            link(
                "serviceHostedMediaConfig",
                "../resources/servicehostedmediaconfig.md",
            ),
        ];
        let parsed = parse_type_text("appHostedMediaConfig or serviceHostedMediaConfig", &links);
        assert_eq!(
            parsed.expr,
            Some(TypeExpr::Union(vec![
                TypeExpr::Named {
                    name: "appHostedMediaConfig".into(),
                    page_stem: Some("apphostedmediaconfig".into()),
                },
                TypeExpr::Named {
                    name: "serviceHostedMediaConfig".into(),
                    page_stem: Some("servicehostedmediaconfig".into()),
                },
            ]))
        );
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn link_text_matches_case_insensitively() {
        let links = [link("MediaPrompt", "../resources/mediaprompt.md")];
        let parsed = parse_type_text("MediaPrompt collection", &links);
        assert_eq!(
            parsed.expr,
            Some(TypeExpr::Collection(Box::new(TypeExpr::Named {
                name: "MediaPrompt".into(),
                page_stem: Some("mediaprompt".into()),
            })))
        );
    }

    #[test]
    fn prose_is_not_a_type() {
        let parsed = parse("Not supported.");
        assert_eq!(parsed.expr, None);
        assert_eq!(
            parsed.problems,
            vec![TypeTextProblem::NotAType("Not supported.".into())]
        );
        assert_eq!(parse("").problems, vec![TypeTextProblem::Empty]);
    }
}
