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
//! attributes), or a list entry replaced by a list: a struct field named
//! `__name__`, an impl item `fn __name__() {}`, a match arm
//! `"__name__" => {}`, a statement `__name__;`. Filling visits only the
//! template's own nodes, never the values put in. This module knows syn,
//! not what the templates say.

use proc_macro2::{Ident, Span};
use syn::visit_mut::{self, VisitMut};
use syn::{Arm, Attribute, Expr, Field, ImplItem, Lit, LitStr, Meta, Pat, Stmt, Type};

/// Values for the placeholders of one template instance.
#[derive(Default)]
pub struct Fill {
    idents: Vec<(&'static str, Ident)>,
    strings: Vec<(&'static str, String)>,
    types: Vec<(&'static str, Type)>,
    docs: Vec<(&'static str, Vec<Attribute>)>,
    fields: Vec<(&'static str, Vec<Field>)>,
    impl_items: Vec<(&'static str, Vec<ImplItem>)>,
    arms: Vec<(&'static str, Vec<Arm>)>,
    stmts: Vec<(&'static str, Vec<Stmt>)>,
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
        let value = lit.value();
        self.docs.iter().position(|(name, _)| *name == value)
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
        let value = lit.value();
        if let Some(index) = position(&self.strings, |name| value == name) {
            *lit = LitStr::new(&self.strings[index].1, lit.span());
        }
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
        self.expand_docs(&mut item.attrs);
        visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.expand_docs(&mut item.attrs);
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut Field) {
        self.expand_docs(&mut field.attrs);
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        self.expand_docs(&mut item.attrs);
        visit_mut::visit_impl_item_fn_mut(self, item);
    }

    fn visit_impl_item_const_mut(&mut self, item: &mut syn::ImplItemConst) {
        self.expand_docs(&mut item.attrs);
        visit_mut::visit_impl_item_const_mut(self, item);
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
                    let value = lit.value();
                    position(&self.arms, |name| value == name)
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
