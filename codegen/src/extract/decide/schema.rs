//! Property decisions: table or JSON representation, enum or string, union
//! or common base.
//!
//! The rule when a property table and the JSON representation disagree:
//! - the JSON representation decides the *names* and their *order* (it
//!   keeps the real names; tables translate them or lag behind renames);
//! - the table decides the *type* (it names the type the prose means; the
//!   template often shows a base type or a stale one), unless the table's
//!   type cannot be resolved, then the template's hint is used;
//! - a property only one side documents is kept, and reported;
//! - every disagreement is reported as `table-json-mismatch` and keeps the
//!   table's text in [`crate::contract::DOCUMENTED_AS`].
//!
//! Enumerations: a property whose type is an enums.md enum references it; a
//! `String` with a "Possible values are ..." list (or an `a | b` template
//! placeholder) gets an inline enum `<owner><Property>`; a type word that
//! is no page and no enums.md section but lists possible values becomes an
//! enum of that name. A listed value that the page's own examples send in
//! another case is spelled as they send it ([`crate::extract::decide::spelling`]). A union
//! `a or b` becomes the nearest common base of its members when there is
//! one.

use std::path::Path;

use heck::ToUpperCamelCase;

use crate::diag::{Diagnostic, Diagnostics, Location};

use crate::extract::closure::is_stopped;
use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::{Resolved, Resolver};
use crate::extract::decide::spelling::prefer_observed_spelling;
use crate::extract::decide::used_enums::Enums;
use crate::extract::decide::used_enums::warn_mismatch;
use crate::extract::read::template::Hint;
use crate::extract::read::type_doc::{PropertyDoc, PropertyRow};
use crate::extract::read::type_expr::Primitive;
use crate::extract::render::api::Property;

/// What property resolution reads and writes.
pub(crate) struct Context<'a, 'd> {
    pub(crate) resolver: &'a Resolver,
    pub(crate) hierarchy: &'a Hierarchy,
    pub(crate) enums: &'a mut Enums<'d>,
    pub(crate) diags: &'a mut Diagnostics,
}

/// Decides one property of a type page (`owner` names inline enums).
/// `observed` holds the string values the page's own examples give it.
pub(crate) fn decide_property(
    owner: &str,
    file: &Path,
    doc: &PropertyDoc,
    has_template: bool,
    observed: &[(String, usize)],
    ctx: &mut Context<'_, '_>,
) -> Property {
    let line = doc.line();
    let table = doc.row.as_ref().and_then(|r| {
        r.ty.as_ref()
            .map(|t| ctx.resolver.resolve(t, file, r.line, ctx.diags))
    });
    let hint = doc
        .template
        .as_ref()
        .map(|(h, _)| (resolve_hint(h, ctx.resolver), h));
    report_one_sided(owner, file, doc, has_template, ctx.diags);
    let (mut ty, mut documented_as) =
        choose_type(owner, file, doc, table, hint.as_ref().map(|(r, _)| r), ctx);
    let documented_enum = matches!(ty.element(), Resolved::Enum(_));
    let values = listed_values(
        documented_enum,
        owner,
        &doc.name,
        doc.row.as_ref(),
        hint.as_ref().map(|(_, h)| *h),
        (file, line),
        ctx.diags,
    )
    .map(|values| {
        if documented_enum {
            return values;
        }
        let what = format!("{owner}.{}", doc.name);
        prefer_observed_spelling(&what, &values, observed, (file, line), ctx.diags)
    });
    ty = apply_enum(owner, &doc.name, ty, values.as_deref(), (file, line), ctx);
    if let Some((base, text)) = union_base(&ty, doc.row.as_ref(), ctx.hierarchy) {
        ty = base;
        documented_as = documented_as.or(Some(text));
    }
    report_unresolved(owner, &doc.name, &ty, (file, line), ctx.diags);
    if matches!(ty.element(), Resolved::Unresolved(_)) && documented_as.is_none() {
        documented_as = doc.row.as_ref().map(|r| r.type_text.clone());
    }
    let row = doc.row.as_ref();
    Property {
        name: doc.name.clone(),
        ty,
        description: row
            .map(|r| r.description.trim().to_string())
            .filter(|d| !d.is_empty()),
        read_only: row.is_some_and(|r| r.read_only),
        nullable: row.is_some_and(|r| r.nullable),
        documented_as,
    }
}

/// A template hint as a resolved type (`None` when it says nothing).
fn resolve_hint(hint: &Hint, resolver: &Resolver) -> Option<Resolved> {
    match hint {
        Hint::Named(name) => Some(resolver.lookup_name(name, None)),
        Hint::Collection(inner) => {
            resolve_hint(inner, resolver).map(|r| Resolved::Collection(Box::new(r)))
        }
        Hint::Primitive(p) => Some(Resolved::Primitive(*p)),
        Hint::Choices(_) => Some(Resolved::Primitive(Primitive::String)),
        Hint::Unknown => None,
    }
}

/// The type of a property as far as objects go, before any decision is
/// reported: the type [`decide_property`] gives it, except that string
/// types are not made enumerations (which never makes or changes an object
/// type). Walking the examples for subtypes before the pass needs this.
pub(crate) fn property_shape(
    doc: &PropertyDoc,
    resolver: &Resolver,
    hierarchy: &Hierarchy,
) -> Resolved {
    let table = doc
        .row
        .as_ref()
        .and_then(|r| r.ty.as_ref().map(|t| resolver.lookup(t)));
    let hint = doc
        .template
        .as_ref()
        .and_then(|(h, _)| resolve_hint(h, resolver));
    let ty = match (table, hint) {
        (Some(table), Some(hint)) if !prefers_table(&table, &hint) => hint,
        (Some(table), _) => table,
        (None, Some(hint)) => hint,
        (None, None) => Resolved::Unresolved(
            doc.row
                .as_ref()
                .map(|r| r.type_text.clone())
                .unwrap_or_default(),
        ),
    };
    match union_base(&ty, doc.row.as_ref(), hierarchy) {
        Some((base, _)) => base,
        None => ty,
    }
}

fn report_one_sided(
    owner: &str,
    file: &Path,
    doc: &PropertyDoc,
    has_template: bool,
    diags: &mut Diagnostics,
) {
    match (&doc.row, &doc.template) {
        (None, Some((_, line))) => diags.warn(
            file,
            *line,
            "property-only-in-json",
            format!(
                "{owner}.{}: only the JSON representation documents it; its type comes from there",
                doc.name
            ),
        ),
        (Some(row), None) if has_template && !row.relationship => diags.warn(
            file,
            row.line,
            "property-only-in-table",
            format!(
                "{owner}.{}: the JSON representation lacks it; it is kept",
                doc.name
            ),
        ),
        _ => {}
    }
}

/// The table's type unless it is unresolved and the template's is not.
fn choose_type(
    owner: &str,
    file: &Path,
    doc: &PropertyDoc,
    table: Option<Resolved>,
    hint: Option<&Option<Resolved>>,
    ctx: &mut Context<'_, '_>,
) -> (Resolved, Option<String>) {
    let hint = hint.cloned().flatten();
    let text = doc.row.as_ref().map(|r| r.type_text.clone());
    match (table, hint) {
        // An unknown type word over a string placeholder names an enum
        // (its values, if listed, make it one below).
        (Some(table), Some(hint)) if names_an_enum(&table, &hint) => (table, None),
        (Some(table), Some(hint)) => {
            let table_kept = prefers_table(&table, &hint);
            if table_kept && compatible(&table, &hint, ctx.hierarchy) {
                return (table, None);
            }
            let decision = if table_kept {
                "the table's type is used"
            } else {
                "the table's type is unknown; the JSON representation's is used"
            };
            report_mismatch(owner, file, doc, &table, &hint, decision, ctx.diags);
            (if table_kept { table } else { hint }, text)
        }
        (Some(table), None) => (table, None),
        (None, Some(hint)) => (hint, None),
        (None, None) => (Resolved::Unresolved(text.unwrap_or_default()), None),
    }
}

fn report_mismatch(
    owner: &str,
    file: &Path,
    doc: &PropertyDoc,
    table: &Resolved,
    hint: &Resolved,
    decision: &str,
    diags: &mut Diagnostics,
) {
    let line = doc.line();
    let template_line = doc.template.as_ref().map_or(0, |(_, l)| *l);
    diags.push(
        Diagnostic::warning(
            Location::line(file, line),
            "table-json-mismatch",
            format!(
                "{owner}.{}: the table says {} but the JSON representation (line {template_line}) says {}; {decision}",
                doc.name,
                describe(table),
                describe(hint)
            ),
        ),
    );
}

/// A short human description of a resolved type.
pub(crate) fn describe(ty: &Resolved) -> String {
    match ty {
        Resolved::Primitive(p) => format!("{p:?}"),
        Resolved::Object(n) | Resolved::Enum(n) => n.clone(),
        Resolved::Collection(inner) => format!("{} collection", describe(inner)),
        Resolved::Union(members) => members
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join(" or "),
        Resolved::Unresolved(n) => format!("`{n}` (unknown)"),
    }
}

/// An unknown type word where the template shows a string (or strings).
fn names_an_enum(table: &Resolved, hint: &Resolved) -> bool {
    let same_shape =
        matches!(table, Resolved::Collection(_)) == matches!(hint, Resolved::Collection(_));
    same_shape
        && matches!(table.element(), Resolved::Unresolved(_))
        && matches!(hint.element(), Resolved::Primitive(Primitive::String))
}

/// Whether the table's type is taken over the template's: an unknown
/// type word over a string placeholder (an enum), or the table's type is
/// known or the template's is not.
fn prefers_table(table: &Resolved, hint: &Resolved) -> bool {
    names_an_enum(table, hint) || !has_unresolved(table) || has_unresolved(hint)
}

fn has_unresolved(ty: &Resolved) -> bool {
    match ty {
        Resolved::Unresolved(_) => true,
        Resolved::Collection(inner) => has_unresolved(inner),
        Resolved::Union(members) => members.iter().any(has_unresolved),
        _ => false,
    }
}

/// Whether a table type and a template type can both be right.
fn compatible(table: &Resolved, hint: &Resolved, hierarchy: &Hierarchy) -> bool {
    match (table, hint) {
        (Resolved::Collection(a), Resolved::Collection(b)) => compatible(a, b, hierarchy),
        (Resolved::Collection(_), _) | (_, Resolved::Collection(_)) => false,
        (Resolved::Object(a), Resolved::Object(b)) => {
            a == b || hierarchy.is_a(a, b) || hierarchy.is_a(b, a)
        }
        (Resolved::Union(members), other) => {
            members.iter().all(|m| compatible(m, other, hierarchy))
        }
        (Resolved::Enum(_), Resolved::Primitive(p)) => p.json_type() == "string",
        (Resolved::Enum(a), Resolved::Enum(b)) => a == b,
        (Resolved::Primitive(a), Resolved::Primitive(b)) => same_json_kind(*a, *b),
        (Resolved::Primitive(p), Resolved::Enum(_)) => p.json_type() == "string",
        (Resolved::Unresolved(_), _) | (_, Resolved::Unresolved(_)) => true,
        _ => false,
    }
}

fn same_json_kind(a: Primitive, b: Primitive) -> bool {
    let numeric = |p: Primitive| matches!(p.json_type(), "integer" | "number");
    a.json_type() == b.json_type() || (numeric(a) && numeric(b))
}

/// The possible values: the description's list, else the template's
/// `a | b` placeholder. When both list the same values, the template's
/// order is kept (it is code, never translated; zh-CN prose reorders);
/// when they differ, the description wins and the difference is reported.
fn listed_values(
    documented_enum: bool,
    owner: &str,
    property: &str,
    row: Option<&PropertyRow>,
    hint: Option<&Hint>,
    at: (&Path, usize),
    diags: &mut Diagnostics,
) -> Option<Vec<String>> {
    let described = row.and_then(|r| r.values.clone());
    let placeholder = match hint.map(Hint::element) {
        Some(Hint::Choices(values)) => Some(values.clone()),
        _ => None,
    };
    match (described, placeholder) {
        (Some(described), Some(placeholder)) => {
            let same_set = described.len() == placeholder.len()
                && described.iter().all(|v| placeholder.contains(v));
            if same_set {
                return Some(placeholder);
            }
            if documented_enum {
                // enums.md decides; the description is compared with it.
                return Some(described);
            }
            let what = format!("{owner}.{property}");
            warn_mismatch(
                diags,
                at.0,
                at.1,
                &what,
                &described,
                "the JSON representation",
                &placeholder,
            );
            Some(described)
        }
        (described, placeholder) => described.or(placeholder),
    }
}

/// Turns string types with listed values into enums (see the module doc).
fn apply_enum(
    owner: &str,
    property: &str,
    ty: Resolved,
    values: Option<&[String]>,
    at: (&Path, usize),
    ctx: &mut Context<'_, '_>,
) -> Resolved {
    match ty {
        Resolved::Collection(inner) => Resolved::Collection(Box::new(apply_enum(
            owner, property, *inner, values, at, ctx,
        ))),
        Resolved::Primitive(Primitive::String) => match values {
            Some(values) => {
                let name = inline_enum_name(owner, property);
                Resolved::Enum(ctx.enums.add_listed(&name, values, true, at, ctx.diags))
            }
            None => Resolved::Primitive(Primitive::String),
        },
        Resolved::Enum(name) => {
            let canonical = ctx.enums.use_documented(&name).unwrap_or(name);
            if let (Some(values), Some(documented)) = (values, ctx.enums.used.get(&canonical)) {
                if documented.values != values {
                    let documented = documented.values.clone();
                    let what = format!("{owner}.{property} ({canonical})");
                    warn_mismatch(
                        ctx.diags,
                        at.0,
                        at.1,
                        &what,
                        &documented,
                        "the description",
                        values,
                    );
                }
            }
            Resolved::Enum(canonical)
        }
        Resolved::Unresolved(name) if !name.is_empty() && !is_stopped(&name) => match values {
            Some(values) => {
                Resolved::Enum(ctx.enums.add_listed(&name, values, false, at, ctx.diags))
            }
            None => Resolved::Unresolved(name),
        },
        other => other,
    }
}

/// `<owner><Property>`: `participantInfo` + `endpointType` ->
/// `participantInfoEndpointType`.
pub(crate) fn inline_enum_name(owner: &str, property: &str) -> String {
    format!("{owner}{}", property.to_upper_camel_case())
}

/// A union of object types whose members share a base -> that base.
fn union_base(
    ty: &Resolved,
    row: Option<&PropertyRow>,
    hierarchy: &Hierarchy,
) -> Option<(Resolved, String)> {
    let text = row.map(|r| r.type_text.clone()).unwrap_or_default();
    match ty {
        Resolved::Collection(inner) => {
            let (base, text) = union_base(inner, row, hierarchy)?;
            Some((Resolved::Collection(Box::new(base)), text))
        }
        Resolved::Union(members) => {
            let names: Option<Vec<String>> = members
                .iter()
                .map(|m| match m {
                    Resolved::Object(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            let base = hierarchy.common_base(&names?)?;
            Some((Resolved::Object(base), text))
        }
        _ => None,
    }
}

fn report_unresolved(
    owner: &str,
    property: &str,
    ty: &Resolved,
    at: (&Path, usize),
    diags: &mut Diagnostics,
) {
    match ty.element() {
        Resolved::Unresolved(name) if is_stopped(name) => diags.warn(
            at.0,
            at.1,
            "stopped-type",
            format!("{owner}.{property}: `{name}` is outside the calls domain (not followed); it is an untyped object"),
        ),
        Resolved::Unresolved(name) => diags.warn(
            at.0,
            at.1,
            "unresolved-type",
            format!("{owner}.{property}: no page documents type `{name}`; it is left untyped"),
        ),
        Resolved::Union(_) => diags.warn(
            at.0,
            at.1,
            "union-without-base",
            format!("{owner}.{property}: the types of `{}` share no base; it is one of them (anyOf)", describe(ty)),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::extract::decide::inheritance::Strength;
    use crate::extract::read::type_expr::TypeExpr;

    #[test]
    fn inline_enum_names() {
        assert_eq!(
            inline_enum_name("participantInfo", "endpointType"),
            "participantInfoEndpointType"
        );
        assert_eq!(inline_enum_name("call", "state"), "callState");
    }

    fn named(name: &str) -> TypeExpr {
        TypeExpr::Named {
            name: name.into(),
            page_stem: None,
        }
    }

    fn property(ty: Option<TypeExpr>, values: Option<&[&str]>, hint: Option<Hint>) -> PropertyDoc {
        PropertyDoc {
            name: "p".into(),
            row: Some(PropertyRow {
                written_name: "p".into(),
                ty,
                type_text: "text".into(),
                description: String::new(),
                values: values.map(|v| v.iter().map(|s| s.to_string()).collect()),
                read_only: false,
                nullable: false,
                relationship: false,
                line: 3,
            }),
            template: hint.map(|h| (h, 9)),
        }
    }

    /// The shape walked before the pass is the decided type wherever an
    /// object type is concerned; a listed string stays a string.
    #[test]
    fn shapes_agree_with_decisions_on_object_types() {
        let mut resolver = Resolver::default();
        for name in [
            "mediaConfig",
            "appHostedMediaConfig",
            "serviceHostedMediaConfig",
        ] {
            resolver.add_type(name, &name.to_ascii_lowercase());
        }
        let mut hierarchy = Hierarchy::default();
        let mut diags = Diagnostics::new();
        for derived in ["appHostedMediaConfig", "serviceHostedMediaConfig"] {
            let at = (Path::new("x.md"), 1);
            hierarchy.declare(derived, "mediaConfig", Strength::Metadata, at, &mut diags);
        }
        let union = TypeExpr::Union(vec![
            named("appHostedMediaConfig"),
            named("serviceHostedMediaConfig"),
        ]);
        let cases = [
            property(Some(named("mediaConfig")), None, None),
            property(
                Some(named("unknownThing")),
                None,
                Some(Hint::Named("mediaConfig".into())),
            ),
            property(
                Some(TypeExpr::Collection(Box::new(union.clone()))),
                None,
                None,
            ),
            property(Some(union), None, None),
            property(None, None, Some(Hint::Named("appHostedMediaConfig".into()))),
            property(Some(named("nothing")), None, None),
            property(
                Some(TypeExpr::Primitive(Primitive::String)),
                Some(&["a", "b"]),
                None,
            ),
        ];
        let documented = BTreeMap::new();
        let mut enums = Enums::new(&documented);
        let mut ctx = Context {
            resolver: &resolver,
            hierarchy: &hierarchy,
            enums: &mut enums,
            diags: &mut diags,
        };
        let shapes: Vec<Resolved> = cases
            .iter()
            .map(|doc| property_shape(doc, &resolver, &hierarchy))
            .collect();
        let decided: Vec<Resolved> = cases
            .iter()
            .map(|doc| decide_property("owner", Path::new("x.md"), doc, true, &[], &mut ctx).ty)
            .collect();
        let media = Resolved::Object("mediaConfig".into());
        assert_eq!(shapes[..6], decided[..6]);
        assert_eq!(shapes[1], media);
        assert_eq!(shapes[2], Resolved::Collection(Box::new(media.clone())));
        assert_eq!(shapes[3], media);
        assert_eq!(shapes[6], Resolved::Primitive(Primitive::String));
        assert_eq!(decided[6], Resolved::Enum("ownerP".into()));
    }
}
