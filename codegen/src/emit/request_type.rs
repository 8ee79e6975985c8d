//! The request type of one operation: its struct (path and query
//! parameters, body), constructor and query setters, and its
//! `callgen_client::Operation` and `FromParts` impls (see
//! [`super::operations`] for what they mean).
//!
//! The code is built as syntax trees from the templates of
//! [`super::operation_templates`] (cloned and filled in, never parsed per
//! operation; only the body and output types are parsed).

use super::EmitError;
use super::operation_templates::{self, OperationTemplates};
use super::operations::{
    body_required, body_type, parameter_docs, query_parameters, required_parameters, type_docs,
};
use super::template::{Fill, doc_attrs};
use super::tokens::{code, doc_lines, ident, rust_type, setter_name, string_literal};
use crate::ir::{Ir, Operation, OperationResult, ParameterLocation, PathPiece};
use quote::quote;
use syn::{Expr, FieldValue, ImplItem, Type};

/// Every item of the request type of `op`.
pub fn emit(ir: &Ir, op: &Operation) -> Result<Vec<syn::Item>, EmitError> {
    let body = body_type(ir, op)
        .map(|tokens| super::template::pieces::parse::<Type>("operation body type", tokens))
        .transpose()?;
    let output =
        super::template::pieces::parse::<Type>("operation output type", output_type(ir, op))?;
    let path = path_pieces(op)?;
    operation_templates::with(|t| items(ir, op, t, body, output, path))
}

fn items(
    ir: &Ir,
    op: &Operation,
    t: &OperationTemplates,
    body: Option<Type>,
    output: Type,
    path: Vec<PathPart<'_>>,
) -> Vec<syn::Item> {
    let docs = |text: &str| doc_attrs(&t.doc, &doc_lines(text));
    let required = usize::from(!body_required(op));
    let mut methods = vec![constructor(op, t, body.as_ref())];
    methods.extend(query_setters(op, t));
    let mut fill = Fill::new()
        .set("__Name__", ident(&op.type_name))
        .set("__METHOD__", ident(&op.method))
        .set("__docs__", docs(&type_docs(ir, op)))
        .set("__fields__", fields(op, t, body.as_ref()))
        .set("__methods__", methods)
        .set("__Output__", output)
        .set("__path__", vec![path_statement(op, t, path)])
        .set("__parse__", vec![parse_statement(ir, op, t)])
        .set(
            "__args__",
            ident(if has_arguments(op) { "args" } else { "_args" }),
        )
        .set("__inits__", from_parts_inits(op, t));
    fill = match body {
        Some(_) => fill
            .set("__body__", vec![t.body_method[required].clone()])
            .set("__ignore_body__", Vec::<syn::Stmt>::new()),
        None => fill
            .set("__body__", Vec::<syn::ImplItem>::new())
            .set("__ignore_body__", vec![t.ignore_body.clone()]),
    };
    fill.items(&t.items)
}

/// Parameters that become fields (headers are not sent).
fn field_parameters(op: &Operation) -> impl Iterator<Item = &crate::ir::Parameter> {
    op.parameters
        .iter()
        .filter(|p| p.location != ParameterLocation::Header)
}

fn is_optional_query(p: &crate::ir::Parameter) -> bool {
    p.location == ParameterLocation::Query && !p.required
}

fn has_arguments(op: &Operation) -> bool {
    field_parameters(op).next().is_some()
}

fn fields(op: &Operation, t: &OperationTemplates, body: Option<&Type>) -> Vec<syn::Field> {
    let docs = |text: &str| doc_attrs(&t.doc, &doc_lines(text));
    let mut out: Vec<syn::Field> = field_parameters(op)
        .map(|p| {
            Fill::new()
                .set("__field__", ident(&p.rust_name))
                .set("__docs__", docs(&parameter_docs(p)))
                .apply(t.parameter_field[usize::from(is_optional_query(p))].clone())
        })
        .collect();
    if let Some(body) = body {
        out.push(
            Fill::new()
                .set("__Body__", body.clone())
                .set("__docs__", docs("The request body."))
                .apply(t.body_field[usize::from(!body_required(op))].clone()),
        );
    }
    out
}

fn constructor(op: &Operation, t: &OperationTemplates, body: Option<&Type>) -> ImplItem {
    let mut arguments = Vec::new();
    let mut inits = Vec::new();
    for p in required_parameters(op) {
        let field = ident(&p.rust_name);
        arguments.push(
            Fill::new()
                .set("__field__", field.clone())
                .apply(t.argument.clone()),
        );
        inits.push(Fill::new().set("__field__", field).apply(t.init[0].clone()));
    }
    for p in query_parameters(op).filter(|p| !p.required) {
        inits.push(
            Fill::new()
                .set("__field__", ident(&p.rust_name))
                .apply(t.init[1].clone()),
        );
    }
    if let Some(body) = body {
        arguments.push(
            Fill::new()
                .set("__Body__", body.clone())
                .apply(t.body_argument.clone()),
        );
        inits.push(t.body_init[usize::from(!body_required(op))].clone());
    }
    let doc = format!(
        "The {} request{}.",
        code(&op.operation_id),
        match (arguments.is_empty(), op.request_body.is_some()) {
            (true, _) => "",
            (false, true) => " with its arguments and body",
            (false, false) => " with its arguments",
        }
    );
    Fill::new()
        .set("__docs__", doc_attrs(&t.doc, &doc_lines(&doc)))
        .set("__arguments__", arguments)
        .set("__inits__", inits)
        .apply(t.constructor.clone())
}

fn query_setters(op: &Operation, t: &OperationTemplates) -> Vec<ImplItem> {
    query_parameters(op)
        .filter(|p| !p.required)
        .map(|p| {
            let doc = format!("Sets the query parameter {}.", code(&p.wire_name));
            Fill::new()
                .set("__field__", ident(&p.rust_name))
                .set("__method__", setter_name(&p.rust_name))
                .set("__docs__", doc_attrs(&t.doc, &doc_lines(&doc)))
                .apply(t.setter.clone())
        })
        .collect()
}

/// The output type of `op`.
fn output_type(ir: &Ir, op: &Operation) -> proc_macro2::TokenStream {
    match ir.success(op).result {
        OperationResult::Nothing => quote!(()),
        OperationResult::Value(ty) => rust_type(ir, &ty),
        OperationResult::Collection(item) => {
            let item = rust_type(ir, &item);
            quote!(::callgen_client::Collection<#item>)
        }
    }
}

/// The `parse_response` body: the response helper reading the output.
fn parse_statement(ir: &Ir, op: &Operation, t: &OperationTemplates) -> syn::Stmt {
    let index = match ir.success(op).result {
        OperationResult::Nothing => 0,
        OperationResult::Value(_) => 1,
        OperationResult::Collection(_) => 2,
    };
    t.parse[index].clone()
}

/// A piece of the path: literal text, or the field holding a parameter.
enum PathPart<'a> {
    Literal(&'a str),
    Parameter { wire: &'a str, field: &'a str },
}

fn path_pieces(op: &Operation) -> Result<Vec<PathPart<'_>>, EmitError> {
    op.path_pieces
        .iter()
        .map(|piece| match piece {
            PathPiece::Literal(text) => Ok(PathPart::Literal(text)),
            PathPiece::Parameter(wire) => op
                .parameters
                .iter()
                .find(|p| p.location == ParameterLocation::Path && &p.wire_name == wire)
                .map(|p| PathPart::Parameter {
                    wire,
                    field: &p.rust_name,
                })
                .ok_or_else(|| EmitError {
                    path: format!("<operation {}>", op.operation_id).into(),
                    message: format!("the path names `{wire}`, which is not a path parameter"),
                }),
        })
        .collect()
}

/// `Ok([literal, segment, literal, .., query].concat())`.
fn path_statement(op: &Operation, t: &OperationTemplates, path: Vec<PathPart<'_>>) -> syn::Stmt {
    let mut pieces: Vec<Expr> = path
        .into_iter()
        .map(|part| match part {
            PathPart::Literal(text) => string_literal(text),
            PathPart::Parameter { wire, field } => Fill::new()
                .set("__wire__", wire)
                .set("__field__", ident(field))
                .apply(t.segment.clone()),
        })
        .collect();
    let pairs: Vec<Expr> = query_parameters(op)
        .map(|p| {
            Fill::new()
                .set("__wire__", p.wire_name.as_str())
                .set("__field__", ident(&p.rust_name))
                .apply(t.query_pair[usize::from(!p.required)].clone())
        })
        .collect();
    if !pairs.is_empty() {
        pieces.push(Fill::new().set("__pairs__", pairs).apply(t.query.clone()));
    }
    Fill::new().set("__pieces__", pieces).apply(t.path.clone())
}

fn from_parts_inits(op: &Operation, t: &OperationTemplates) -> Vec<FieldValue> {
    let mut inits: Vec<FieldValue> = field_parameters(op)
        .map(|p| {
            Fill::new()
                .set("__field__", ident(&p.rust_name))
                .set("__wire__", p.wire_name.as_str())
                .apply(t.from_parts_init[usize::from(is_optional_query(p))].clone())
        })
        .collect();
    if op.request_body.is_some() {
        inits.push(
            Fill::new()
                .set("__operation_id__", op.operation_id.as_str())
                .apply(t.from_parts_body[usize::from(!body_required(op))].clone()),
        );
    }
    inits
}
