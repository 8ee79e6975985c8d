//! Pieces taken out of parsed templates; a template that does not parse
//! or lacks the piece is a generator bug, reported as an [`EmitError`]
//! naming the template.

use crate::emit::EmitError;
use proc_macro2::TokenStream;
use std::path::PathBuf;
use syn::{Arm, Attribute, Field, ImplItem, Item, Stmt, Variant};

/// The error for the template `what`.
pub fn bug(what: &str, message: impl std::fmt::Display) -> EmitError {
    EmitError {
        path: PathBuf::from(format!("<template: {what}>")),
        message: message.to_string(),
    }
}

/// Parses the template `what`.
pub fn parse<T: syn::parse::Parse>(what: &str, tokens: TokenStream) -> Result<T, EmitError> {
    syn::parse2(tokens).map_err(|e| bug(what, e))
}

/// The items of the template `what`.
pub fn items(what: &str, tokens: TokenStream) -> Result<Vec<Item>, EmitError> {
    Ok(parse::<syn::File>(what, tokens)?.items)
}

/// The first match arm of the match expression `tokens`.
pub fn arm(what: &str, tokens: TokenStream) -> Result<Arm, EmitError> {
    parse::<syn::ExprMatch>(what, tokens)?
        .arms
        .into_iter()
        .next()
        .ok_or_else(|| bug(what, "no match arm"))
}

/// The statements of the block `tokens`.
pub fn stmts(what: &str, tokens: TokenStream) -> Result<Vec<Stmt>, EmitError> {
    Ok(parse::<syn::Block>(what, tokens)?.stmts)
}

/// The only statement of the block `tokens`.
pub fn stmt(what: &str, tokens: TokenStream) -> Result<Stmt, EmitError> {
    stmts(what, tokens)?
        .into_iter()
        .next()
        .ok_or_else(|| bug(what, "no statement"))
}

/// The first named field of the struct `tokens`.
pub fn field(what: &str, tokens: TokenStream) -> Result<Field, EmitError> {
    match parse::<syn::ItemStruct>(what, tokens)?.fields {
        syn::Fields::Named(named) => named.named.into_iter().next(),
        _ => None,
    }
    .ok_or_else(|| bug(what, "no named field"))
}

/// The first item of the impl block `tokens`.
pub fn impl_item(what: &str, tokens: TokenStream) -> Result<ImplItem, EmitError> {
    parse::<syn::ItemImpl>(what, tokens)?
        .items
        .into_iter()
        .next()
        .ok_or_else(|| bug(what, "no impl item"))
}

/// The first variant of the enum `tokens`.
pub fn variant(what: &str, tokens: TokenStream) -> Result<Variant, EmitError> {
    parse::<syn::ItemEnum>(what, tokens)?
        .variants
        .into_iter()
        .next()
        .ok_or_else(|| bug(what, "no variant"))
}

/// A doc attribute, to build others from (see [`super::doc_attrs`]).
pub fn doc() -> Result<Attribute, EmitError> {
    parse::<syn::ItemStruct>(
        "doc",
        quote::quote!(
            #[doc = ""]
            struct S;
        ),
    )?
    .attrs
    .into_iter()
    .next()
    .ok_or_else(|| bug("doc", "no attribute"))
}
