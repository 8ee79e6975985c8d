//! A family's accessors: one method per property of the base type, reading
//! that property from whichever member the value is.
//!
//! Every member of a family (the base, each descendant, and the
//! `Unrecognized` member, which holds a base-typed value) has the base's
//! properties, so `operation.status()` works on any operation without a
//! match. A member added by a later schema then breaks no user code: users
//! read the shared properties through these accessors and match only the
//! members whose own properties they need.

use super::EmitError;
use super::template::pieces;
use super::tokens::{code, docs, ident, rust_type};
use crate::ir::{FamilyDef, FieldDef, Ir, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// The `impl` block of the accessors of `family`, whose enum is `def`.
pub fn emit(ir: &Ir, def: &TypeDef, family: &FamilyDef) -> Result<Vec<syn::Item>, EmitError> {
    let TypeKind::Struct(base) = &ir.get(family.base).kind else {
        return Err(pieces::bug("family accessors", "the base is not a struct"));
    };
    let name = ident(&def.rust_name);
    let unrecognized = ident(&family.unrecognized);
    let members: Vec<_> = family.members.iter().map(|m| ident(&m.rust_name)).collect();
    let accessors = base
        .fields
        .iter()
        .map(|field| accessor(&members, &unrecognized, ir, field));
    pieces::items(
        "family accessors",
        quote! {
            impl #name {
                #(#accessors)*
            }
        },
    )
}

/// `pub fn status(&self) -> &Field<CommsOperationStatus>`, one arm per member.
fn accessor(
    members: &[syn::Ident],
    unrecognized: &syn::Ident,
    ir: &Ir,
    field: &FieldDef,
) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let inner = rust_type(ir, &field.ty);
    let ty = match field.boxed {
        true => quote!(::std::boxed::Box<#inner>),
        false => inner,
    };
    let doc = docs(&format!(
        "The {} property, whichever member this is (every member has the base type's properties).",
        code(&field.wire_name)
    ));
    quote! {
        #doc
        pub fn #field_name(&self) -> &::callgen_runtime::Field<#ty> {
            match self {
                #(Self::#members(value) => &value.#field_name,)*
                Self::#unrecognized(value) => &value.#field_name,
            }
        }
    }
}
