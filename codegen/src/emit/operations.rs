//! One request type per operation, implementing `callgen_client::Operation`.
//!
//! `call.mute` becomes `CallMute { call_id, body }` with a constructor
//! taking the path parameters and the typed body: its method, its path with
//! every argument encoded as one segment (`callgen_client::path::segment`),
//! its JSON body, and how its documented success is read (a value, a
//! collection page, or nothing for 202/204). The type lives in the
//! operation's module beside its inline bodies. The operations index lists
//! every operation as a `callgen_client::MethodEntry`, for code that picks
//! operations by id at run time.
//!
//! The request type's code is in [`super::request_type`]; this module
//! writes its docs, the README section and the operations index. It knows
//! the client crate's API; it does not know OpenAPI, and it decides no
//! names (the IR has).

use super::doc_text::doc_text;
use super::template::Fill;
use super::tokens::{code, group_link, ident, rust_type, string_literal};
use crate::ir::{Group, Ir, Operation, OperationResult, Parameter, ParameterLocation, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The generated README's section on calling the API, with examples
/// taken from `ir`; empty when the schema has no operations.
pub fn readme_section(ir: &Ir) -> String {
    let Some(example) = ir
        .operations
        .iter()
        .filter(|op| op.request_body.is_some() && path_parameters(op).next().is_some())
        .min_by_key(|op| required_parameters(op).count())
        .or(ir.operations.first())
    else {
        return String::new();
    };
    let mut arguments: Vec<String> = required_parameters(example)
        .map(|p| crate::ir::names::unraw(&p.rust_name).to_owned())
        .collect();
    if example.request_body.is_some() {
        arguments.push("body".to_owned());
    }
    let mut text = format!(
        "\n## Calling the API\n\n\
         - Every operation is a request type in `operations`, named after its operation id \
         (`{id}` is `{name}::new({args})`), implementing `callgen_client::Operation`. Send it \
         with `callgen_client::Client` (feature `client`, on by default: reqwest with rustls, \
         bearer tokens, retries, timeouts), or, without that feature, build an `http::Request` \
         with `callgen_client::build_request` and read the answer with \
         `Operation::parse_response`.\n\
         - Path arguments are percent-encoded as one segment each; an empty, `.` or `..` \
         argument is refused before anything is sent.\n\
         - Results are typed: the documented response body's type, `()` for answers without a \
         body (202, 204), a `callgen_client::Collection` page for list methods. Errors are \
         `callgen_client::Error`, with Graph's error body parsed.\n",
        id = example.operation_id,
        name = example.type_name,
        args = arguments.join(", "),
    );
    if let Some(payload) = notification_payload(ir) {
        text.push_str(&format!(
            "- Notifications posted to the callback URL decode as `{payload}` \
             (`callgen_client::callback::decode`); a union such as a notification's \
             `resourceData` is the type its `@odata.type` names, a list, or raw JSON, and \
             `resource_path()` reads a resource URL into the call, participant or operation \
             id. The service expects `202 Accepted` in return.\n"
        ));
    }
    text.push_str(
        "- `registry::METHODS` lists every operation by id, for code that picks operations at run time.\n",
    );
    text
}

/// The Rust name of the first callback body type, if any.
fn notification_payload(ir: &Ir) -> Option<&str> {
    ir.operations
        .iter()
        .flat_map(|op| op.callbacks.iter())
        .find_map(|c| match c.body.as_ref()?.ty.as_ref()? {
            TypeRef::Named(id) => Some(ir.get(*id).rust_name.as_str()),
            _ => None,
        })
}

/// The operations index entries of `METHODS`, from the registry's
/// entry templates (`[without, with]` a request body).
pub fn method_entries(ir: &Ir, templates: &[syn::Expr; 2]) -> Vec<syn::Expr> {
    ir.operations
        .iter()
        .map(|op| method_entry(ir, op, templates))
        .collect()
}

/// The module doc of an operation's module.
pub fn module_doc(op: &Operation) -> String {
    format!(
        " The {} operation ({}): its request type {} and the bodies it defines inline.",
        code(&op.operation_id),
        code(&format!("{} {}", op.method, op.path)),
        code(&op.type_name)
    )
}

fn path_parameters(op: &Operation) -> impl Iterator<Item = &Parameter> {
    op.parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Path)
}

pub(super) fn query_parameters(op: &Operation) -> impl Iterator<Item = &Parameter> {
    op.parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Query)
}

/// Required arguments of the constructor: path parameters, then required
/// query parameters.
pub(super) fn required_parameters(op: &Operation) -> impl Iterator<Item = &Parameter> {
    path_parameters(op).chain(query_parameters(op).filter(|p| p.required))
}

pub(super) fn body_type(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    let body = op.request_body.as_ref()?;
    Some(match &body.ty {
        Some(ty) => rust_type(ir, ty),
        None => quote!(::serde_json::Value),
    })
}

pub(super) fn body_required(op: &Operation) -> bool {
    op.request_body.as_ref().is_some_and(|b| b.required)
}

pub(super) fn parameter_docs(p: &Parameter) -> String {
    let mut text = p.docs.as_deref().map(doc_text).unwrap_or_default();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let place = match p.location {
        ParameterLocation::Path => "path parameter",
        ParameterLocation::Query => "query parameter",
        ParameterLocation::Header => "header",
    };
    text.push_str(&format!(
        "The {place} {}, sent percent-encoded.",
        code(&p.wire_name)
    ));
    text
}

fn method_entry(ir: &Ir, op: &Operation, templates: &[syn::Expr; 2]) -> syn::Expr {
    let parameters: Vec<syn::Expr> = path_parameters(op)
        .map(|p| string_literal(&p.wire_name))
        .collect();
    let output_type = match ir.success(op).result {
        OperationResult::Nothing => "()".to_owned(),
        OperationResult::Value(ty) => type_text(ir, &ty),
        OperationResult::Collection(item) => format!("Collection<{}>", type_text(ir, &item)),
    };
    let fill = Fill::new()
        .set("__Name__", ident(&op.type_name))
        .set("__operation_id__", op.operation_id.as_str())
        .set("__method__", op.method.as_str())
        .set("__path__", op.path.as_str())
        .set("__path_parameters__", parameters)
        .set("__rust_type__", format!("operations::{}", op.type_name))
        .set("__output_type__", output_type);
    match op.request_body.as_ref() {
        Some(body) => {
            let text = body
                .ty
                .as_ref()
                .map(|ty| type_text(ir, ty))
                .unwrap_or_else(|| "serde_json::Value".to_owned());
            fill.set("__body_type__", text).apply(templates[1].clone())
        }
        None => fill.apply(templates[0].clone()),
    }
}

/// A type as text relative to the crate root (`models::Call`,
/// `Vec<models::Participant>`).
fn type_text(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let def = ir.get(*id);
            format!("{}::{}", group_name(def.group), def.rust_name)
        }
        TypeRef::Array(item) => format!("Vec<{}>", type_text(ir, item)),
        TypeRef::Nullable(item) => format!("Option<{}>", type_text(ir, item)),
        TypeRef::Any => "serde_json::Value".to_owned(),
        TypeRef::Primitive(_) => rust_type(ir, ty)
            .to_string()
            .replace(' ', "")
            .trim_start_matches("::std::string::")
            .to_owned(),
    }
}

fn group_name(group: Group) -> &'static str {
    match group {
        Group::Models => "models",
        Group::Operations => "operations",
    }
}

/// A doc link to a type from a request type's doc in `operations`
/// (`[`Call`](crate::models::Call)`), or its text.
fn type_link(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let def = ir.get(*id);
            group_link(&def.rust_name, def.group, Group::Operations)
        }
        other => code(&type_text(ir, other)),
    }
}

pub(super) fn type_docs(ir: &Ir, op: &Operation) -> String {
    let mut parts = Vec::new();
    let title = op
        .summary
        .clone()
        .unwrap_or_else(|| op.operation_id.clone());
    parts.push(doc_text(&title));
    if let Some(description) = &op.docs {
        parts.push(doc_text(description));
    }
    parts.push(format!("`{} {}`", op.method, op.path));
    if !op.deprecated_paths.is_empty() {
        let forms: Vec<String> = op
            .deprecated_paths
            .iter()
            .map(|p| code(&format!("{} {p}", op.method)))
            .collect();
        parts.push(format!(
            "Also documented in the deprecated form {}; this type sends the current one.",
            forms.join(", ")
        ));
    }
    parts.push(result_docs(ir, op));
    if let Some(callback) = op.callbacks.iter().find(|c| c.body.is_some()) {
        let payload = callback
            .body
            .as_ref()
            .and_then(|b| b.ty.as_ref())
            .map(|ty| type_link(ir, ty))
            .unwrap_or_else(|| "notifications".to_owned());
        parts.push(format!(
            "The service then posts {payload} to the callback URL ({}).",
            code(&callback.expression)
        ));
    }
    for p in op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Header)
    {
        parts.push(format!(
            "The documented header {} is not sent by this type; add it with your HTTP library if needed.",
            code(&p.wire_name)
        ));
    }
    let mut facts = format!("Operation id {}", code(&op.operation_id));
    if let Some(page) = &op.page {
        facts.push_str(&format!(", documented in {}", code(page)));
    }
    facts.push('.');
    parts.push(facts);
    parts.join("\n\n")
}

fn result_docs(ir: &Ir, op: &Operation) -> String {
    let success = ir.success(op);
    let status = success
        .response
        .map(|r| match &r.docs {
            Some(phrase) => format!("`{} {}`", r.status, phrase),
            None => format!("`{}`", r.status),
        })
        .unwrap_or_else(|| "a success status".to_owned());
    match success.result {
        OperationResult::Nothing => {
            format!("Answered {status} without a body worth reading: the result is `()`.")
        }
        OperationResult::Value(ty) => format!("Answered {status} with {}.", type_link(ir, &ty)),
        OperationResult::Collection(item) => format!(
            "Answered {status} with a page of {} items (`callgen_client::Collection`, keeping `@odata.nextLink`).",
            type_link(ir, &item)
        ),
    }
}
