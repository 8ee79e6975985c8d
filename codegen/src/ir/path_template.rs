//! Path templates -> literal and parameter pieces, checked against the
//! operation's path parameters.
//!
//! `/communications/calls/{call-id}/mute` gives the literal
//! `/communications/calls/`, the parameter `call-id` and the literal
//! `/mute`. Every declared path parameter must appear in the template, so a
//! generated request never ignores an argument. A placeholder the schema
//! does not declare (`search(q='{search-text}')` in some docs pages) becomes
//! a path parameter of its own, so no `{...}` is ever sent. Literal text is
//! made URL-ready here: anything outside RFC 3986 `pchar` and `/` is
//! percent-encoded (a stray brace, a space), and a `%` that does not start
//! an escape too. This module does not encode arguments; the generated code
//! does, at run time.

use super::model::{Parameter, ParameterLocation, PathPiece};

/// The pieces of a template, and the placeholders it uses that the schema
/// does not declare as path parameters (in order of first use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Template {
    pub pieces: Vec<PathPiece>,
    pub undeclared: Vec<String>,
}

/// Splits `template` into pieces; a problem is returned as a message.
pub(super) fn parse(template: &str, parameters: &[Parameter]) -> Result<Template, String> {
    if !template.starts_with('/') {
        return Err(format!("path `{template}` does not start with `/`"));
    }
    let pieces = split(template);
    let mut undeclared: Vec<String> = Vec::new();
    for piece in &pieces {
        if let PathPiece::Parameter(name) = piece
            && !is_declared(name, parameters)
            && !undeclared.contains(name)
        {
            undeclared.push(name.clone());
        }
    }
    check_all_used(template, &pieces, parameters)?;
    Ok(Template { pieces, undeclared })
}

/// Placeholders (see [`crate::placeholders`]) become parameters; every
/// other character is literal.
fn split(template: &str) -> Vec<PathPiece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = crate::placeholders::placeholder_len(rest) {
            if !literal.is_empty() {
                pieces.push(PathPiece::Literal(url_ready(&literal)));
                literal.clear();
            }
            pieces.push(PathPiece::Parameter(rest[1..len - 1].to_owned()));
            rest = &rest[len..];
            continue;
        }
        literal.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !literal.is_empty() {
        pieces.push(PathPiece::Literal(url_ready(&literal)));
    }
    pieces
}

/// RFC 3986 `pchar` (unreserved, sub-delims, `:`, `@`) and `/` stay; a `%`
/// starting an escape stays; everything else is percent-encoded.
fn url_ready(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (index, &byte) in bytes.iter().enumerate() {
        let c = byte as char;
        let escape = byte == b'%'
            && bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit);
        if byte.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c) || escape {
            out.push(c);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn is_declared(name: &str, parameters: &[Parameter]) -> bool {
    parameters
        .iter()
        .any(|p| p.location == ParameterLocation::Path && p.wire_name == name)
}

fn check_all_used(
    template: &str,
    pieces: &[PathPiece],
    parameters: &[Parameter],
) -> Result<(), String> {
    let unused = parameters.iter().find(|p| {
        p.location == ParameterLocation::Path
            && !pieces.contains(&PathPiece::Parameter(p.wire_name.clone()))
    });
    match unused {
        Some(p) => Err(format!(
            "path parameter `{}` does not appear in `{template}`",
            p.wire_name
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Primitive, TypeRef};

    fn path_parameter(name: &str) -> Parameter {
        Parameter {
            wire_name: name.to_owned(),
            rust_name: String::new(),
            location: ParameterLocation::Path,
            required: true,
            ty: TypeRef::Primitive(Primitive::String { format: None }),
            docs: None,
        }
    }

    #[test]
    fn splits_literals_and_parameters() {
        let parameters = [path_parameter("call-id"), path_parameter("participant-id")];
        let template = parse(
            "/communications/calls/{call-id}/participants/{participant-id}/mute",
            &parameters,
        )
        .unwrap();
        assert_eq!(
            template.pieces,
            [
                PathPiece::Literal("/communications/calls/".into()),
                PathPiece::Parameter("call-id".into()),
                PathPiece::Literal("/participants/".into()),
                PathPiece::Parameter("participant-id".into()),
                PathPiece::Literal("/mute".into()),
            ]
        );
        assert!(template.undeclared.is_empty());
        assert_eq!(
            parse("/communications/calls", &[]).unwrap().pieces,
            [PathPiece::Literal("/communications/calls".into())]
        );
    }

    #[test]
    fn undeclared_placeholders_become_parameters() {
        let template = parse(
            "/drives/{drive-id}/search(q='{search-text}')/{drive-id}",
            &[path_parameter("drive-id")],
        )
        .unwrap();
        assert_eq!(template.undeclared, ["search-text"]);
        assert_eq!(
            template.pieces[2..],
            [
                PathPiece::Literal("/search(q='".into()),
                PathPiece::Parameter("search-text".into()),
                PathPiece::Literal("')/".into()),
                PathPiece::Parameter("drive-id".into()),
            ]
        );
    }

    #[test]
    fn literal_text_is_made_url_ready() {
        let cases = [
            ("/a b/<x>", "/a%20b/%3Cx%3E"),
            ("/calls/{", "/calls/%7B"),
            ("/calls/}x{}", "/calls/%7Dx%7B%7D"),
            ("/100%/%2F", "/100%25/%2F"),
            ("/é", "/%C3%A9"),
        ];
        for (template, literal) in cases {
            assert_eq!(
                parse(template, &[]).unwrap().pieces,
                [PathPiece::Literal(literal.into())],
                "{template}"
            );
        }
    }

    #[test]
    fn reports_what_cannot_be_generated() {
        let call = [path_parameter("call-id")];
        assert_eq!(
            parse("calls", &[]).unwrap_err(),
            "path `calls` does not start with `/`"
        );
        assert_eq!(
            parse("/calls", &call).unwrap_err(),
            "path parameter `call-id` does not appear in `/calls`"
        );
    }
}
