//! Syntax-tree templates, the one way `emit` builds code that repeats per
//! field, variant or operation. A template is ordinary Rust, quoted and
//! parsed once per thread (see [`pieces`] and [`with`]); each use clones
//! it and fills its placeholders, spelled `__name__`, with
//! [`Fill::set`]. Parsing is what costs, so nothing is parsed per field.
//!
//! ```ignore
//! // template, parsed once:  fn __name__(&self) -> __Type__ { self.__name__.clone() }
//! let getter = Fill::new()
//!     .set("__name__", format_ident!("id"))      // an identifier
//!     .set("__Type__", parse_quote!(String))     // a single-segment type
//!     .set("__docs__", doc_attrs(&doc, &lines))  // `#[doc = "__docs__"]`
//!     .apply(template.clone());                  // any node kind: one method
//! // result:                 fn id(&self) -> String { self.id.clone() }
//! ```
//!
//! A value is an identifier, a string (for a literal `"__name__"`, also
//! inside macro tokens), a type, doc attributes, or a list of syn nodes of
//! one kind that replaces the one list entry named `__name__`: a field, an
//! enum variant, `fn __name__() {}`, an arm `"__name__" => {}`, a statement
//! `__name__;`, an array element, an argument `__name__: ()`, a struct
//! expression field `__name__: ()`. Filling visits only the template's own
//! nodes. Rule: templates for code repeated per field, variant or
//! operation; plain `quote!` for one-off items.

use proc_macro2::{Ident, Literal, Span, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Arm, Attribute, Expr, Field, FieldValue, FnArg, ImplItem, Lit, LitStr, Member, Meta, Pat, Stmt,
    Type, Variant,
};

/// The value of one placeholder.
pub enum Value {
    /// An identifier.
    Ident(Ident),
    /// The value of a string literal.
    String(String),
    /// A type.
    Type(Box<Type>),
    /// Doc attributes, replacing one `#[doc = "__name__"]`.
    Docs(Vec<Attribute>),
    /// A list of syn nodes of one kind, replacing one list entry.
    List(List),
}

/// A list of syn nodes of one kind.
pub enum List {
    /// Struct fields.
    Fields(Vec<Field>),
    /// Enum variants.
    Variants(Vec<Variant>),
    /// Impl items.
    ImplItems(Vec<ImplItem>),
    /// Match arms.
    Arms(Vec<Arm>),
    /// Statements.
    Stmts(Vec<Stmt>),
    /// Array elements.
    Elements(Vec<Expr>),
    /// Function arguments.
    Arguments(Vec<FnArg>),
    /// Fields of a struct expression.
    FieldValues(Vec<FieldValue>),
}

impl From<Ident> for Value {
    fn from(value: Ident) -> Self {
        Value::Ident(value)
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<&String> for Value {
    fn from(value: &String) -> Self {
        Value::String(value.clone())
    }
}

impl From<Type> for Value {
    fn from(value: Type) -> Self {
        Value::Type(Box::new(value))
    }
}

impl From<Vec<Attribute>> for Value {
    fn from(value: Vec<Attribute>) -> Self {
        Value::Docs(value)
    }
}

/// A syn node kind that a list placeholder can stand among, and that
/// [`Fill::apply`] fills.
pub(crate) trait Entry: Sized {
    /// The list of this kind held by `list`, if any.
    fn list(list: &mut List) -> Option<&mut Vec<Self>>;
    /// Whether this entry is the placeholder `name`.
    fn is(&self, name: &str) -> bool;
    /// Fills the placeholders inside this entry.
    fn visit(&mut self, fill: &mut Fill);
}

/// Declares a list kind: its [`List`] variant, how its placeholder entry is
/// recognised and how an entry is visited.
macro_rules! entry {
    ($node:ty, $variant:ident, |$entry:ident, $name:ident| $is:expr, $visit:ident) => {
        impl From<Vec<$node>> for Value {
            fn from(value: Vec<$node>) -> Self {
                Value::List(List::$variant(value))
            }
        }

        impl Entry for $node {
            fn list(list: &mut List) -> Option<&mut Vec<Self>> {
                match list {
                    List::$variant(entries) => Some(entries),
                    _ => None,
                }
            }

            fn is(&self, $name: &str) -> bool {
                let $entry = self;
                $is
            }

            fn visit(&mut self, fill: &mut Fill) {
                fill.$visit(self);
            }
        }
    };
}

entry!(
    Field,
    Fields,
    |field, name| field.ident.as_ref().is_some_and(|i| *i == name),
    visit_field_mut
);
entry!(
    Variant,
    Variants,
    |variant, name| variant.ident == name,
    visit_variant_mut
);
entry!(
    ImplItem,
    ImplItems,
    |item, name| matches!(item, ImplItem::Fn(f) if f.sig.ident == name),
    visit_impl_item_mut
);
entry!(
    Arm,
    Arms,
    |arm, name| matches!(&arm.pat, Pat::Lit(syn::ExprLit { lit: Lit::Str(lit), .. }) if spells(&repr(lit), name)),
    visit_arm_mut
);
entry!(
    Stmt,
    Stmts,
    |stmt, name| matches!(stmt, Stmt::Expr(Expr::Path(path), Some(_)) if path.path.is_ident(name)),
    visit_stmt_mut
);
entry!(
    Expr,
    Elements,
    |expr, name| matches!(expr, Expr::Path(path) if path.path.is_ident(name)),
    visit_expr_mut
);
entry!(
    FnArg,
    Arguments,
    |arg, name| matches!(arg, FnArg::Typed(typed) if matches!(&*typed.pat, Pat::Ident(pat) if pat.ident == name)),
    visit_fn_arg_mut
);
entry!(
    FieldValue,
    FieldValues,
    |field, name| matches!(&field.member, Member::Named(ident) if *ident == name),
    visit_field_value_mut
);

/// Values for the placeholders of one template instance.
#[derive(Default)]
pub struct Fill {
    values: Vec<(&'static str, Value)>,
}

impl Fill {
    /// No placeholders filled yet.
    pub fn new() -> Self {
        Fill::default()
    }

    /// The placeholder `name` becomes `value`.
    pub fn set(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.values.push((name, value.into()));
        self
    }

    /// Fills the placeholders of one node: a field, variant, impl item,
    /// arm, statement, expression, function argument or struct-expression
    /// field (the kinds a list placeholder can stand among, [`Entry`]).
    pub fn apply<N: Entry>(mut self, mut node: N) -> N {
        node.visit(&mut self);
        node
    }

    /// A copy of `file` with its placeholders filled.
    pub fn file(mut self, file: &syn::File) -> syn::File {
        let mut file = file.clone();
        self.visit_file_mut(&mut file);
        file
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

    /// The value of the first placeholder that `matches` among those
    /// `holds` accepts.
    fn find(
        &self,
        holds: impl Fn(&Value) -> bool,
        matches: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        self.values
            .iter()
            .position(|(name, value)| holds(value) && matches(name))
    }

    fn has(&self, holds: impl Fn(&Value) -> bool) -> bool {
        self.values.iter().any(|(_, value)| holds(value))
    }

    /// The entries of a list with each placeholder entry replaced by the
    /// list set for it, and every other entry filled.
    fn splice<E: Entry, L: Extend<E>>(
        &mut self,
        entries: impl IntoIterator<Item = E>,
        out: &mut L,
    ) {
        let any = self
            .values
            .iter_mut()
            .any(|(_, value)| list_of::<E>(value).is_some());
        for mut entry in entries {
            let index = match any {
                true => self
                    .values
                    .iter_mut()
                    .position(|(name, value)| list_of::<E>(value).is_some() && entry.is(name)),
                false => None,
            };
            match index.and_then(|index| list_of::<E>(&mut self.values[index].1)) {
                Some(list) => out.extend(std::mem::take(list)),
                None => {
                    entry.visit(self);
                    out.extend(Some(entry));
                }
            }
        }
    }

    /// [`Fill::splice`] for a punctuated list, keeping a trailing comma.
    fn splice_punctuated<E: Entry, P: Default>(
        &mut self,
        entries: Punctuated<E, P>,
    ) -> Punctuated<E, P> {
        let trailing = entries.trailing_punct();
        let mut out = Punctuated::new();
        self.splice(entries, &mut out);
        if trailing && !out.empty_or_trailing() {
            out.push_punct(P::default());
        }
        out
    }

    fn expand_docs(&mut self, attrs: &mut Vec<Attribute>) {
        if !self.has(is_docs) || !attrs.iter().any(|a| self.doc_placeholder(a).is_some()) {
            return;
        }
        let mut out = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            match self.doc_placeholder(&attr) {
                Some(index) => match &mut self.values[index].1 {
                    Value::Docs(docs) => out.append(docs),
                    _ => out.push(attr),
                },
                None => out.push(attr),
            }
        }
        *attrs = out;
    }

    /// The string set for the literal written `repr`, if it is a placeholder.
    fn string_for(&self, repr: &str) -> Option<&str> {
        let index = self.find(is_string, |name| spells(repr, name))?;
        match &self.values[index].1 {
            Value::String(value) => Some(value),
            _ => None,
        }
    }

    /// `literal`, or the value of the string placeholder it names.
    fn macro_literal(&self, literal: Literal) -> Literal {
        match self.string_for(&literal.to_string()) {
            Some(value) => {
                let mut filled = Literal::string(value);
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
        self.find(is_docs, |name| spells(&repr, name))
    }
}

fn list_of<E: Entry>(value: &mut Value) -> Option<&mut Vec<E>> {
    match value {
        Value::List(list) => E::list(list),
        _ => None,
    }
}

fn is_ident(value: &Value) -> bool {
    matches!(value, Value::Ident(_))
}

fn is_string(value: &Value) -> bool {
    matches!(value, Value::String(_))
}

fn is_type(value: &Value) -> bool {
    matches!(value, Value::Type(_))
}

fn is_docs(value: &Value) -> bool {
    matches!(value, Value::Docs(_))
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

impl VisitMut for Fill {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some(index) = self.find(is_ident, |name| *ident == name)
            && let Value::Ident(value) = &self.values[index].1
        {
            *ident = value.clone();
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut LitStr) {
        if !self.has(is_string) {
            return;
        }
        if let Some(value) = self.string_for(&repr(lit)) {
            *lit = LitStr::new(value, lit.span());
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_mut::visit_macro_mut(self, mac);
        if !self.has(is_string) {
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
            && let Some(index) = self.find(is_type, |name| *ident == name)
            && let Value::Type(value) = &self.values[index].1
        {
            *ty = (**value).clone();
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
        item.variants = self.splice_punctuated(variants);
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
        let named = std::mem::take(&mut fields.named);
        fields.named = self.splice_punctuated(named);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let members = std::mem::take(&mut item.items);
        visit_mut::visit_item_impl_mut(self, item);
        self.splice(members, &mut item.items);
    }

    fn visit_expr_match_mut(&mut self, node: &mut syn::ExprMatch) {
        let arms = std::mem::take(&mut node.arms);
        visit_mut::visit_expr_match_mut(self, node);
        self.splice(arms, &mut node.arms);
    }

    fn visit_expr_array_mut(&mut self, node: &mut syn::ExprArray) {
        let elements = std::mem::take(&mut node.elems);
        visit_mut::visit_expr_array_mut(self, node);
        node.elems = self.splice_punctuated(elements);
    }

    fn visit_signature_mut(&mut self, node: &mut syn::Signature) {
        let inputs = std::mem::take(&mut node.inputs);
        visit_mut::visit_signature_mut(self, node);
        node.inputs = self.splice_punctuated(inputs);
    }

    fn visit_expr_struct_mut(&mut self, node: &mut syn::ExprStruct) {
        let fields = std::mem::take(&mut node.fields);
        visit_mut::visit_expr_struct_mut(self, node);
        node.fields = self.splice_punctuated(fields);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let stmts = std::mem::take(&mut block.stmts);
        self.splice(stmts, &mut block.stmts);
    }
}

pub mod pieces;

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
