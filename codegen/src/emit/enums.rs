//! A string enumeration: members plus a catch-all that keeps any value the
//! schema does not list and writes it back unchanged.
//!
//! The code is built as syntax trees from the templates of
//! [`super::enum_templates`] (cloned and filled in, never parsed per enum
//! or per member).

use super::EmitError;
use super::doc_text::doc_text;
use super::enum_templates::{self, EnumTemplates};
use super::template::{Fill, doc_attrs};
use super::tokens::{code, doc_lines, ident};
use crate::ir::{EnumDef, EnumMember, TypeDef};

/// Every item of one enumeration.
pub fn emit(def: &TypeDef, en: &EnumDef) -> Result<Vec<syn::Item>, EmitError> {
    enum_templates::with(|templates| items(def, en, templates))
}

fn items(def: &TypeDef, en: &EnumDef, t: &EnumTemplates) -> Vec<syn::Item> {
    let from_known = if en.members.is_empty() {
        t.from_known_empty.clone()
    } else {
        let arms: Vec<syn::Arm> = en
            .members
            .iter()
            .map(|m| member_arm(&t.from_known_arm, m, None))
            .collect();
        vec![
            Fill::new()
                .set("__arms__", arms)
                .apply(t.from_known.clone()),
        ]
    };
    Fill::new()
        .set("__Name__", ident(&def.rust_name))
        .set("__CatchAll__", ident(&en.catch_all))
        .set(
            "__docs__",
            doc_attrs(&t.doc, &doc_lines(&enum_docs(def, en))),
        )
        .set(
            "__variants__",
            en.members.iter().map(|m| variant(t, m)).collect::<Vec<_>>(),
        )
        .set(
            "__as_str__",
            en.members
                .iter()
                .map(|m| member_arm(&t.as_str_arm, m, None))
                .collect::<Vec<_>>(),
        )
        .set(
            "__inspect__",
            en.members
                .iter()
                .map(|m| {
                    let note = format!("{}::{}", def.rust_name, m.rust_name);
                    member_arm(&t.inspect_arm, m, Some(note))
                })
                .collect::<Vec<_>>(),
        )
        .set("__from_known__", from_known)
        .set(
            "__expecting__",
            format!("a {} value (a string)", def.schema_name),
        )
        .set(
            "__unrecognized__",
            format!("{}::{}({{value:?}})", def.rust_name, en.catch_all),
        )
        .items(&t.items)
}

fn variant(t: &EnumTemplates, member: &EnumMember) -> syn::Variant {
    Fill::new()
        .set("__Member__", ident(&member.rust_name))
        .set(
            "__docs__",
            doc_attrs(&t.doc, &doc_lines(&code(&member.wire_name))),
        )
        .apply(t.variant.clone())
}

/// A match arm of `template` for `member` (its wire name, and `note` when
/// the arm writes one).
fn member_arm(template: &syn::Arm, member: &EnumMember, note: Option<String>) -> syn::Arm {
    let fill = Fill::new().set("__Member__", ident(&member.rust_name));
    let fill = match note {
        Some(note) => fill.set("__note__", note),
        None => fill.set("__wire__", member.wire_name.as_str()),
    };
    fill.apply(template.clone())
}

fn enum_docs(def: &TypeDef, en: &EnumDef) -> String {
    let mut text = match &def.docs {
        Some(description) => doc_text(description),
        None => format!("The {} enumeration.", code(&def.schema_name)),
    };
    if en.inline {
        text.push_str("\n\nListed in a property description of the docs rather than as an enumeration of its own.");
    }
    if let Some(page) = &def.page {
        text.push_str(&format!("\n\nDocumented in {}.", code(page)));
    }
    text
}
