//! Path templates -> literal and parameter pieces, checked against the
//! operation's path parameters.
//!
//! `/communications/calls/{call-id}/mute` gives the literal
//! `/communications/calls/`, the parameter `call-id` and the literal
//! `/mute`. Every placeholder must name a declared path parameter, and every
//! declared path parameter must appear, so a generated request can neither
//! leave a `{...}` in its URL nor ignore an argument. Literal text must be
//! usable in a URL path as it is (RFC 3986 `pchar` and `/`). This module
//! does not encode arguments; the generated code does, at run time.

use super::model::{Parameter, ParameterLocation, PathPiece};

/// Splits `template` into pieces; every problem is returned as a message.
pub(super) fn parse(template: &str, parameters: &[Parameter]) -> Result<Vec<PathPiece>, String> {
    if !template.starts_with('/') {
        return Err(format!("path `{template}` does not start with `/`"));
    }
    let pieces = split(template)?;
    for piece in &pieces {
        match piece {
            PathPiece::Literal(text) => check_literal(template, text)?,
            PathPiece::Parameter(name) => check_declared(template, name, parameters)?,
        }
    }
    check_all_used(template, &pieces, parameters)?;
    Ok(pieces)
}

fn split(template: &str) -> Result<Vec<PathPiece>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("path `{template}` has an unopened `}}`"));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("path `{template}` has an unclosed `{{`"));
        };
        let name = &rest[open + 1..open + close];
        if name.is_empty() || name.contains('{') {
            return Err(format!(
                "path `{template}` has an empty or nested placeholder"
            ));
        }
        if open > 0 {
            pieces.push(PathPiece::Literal(rest[..open].to_owned()));
        }
        pieces.push(PathPiece::Parameter(name.to_owned()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(PathPiece::Literal(rest.to_owned()));
    }
    Ok(pieces)
}

/// RFC 3986 `pchar` (unreserved, sub-delims, `:`, `@`), `/`, and `%` as the
/// start of an escape.
fn check_literal(template: &str, text: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c);
    match text.chars().find(|c| !allowed(*c)) {
        Some(bad) => Err(format!(
            "path `{template}` has {bad:?}, which a URL path cannot carry unencoded"
        )),
        None => Ok(()),
    }
}

fn check_declared(template: &str, name: &str, parameters: &[Parameter]) -> Result<(), String> {
    let declared = parameters
        .iter()
        .any(|p| p.location == ParameterLocation::Path && p.wire_name == name);
    if declared {
        Ok(())
    } else {
        Err(format!(
            "path `{template}` has the placeholder `{{{name}}}`, which is not a path parameter"
        ))
    }
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
        let pieces = parse(
            "/communications/calls/{call-id}/participants/{participant-id}/mute",
            &parameters,
        )
        .unwrap();
        assert_eq!(
            pieces,
            [
                PathPiece::Literal("/communications/calls/".into()),
                PathPiece::Parameter("call-id".into()),
                PathPiece::Literal("/participants/".into()),
                PathPiece::Parameter("participant-id".into()),
                PathPiece::Literal("/mute".into()),
            ]
        );
        assert_eq!(
            parse("/communications/calls", &[]).unwrap(),
            [PathPiece::Literal("/communications/calls".into())]
        );
    }

    #[test]
    fn reports_every_kind_of_mismatch() {
        let call = [path_parameter("call-id")];
        let cases: [(&str, &[Parameter], &str); 7] = [
            ("calls", &[], "path `calls` does not start with `/`"),
            (
                "/calls/{call-id",
                &call,
                "path `/calls/{call-id` has an unclosed `{`",
            ),
            (
                "/calls/call-id}",
                &call,
                "path `/calls/call-id}` has an unopened `}`",
            ),
            (
                "/calls/{}",
                &[],
                "path `/calls/{}` has an empty or nested placeholder",
            ),
            (
                "/calls/{id}",
                &call,
                "path `/calls/{id}` has the placeholder `{id}`, which is not a path parameter",
            ),
            (
                "/calls",
                &call,
                "path parameter `call-id` does not appear in `/calls`",
            ),
            (
                "/calls/{call-id}/a b",
                &call,
                "path `/calls/{call-id}/a b` has ' ', which a URL path cannot carry unencoded",
            ),
        ];
        for (template, parameters, message) in cases {
            assert_eq!(
                parse(template, parameters).unwrap_err(),
                message,
                "{template}"
            );
        }
    }
}
