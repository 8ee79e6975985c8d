//! Small token helpers shared by the emitters: identifiers, type paths,
//! doc attributes. Every path is fully qualified so that a schema type named
//! `Option`, `Box` or `Result` cannot shadow anything.

use crate::ir::{Group, Ir, Primitive, TypeId, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// An identifier from a sanitized name (`r#type` becomes a raw identifier).
/// Built directly rather than through `format_ident!`, which formats the
/// name into a new string first.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The path of a named type from anywhere in the crate.
pub fn type_path(ir: &Ir, id: TypeId) -> TokenStream {
    let def = ir.get(id);
    let name = ident(&def.rust_name);
    match def.group {
        Group::Models => quote!(crate::models::#name),
        Group::Operations => quote!(crate::operations::#name),
    }
}

/// The Rust type of a value of `ty`.
pub fn rust_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Primitive(primitive) => primitive_type(primitive),
        TypeRef::Named(id) => type_path(ir, *id),
        TypeRef::Array(item) => {
            let item = rust_type(ir, item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Nullable(item) => {
            let item = rust_type(ir, item);
            quote!(::std::option::Option<#item>)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}

fn primitive_type(primitive: &Primitive) -> TokenStream {
    match primitive {
        Primitive::String { .. } => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::U8 => quote!(u8),
        Primitive::I16 => quote!(i16),
        Primitive::I32 => quote!(i32),
        Primitive::I64 => quote!(i64),
        Primitive::Number { .. } => quote!(::serde_json::Number),
    }
}

/// `#[doc = "..."]` attributes for `text`, one per paragraph line, with the
/// `text` already in rustdoc markdown (see [`super::doc_text`]).
pub fn docs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// The values of the `#[doc = ...]` attributes for `text`: each line with a
/// leading space, trailing spaces removed.
pub fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| format!(" {line}").trim_end().to_owned())
        .collect()
}

/// A doc link to the generated type `name` of the group `target`, from a
/// doc in the group `from`: the bare name within a group (a group's types
/// share one module, so the name is in scope and a path would be redundant
/// for rustdoc), the path across groups.
pub fn group_link(name: &str, target: Group, from: Group) -> String {
    if target == from {
        return format!("[`{name}`]");
    }
    let module = match target {
        Group::Models => "models",
        Group::Operations => "operations",
    };
    format!("[`{name}`](crate::{module}::{name})")
}

/// [`group_link`] to a type of `models`.
pub fn model_link(name: &str, from: Group) -> String {
    group_link(name, Group::Models, from)
}

/// A code span naming `text` (backticks that cannot clash with its content).
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {} ``", text.replace('\n', " "))
    } else {
        format!("`{text}`")
    }
}

/// The builder method setting a field: `with_<field>` (`r#type` gives
/// `with_type`, `_1st` gives `with_1st`). Field names are unique and only a
/// leading digit makes one start with `_`, so these are unique too.
pub fn setter_name(field_name: &str) -> Ident {
    let bare = crate::ir::names::unraw(field_name).trim_start_matches('_');
    format_ident!("with_{}", bare)
}

/// The expression `"text"`.
pub fn string_literal(text: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, proc_macro2::Span::call_site())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_within_a_group_is_the_bare_name_and_across_groups_a_path() {
        assert_eq!(group_link("Call", Group::Models, Group::Models), "[`Call`]");
        assert_eq!(
            model_link("Call", Group::Operations),
            "[`Call`](crate::models::Call)"
        );
        assert_eq!(
            group_link("CallMute", Group::Operations, Group::Models),
            "[`CallMute`](crate::operations::CallMute)"
        );
    }
}
