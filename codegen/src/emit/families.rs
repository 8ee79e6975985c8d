//! A polymorphic family: an enum over the base type, every descendant, and
//! an `Unrecognized` member holding a value of a type the schema does not
//! know, read as the base type; dispatched on `@odata.type` by the
//! runtime's family visitor. The base type's properties are read through
//! accessors ([`super::family_accessors`]).
//!
//! The code is built as syntax trees from the templates of
//! [`super::family_templates`] (cloned and filled in, never parsed per
//! family or per member; only member types are parsed).

use super::EmitError;
use super::family_accessors;
use super::family_templates::{self, FamilyTemplates};
use super::returned_by::ReturnedBy;
use super::template::{Fill, doc_attrs, pieces};
use super::tokens::{code, doc_lines, ident, type_path};
use crate::ir::{FamilyDef, FamilyMember, Ir, TypeDef};
use quote::quote;

/// Every item of one family enum.
pub fn emit(
    ir: &Ir,
    returned: &ReturnedBy,
    def: &TypeDef,
    family: &FamilyDef,
) -> Result<Vec<syn::Item>, EmitError> {
    let types = family
        .members
        .iter()
        .map(|m| member_types(ir, m))
        .collect::<Result<Vec<_>, _>>()?;
    let base = pieces::parse::<syn::Type>("family base type", type_path(ir, family.base))?;
    let mut items = family_templates::with(|t| items(ir, returned, def, family, &types, base, t))?;
    items.extend(family_accessors::emit(ir, def, family)?);
    Ok(items)
}

/// A member's path type, and its variant's type (the path, boxed or not).
struct MemberTypes {
    path: syn::Type,
    variant: syn::Type,
}

fn member_types(ir: &Ir, member: &FamilyMember) -> Result<MemberTypes, EmitError> {
    let path = type_path(ir, member.ty);
    let variant = match member.boxed {
        true => quote!(::std::boxed::Box<#path>),
        false => path.clone(),
    };
    Ok(MemberTypes {
        path: pieces::parse("family member type", path)?,
        variant: pieces::parse("family member type", variant)?,
    })
}

fn items(
    ir: &Ir,
    returned: &ReturnedBy,
    def: &TypeDef,
    family: &FamilyDef,
    types: &[MemberTypes],
    base: syn::Type,
    t: &FamilyTemplates,
) -> Vec<syn::Item> {
    let name = ident(&def.rust_name);
    let unrecognized = ident(&family.unrecognized);
    let members = || family.members.iter().zip(types);
    let variants: Vec<syn::Variant> = members().map(|(m, ty)| variant(t, m, ty)).collect();
    let mut out = Fill::new()
        .set("__Name__", name.clone())
        .set("__Unrecognized__", unrecognized.clone())
        .set("__Base__", base.clone())
        .set(
            "__docs__",
            doc_attrs(&t.doc, &doc_lines(&family_docs(ir, returned, def, family))),
        )
        .set("__variants__", variants)
        .items(&t.head);
    for (m, ty) in members() {
        out.extend(
            Fill::new()
                .set("__Name__", name.clone())
                .set("__Member__", ident(&m.rust_name))
                .set("__Path__", ty.path.clone())
                .items(&t.from[usize::from(m.boxed)]),
        );
    }
    let from_base: Vec<syn::Stmt> = family
        .members
        .first()
        .map(|base| {
            Fill::new()
                .set("__Member__", ident(&base.rust_name))
                .apply(t.from_base[usize::from(base.boxed)].clone())
        })
        .into_iter()
        .collect();
    let member_arms = |template: &syn::Arm| {
        family
            .members
            .iter()
            .map(|m| member_arm(template, m))
            .collect::<Vec<_>>()
    };
    out.extend(
        Fill::new()
            .set("__Name__", name)
            .set("__Unrecognized__", unrecognized)
            .set("__Base__", base)
            .set("__base_type__", family.base_type_name.as_str())
            .set(
                "__unrecognized_note__",
                format!(
                    "{}::{} (read as the base type)",
                    def.rust_name, family.unrecognized
                ),
            )
            .set("__odata_type__", member_arms(&t.odata_type_arm))
            .set("__from_base__", from_base)
            .set(
                "__dispatch__",
                family
                    .members
                    .iter()
                    .map(|m| {
                        Fill::new()
                            .set("__Member__", ident(&m.rust_name))
                            .set("__type__", m.type_name.as_str())
                            .apply(t.dispatch_arm[usize::from(m.boxed)].clone())
                    })
                    .collect::<Vec<_>>(),
            )
            .set("__serialize__", member_arms(&t.serialize_arm))
            .set(
                "__inspect__",
                family
                    .members
                    .iter()
                    .map(|m| {
                        Fill::new()
                            .set("__Member__", ident(&m.rust_name))
                            .set("__note__", format!("{}::{}", def.rust_name, m.rust_name))
                            .apply(t.inspect_arm.clone())
                    })
                    .collect::<Vec<_>>(),
            )
            .items(&t.tail),
    );
    out
}

fn variant(t: &FamilyTemplates, member: &FamilyMember, types: &MemberTypes) -> syn::Variant {
    let doc = format!("`@odata.type` {}.", code(&format!("#{}", member.type_name)));
    Fill::new()
        .set("__Member__", ident(&member.rust_name))
        .set("__Type__", types.variant.clone())
        .set("__docs__", doc_attrs(&t.doc, &doc_lines(&doc)))
        .apply(t.variant.clone())
}

fn member_arm(template: &syn::Arm, member: &FamilyMember) -> syn::Arm {
    Fill::new()
        .set("__Member__", ident(&member.rust_name))
        .apply(template.clone())
}

fn family_docs(ir: &Ir, returned: &ReturnedBy, def: &TypeDef, family: &FamilyDef) -> String {
    let mut text = format!(
        "{} or any type derived from it, chosen by `@odata.type`.\n\nWithout `@odata.type` (or with the base's own) the value is the base type; a type this version of the schema does not know is read as the base type, its `@odata.type` and other properties kept, in [`{}::{}`]. Every member has the base type's properties: read them with the accessors (one per property) rather than a match, which a member added by a later schema would not cover.",
        code(&family.base_type_name),
        def.rust_name,
        family.unrecognized
    );
    if let Some(section) = returned.section(ir, def.id) {
        text.push_str(&format!("\n\n{section}"));
    }
    text
}
