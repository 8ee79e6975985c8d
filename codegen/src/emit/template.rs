//! Syntax-tree templates: code that repeats once per field (a struct field,
//! its builder method, its match arm, its serialize and inspect calls) is
//! parsed once per thread and then cloned and filled in, instead of being
//! quoted as tokens and parsed again for every field. Parsing is the
//! dominant cost of formatting with prettyplease, and these pieces are most
//! of the generated code.
//!
//! A template is ordinary Rust with placeholders spelled `__name__`: an
//! identifier, a string literal, a single-segment type, a
//! `#[doc = "__name__"]` attribute (replaced by any number of doc
//! attributes), a string literal `"__name__"` among a macro's tokens, or a
//! list entry replaced by a list: a struct field named `__name__`, an enum
//! variant `__name__`, an impl item `fn __name__() {}`, a match arm
//! `"__name__" => {}`, a statement `__name__;`, an array element
//! `__name__`, a function argument `__name__: ()`, a field of a struct
//! expression `__name__: ()`. Filling visits only the
//! template's own nodes, never the values put in. This module knows syn,
//! not what the templates say.

use proc_macro2::{Ident, Literal, Span, TokenTree};
use syn::visit_mut::{self, VisitMut};
use syn::{
    Arm, Attribute, Expr, Field, FieldValue, FnArg, ImplItem, Lit, LitStr, Member, Meta, Pat, Stmt,
    Type, Variant,
};

/// Values for the placeholders of one template instance.
#[derive(Default)]
pub struct Fill {
    idents: Vec<(&'static str, Ident)>,
    strings: Vec<(&'static str, String)>,
    types: Vec<(&'static str, Type)>,
    docs: Vec<(&'static str, Vec<Attribute>)>,
    fields: Vec<(&'static str, Vec<Field>)>,
    variants: Vec<(&'static str, Vec<Variant>)>,
    impl_items: Vec<(&'static str, Vec<ImplItem>)>,
    arms: Vec<(&'static str, Vec<Arm>)>,
    stmts: Vec<(&'static str, Vec<Stmt>)>,
    elements: Vec<(&'static str, Vec<Expr>)>,
    arguments: Vec<(&'static str, Vec<FnArg>)>,
    field_values: Vec<(&'static str, Vec<FieldValue>)>,
}

impl Fill {
    /// No placeholders filled yet.
    pub fn new() -> Self {
        Fill::default()
    }

    /// The identifier placeholder `name` becomes `value`.
    pub fn ident(mut self, name: &'static str, value: Ident) -> Self {
        self.idents.push((name, value));
        self
    }

    /// The string literal placeholder `name` becomes `value`.
    pub fn string(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.strings.push((name, value.into()));
        self
    }

    /// The type placeholder `name` becomes `value`.
    pub fn ty(mut self, name: &'static str, value: Type) -> Self {
        self.types.push((name, value));
        self
    }

    /// The doc attribute placeholder `name` becomes `value`.
    pub fn docs(mut self, name: &'static str, value: Vec<Attribute>) -> Self {
        self.docs.push((name, value));
        self
    }

    /// The field placeholder `name` becomes `value`.
    pub fn fields(mut self, name: &'static str, value: Vec<Field>) -> Self {
        self.fields.push((name, value));
        self
    }

    /// The enum variant placeholder `name` becomes `value`.
    pub fn variants(mut self, name: &'static str, value: Vec<Variant>) -> Self {
        self.variants.push((name, value));
        self
    }

    /// The impl item placeholder `name` becomes `value`.
    pub fn impl_items(mut self, name: &'static str, value: Vec<ImplItem>) -> Self {
        self.impl_items.push((name, value));
        self
    }

    /// The match arm placeholder `name` becomes `value`.
    pub fn arms(mut self, name: &'static str, value: Vec<Arm>) -> Self {
        self.arms.push((name, value));
        self
    }

    /// The statement placeholder `name` becomes `value`.
    pub fn stmts(mut self, name: &'static str, value: Vec<Stmt>) -> Self {
        self.stmts.push((name, value));
        self
    }

    /// The array element placeholder `name` becomes `value`.
    pub fn elements(mut self, name: &'static str, value: Vec<Expr>) -> Self {
        self.elements.push((name, value));
        self
    }

    /// The function argument placeholder `name` becomes `value`.
    pub fn arguments(mut self, name: &'static str, value: Vec<FnArg>) -> Self {
        self.arguments.push((name, value));
        self
    }

    /// The struct expression field placeholder `name` becomes `value`.
    pub fn field_values(mut self, name: &'static str, value: Vec<FieldValue>) -> Self {
        self.field_values.push((name, value));
        self
    }

    /// Fills the placeholders of a function argument.
    pub fn argument(mut self, mut argument: FnArg) -> FnArg {
        self.visit_fn_arg_mut(&mut argument);
        argument
    }

    /// Fills the placeholders of a struct expression field.
    pub fn field_value(mut self, mut field: FieldValue) -> FieldValue {
        self.visit_field_value_mut(&mut field);
        field
    }

    /// A copy of `file` with its placeholders filled.
    pub fn file(mut self, file: &syn::File) -> syn::File {
        let mut file = file.clone();
        self.visit_file_mut(&mut file);
        file
    }

    /// Fills the placeholders of an expression.
    pub fn expr(mut self, mut expr: Expr) -> Expr {
        self.visit_expr_mut(&mut expr);
        expr
    }

    /// Copies of `items` with their placeholders filled (each list
    /// placeholder is filled where it first occurs).
    pub fn items(mut self, items: &[syn::Item]) -> Vec<syn::Item> {
        items
            .iter()
            .map(|item| {
                let mut item = item.clone();
                self.visit_item_mut(&mut item);
                item
            })
            .collect()
    }

    /// Fills the placeholders of a field.
    pub fn field(mut self, mut field: Field) -> Field {
        self.visit_field_mut(&mut field);
        field
    }

    /// Fills the placeholders of an enum variant.
    pub fn variant(mut self, mut variant: Variant) -> Variant {
        self.visit_variant_mut(&mut variant);
        variant
    }

    /// Fills the placeholders of an impl item.
    pub fn impl_item(mut self, mut item: ImplItem) -> ImplItem {
        self.visit_impl_item_mut(&mut item);
        item
    }

    /// Fills the placeholders of a match arm.
    pub fn arm(mut self, mut arm: Arm) -> Arm {
        self.visit_arm_mut(&mut arm);
        arm
    }

    /// Fills the placeholders of a statement.
    pub fn stmt(mut self, mut stmt: Stmt) -> Stmt {
        self.visit_stmt_mut(&mut stmt);
        stmt
    }

    fn expand_docs(&mut self, attrs: &mut Vec<Attribute>) {
        if self.docs.is_empty() || !attrs.iter().any(|a| self.doc_placeholder(a).is_some()) {
            return;
        }
        let mut out = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            match self.doc_placeholder(&attr) {
                Some(index) => out.append(&mut self.docs[index].1),
                None => out.push(attr),
            }
        }
        *attrs = out;
    }

    /// `literal`, or the value of the string placeholder it names.
    fn macro_literal(&self, literal: Literal) -> Literal {
        let text = literal.to_string();
        let name = text.strip_prefix('"').and_then(|t| t.strip_suffix('"'));
        match name.and_then(|name| position(&self.strings, |n| n == name)) {
            Some(index) => {
                let mut filled = Literal::string(&self.strings[index].1);
                filled.set_span(literal.span());
                filled
            }
            None => literal,
        }
    }

    fn doc_placeholder(&self, attr: &Attribute) -> Option<usize> {
        let Meta::NameValue(meta) = &attr.meta else {
            return None;
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) = &meta.value
        else {
            return None;
        };
        if !meta.path.is_ident("doc") {
            return None;
        }
        let repr = repr(lit);
        position(&self.docs, |name| spells(&repr, name))
    }
}

/// `#[doc = "..."]` attributes for `lines`, built from `template` (any doc
/// attribute) without parsing.
pub fn doc_attrs(template: &Attribute, lines: &[String]) -> Vec<Attribute> {
    lines
        .iter()
        .map(|line| {
            let mut attr = template.clone();
            if let Meta::NameValue(meta) = &mut attr.meta {
                meta.value = Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: Lit::Str(LitStr::new(line, Span::call_site())),
                });
            }
            attr
        })
        .collect()
}

/// The literal as written (`"..."`): placeholders are recognised on it,
/// which is cheaper than unescaping every literal's value.
fn repr(lit: &LitStr) -> String {
    lit.token().to_string()
}

/// Whether the string literal written `repr` is the placeholder `name`
/// (placeholder names need no escapes).
fn spells(repr: &str, name: &str) -> bool {
    repr.strip_prefix('"').and_then(|r| r.strip_suffix('"')) == Some(name)
}

fn take<T>(lists: &mut [(&'static str, Vec<T>)], index: usize) -> Vec<T> {
    std::mem::take(&mut lists[index].1)
}

fn position<T>(lists: &[(&'static str, T)], matches: impl Fn(&str) -> bool) -> Option<usize> {
    lists.iter().position(|(name, _)| matches(name))
}

impl VisitMut for Fill {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some(index) = position(&self.idents, |name| *ident == name) {
            *ident = self.idents[index].1.clone();
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut LitStr) {
        if self.strings.is_empty() {
            return;
        }
        let repr = repr(lit);
        if let Some(index) = position(&self.strings, |name| spells(&repr, name)) {
            *lit = LitStr::new(&self.strings[index].1, lit.span());
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_mut::visit_macro_mut(self, mac);
        if self.strings.is_empty() {
            return;
        }
        let tokens = std::mem::take(&mut mac.tokens);
        mac.tokens = tokens
            .into_iter()
            .map(|token| match token {
                TokenTree::Literal(literal) => TokenTree::Literal(self.macro_literal(literal)),
                other => other,
            })
            .collect();
    }

    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(path) = ty
            && path.qself.is_none()
            && let Some(ident) = path.path.get_ident()
            && let Some(index) = position(&self.types, |name| *ident == name)
        {
            *ty = self.types[index].1.clone();
            return;
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        visit_mut::visit_item_struct_mut(self, item);
        self.expand_docs(&mut item.attrs);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        let variants = std::mem::take(&mut item.variants);
        visit_mut::visit_item_enum_mut(self, item);
        let mut out = syn::punctuated::Punctuated::new();
        for mut variant in variants {
            match position(&self.variants, |name| variant.ident == name) {
                Some(index) => out.extend(take(&mut self.variants, index)),
                None => {
                    self.visit_variant_mut(&mut variant);
                    out.push(variant);
                }
            }
        }
        item.variants = out;
        self.expand_docs(&mut item.attrs);
    }

    fn visit_variant_mut(&mut self, variant: &mut Variant) {
        visit_mut::visit_variant_mut(self, variant);
        self.expand_docs(&mut variant.attrs);
    }

    fn visit_field_mut(&mut self, field: &mut Field) {
        visit_mut::visit_field_mut(self, field);
        self.expand_docs(&mut field.attrs);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        visit_mut::visit_impl_item_fn_mut(self, item);
        self.expand_docs(&mut item.attrs);
    }

    fn visit_impl_item_const_mut(&mut self, item: &mut syn::ImplItemConst) {
        visit_mut::visit_impl_item_const_mut(self, item);
        self.expand_docs(&mut item.attrs);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        let trailing = fields.named.trailing_punct();
        let mut out = syn::punctuated::Punctuated::new();
        for mut field in std::mem::take(&mut fields.named) {
            let placeholder = field
                .ident
                .as_ref()
                .and_then(|ident| position(&self.fields, |name| *ident == name));
            match placeholder {
                Some(index) => out.extend(take(&mut self.fields, index)),
                None => {
                    self.visit_field_mut(&mut field);
                    out.push(field);
                }
            }
        }
        if trailing && !out.empty_or_trailing() {
            out.push_punct(Default::default());
        }
        fields.named = out;
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let members = std::mem::take(&mut item.items);
        visit_mut::visit_item_impl_mut(self, item);
        let mut out = Vec::with_capacity(members.len());
        for mut member in members {
            let placeholder = match &member {
                ImplItem::Fn(f) => position(&self.impl_items, |name| f.sig.ident == name),
                _ => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.impl_items, index)),
                None => {
                    self.visit_impl_item_mut(&mut member);
                    out.push(member);
                }
            }
        }
        item.items = out;
    }

    fn visit_expr_match_mut(&mut self, node: &mut syn::ExprMatch) {
        let arms = std::mem::take(&mut node.arms);
        visit_mut::visit_expr_match_mut(self, node);
        let mut out = Vec::with_capacity(arms.len());
        for mut arm in arms {
            let placeholder = match &arm.pat {
                Pat::Lit(syn::ExprLit {
                    lit: Lit::Str(lit), ..
                }) if !self.arms.is_empty() => {
                    let repr = repr(lit);
                    position(&self.arms, |name| spells(&repr, name))
                }
                _ => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.arms, index)),
                None => {
                    self.visit_arm_mut(&mut arm);
                    out.push(arm);
                }
            }
        }
        node.arms = out;
    }

    fn visit_expr_array_mut(&mut self, node: &mut syn::ExprArray) {
        let elements = std::mem::take(&mut node.elems);
        visit_mut::visit_expr_array_mut(self, node);
        let trailing = elements.trailing_punct();
        let mut out = syn::punctuated::Punctuated::new();
        for mut element in elements {
            let placeholder = match &element {
                Expr::Path(path) => path
                    .path
                    .get_ident()
                    .and_then(|ident| position(&self.elements, |name| *ident == name)),
                _ => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.elements, index)),
                None => {
                    self.visit_expr_mut(&mut element);
                    out.push(element);
                }
            }
        }
        if trailing && !out.empty_or_trailing() {
            out.push_punct(Default::default());
        }
        node.elems = out;
    }

    fn visit_signature_mut(&mut self, node: &mut syn::Signature) {
        let inputs = std::mem::take(&mut node.inputs);
        visit_mut::visit_signature_mut(self, node);
        let trailing = inputs.trailing_punct();
        let mut out = syn::punctuated::Punctuated::new();
        for mut input in inputs {
            let placeholder = match &input {
                FnArg::Typed(typed) => match &*typed.pat {
                    Pat::Ident(pat) => position(&self.arguments, |name| pat.ident == name),
                    _ => None,
                },
                FnArg::Receiver(_) => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.arguments, index)),
                None => {
                    self.visit_fn_arg_mut(&mut input);
                    out.push(input);
                }
            }
        }
        if trailing && !out.empty_or_trailing() {
            out.push_punct(Default::default());
        }
        node.inputs = out;
    }

    fn visit_expr_struct_mut(&mut self, node: &mut syn::ExprStruct) {
        let fields = std::mem::take(&mut node.fields);
        visit_mut::visit_expr_struct_mut(self, node);
        let trailing = fields.trailing_punct();
        let mut out = syn::punctuated::Punctuated::new();
        for mut field in fields {
            let placeholder = match &field.member {
                Member::Named(ident) => position(&self.field_values, |name| *ident == name),
                Member::Unnamed(_) => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.field_values, index)),
                None => {
                    self.visit_field_value_mut(&mut field);
                    out.push(field);
                }
            }
        }
        if trailing && !out.empty_or_trailing() {
            out.push_punct(Default::default());
        }
        node.fields = out;
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut out = Vec::with_capacity(block.stmts.len());
        for mut stmt in std::mem::take(&mut block.stmts) {
            let placeholder = match &stmt {
                Stmt::Expr(Expr::Path(path), Some(_)) => path
                    .path
                    .get_ident()
                    .and_then(|ident| position(&self.stmts, |name| *ident == name)),
                _ => None,
            };
            match placeholder {
                Some(index) => out.extend(take(&mut self.stmts, index)),
                None => {
                    self.visit_stmt_mut(&mut stmt);
                    out.push(stmt);
                }
            }
        }
        block.stmts = out;
    }
}

/// Pieces taken out of parsed templates; a template that does not parse
/// or lacks the piece is a generator bug, reported as an [`EmitError`]
/// naming the template.
pub mod pieces {
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
}

/// Runs `f` with this thread's value of `templates`, a thread-local
/// holding parsed templates (syn trees cannot cross threads).
pub fn with<T: 'static, R>(
    templates: &'static std::thread::LocalKey<Result<T, crate::emit::EmitError>>,
    f: impl FnOnce(&T) -> R,
) -> Result<R, crate::emit::EmitError> {
    templates.with(|templates| match templates {
        Ok(templates) => Ok(f(templates)),
        Err(error) => Err(error.clone()),
    })
}
