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
//! This module knows the client crate's API; it does not know OpenAPI, and
//! it decides no names (the IR has).

use super::doc_text::doc_text;
use super::tokens::{code, docs, ident, rust_type};
use crate::ir::{
    Group, Ir, Operation, OperationResult, Parameter, ParameterLocation, PathPiece, TypeRef,
};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of the request type of `op`.
pub fn emit(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let doc = docs(&type_docs(ir, op));
    let fields = fields(ir, op);
    let constructor = constructor(ir, op);
    let setters = query_setters(op);
    let operation = operation_impl(ir, op);
    let from_parts = from_parts_impl(op);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#setters)*
        }

        #operation
        #from_parts
    }
}

/// The operations index entries: `METHODS` and `find_method`.
pub fn index(ir: &Ir) -> TokenStream {
    let entries = ir.operations.iter().map(|op| method_entry(ir, op));
    quote! {
        /// Every operation of the schema, sorted by operation id, for code that picks operations at run time (`callgen_client::dynamic`).
        pub static METHODS: &[::callgen_client::MethodEntry] = &[#(#entries),*];

        /// The operation with schema operation id `operation_id` (`call.mute`).
        pub fn find_method(operation_id: &str) -> ::std::option::Option<&'static ::callgen_client::MethodEntry> {
            ::callgen_client::dynamic::find(METHODS, operation_id)
        }
    }
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

fn query_parameters(op: &Operation) -> impl Iterator<Item = &Parameter> {
    op.parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Query)
}

/// Required arguments of the constructor: path parameters, then required
/// query parameters.
fn required_parameters(op: &Operation) -> impl Iterator<Item = &Parameter> {
    path_parameters(op).chain(query_parameters(op).filter(|p| p.required))
}

fn body_type(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    let body = op.request_body.as_ref()?;
    Some(match &body.ty {
        Some(ty) => rust_type(ir, ty),
        None => quote!(::serde_json::Value),
    })
}

fn body_required(op: &Operation) -> bool {
    op.request_body.as_ref().is_some_and(|b| b.required)
}

fn fields(ir: &Ir, op: &Operation) -> Vec<TokenStream> {
    let mut out: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.location != ParameterLocation::Header)
        .map(|p| {
            let field = ident(&p.rust_name);
            let doc = docs(&parameter_docs(p));
            if p.location == ParameterLocation::Query && !p.required {
                quote!(#doc pub #field: ::std::option::Option<::std::string::String>,)
            } else {
                quote!(#doc pub #field: ::std::string::String,)
            }
        })
        .collect();
    if let Some(ty) = body_type(ir, op) {
        let doc = docs("The request body.");
        out.push(if body_required(op) {
            quote!(#doc pub body: #ty,)
        } else {
            quote!(#doc pub body: ::std::option::Option<#ty>,)
        });
    }
    out
}

fn parameter_docs(p: &Parameter) -> String {
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

fn constructor(ir: &Ir, op: &Operation) -> TokenStream {
    let mut arguments = Vec::new();
    let mut inits = Vec::new();
    for p in required_parameters(op) {
        let field = ident(&p.rust_name);
        arguments.push(quote!(#field: impl ::std::convert::Into<::std::string::String>));
        inits.push(quote!(#field: #field.into(),));
    }
    for p in query_parameters(op).filter(|p| !p.required) {
        let field = ident(&p.rust_name);
        inits.push(quote!(#field: ::std::option::Option::None,));
    }
    if let Some(ty) = body_type(ir, op) {
        arguments.push(quote!(body: impl ::std::convert::Into<#ty>));
        inits.push(if body_required(op) {
            quote!(body: body.into(),)
        } else {
            quote!(body: ::std::option::Option::Some(body.into()),)
        });
    }
    let doc = docs(&format!(
        "The {} request{}.",
        code(&op.operation_id),
        match (arguments.is_empty(), op.request_body.is_some()) {
            (true, _) => "",
            (false, true) => " with its arguments and body",
            (false, false) => " with its arguments",
        }
    ));
    quote! {
        #doc
        pub fn new(#(#arguments),*) -> Self {
            Self { #(#inits)* }
        }
    }
}

fn query_setters(op: &Operation) -> Vec<TokenStream> {
    query_parameters(op)
        .filter(|p| !p.required)
        .map(|p| {
            let field = ident(&p.rust_name);
            let method = super::tokens::setter_name(&p.rust_name);
            let doc = docs(&format!("Sets the query parameter {}.", code(&p.wire_name)));
            quote! {
                #doc
                pub fn #method(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#field = ::std::option::Option::Some(value.into());
                    self
                }
            }
        })
        .collect()
}

fn operation_impl(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let method = ident(&op.method);
    let (output, parse) = output(ir, op);
    let path = path_expression(op);
    let body = op.request_body.as_ref().map(|_| {
        let value = if body_required(op) {
            quote!(::callgen_client::json_body(&self.body))
        } else {
            quote! {
                match &self.body {
                    ::std::option::Option::Some(body) => ::callgen_client::json_body(body),
                    ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
                }
            }
        };
        quote! {
            fn body(&self) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<u8>>, ::callgen_client::Error> {
                #value
            }
        }
    });
    quote! {
        impl ::callgen_client::Operation for #name {
            type Output = #output;

            fn method(&self) -> ::callgen_client::http::Method {
                ::callgen_client::http::Method::#method
            }

            fn path(&self) -> ::std::result::Result<::std::string::String, ::callgen_client::Error> {
                #path
            }

            #body

            fn parse_response(
                &self,
                response: ::callgen_client::RawResponse<'_>,
            ) -> ::std::result::Result<Self::Output, ::callgen_client::Error> {
                #parse
            }
        }
    }
}

/// The output type and the response helper that reads it.
fn output(ir: &Ir, op: &Operation) -> (TokenStream, TokenStream) {
    match ir.success(op).result {
        OperationResult::Nothing => (
            quote!(()),
            quote!(::callgen_client::response::no_content(response)),
        ),
        OperationResult::Value(ty) => (
            rust_type(ir, &ty),
            quote!(::callgen_client::response::json(response)),
        ),
        OperationResult::Collection(item) => {
            let item = rust_type(ir, &item);
            (
                quote!(::callgen_client::Collection<#item>),
                quote!(::callgen_client::response::collection(response)),
            )
        }
    }
}

/// `[literal, segment, literal, ..].concat()` plus the query string.
fn path_expression(op: &Operation) -> TokenStream {
    let pieces = op.path_pieces.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(#text),
        PathPiece::Parameter(wire) => {
            let field = op
                .parameters
                .iter()
                .find(|p| p.location == ParameterLocation::Path && &p.wire_name == wire)
                .map(|p| ident(&p.rust_name));
            quote!(::callgen_client::path::segment(#wire, &self.#field)?.as_str())
        }
    });
    let queries: Vec<TokenStream> = query_parameters(op)
        .map(|p| {
            let wire = &p.wire_name;
            let field = ident(&p.rust_name);
            if p.required {
                quote!((#wire, ::std::option::Option::Some(self.#field.as_str())))
            } else {
                quote!((#wire, self.#field.as_deref()))
            }
        })
        .collect();
    let query = if queries.is_empty() {
        quote!()
    } else {
        quote!(::callgen_client::path::query(&[#(#queries),*]).as_str(),)
    };
    quote!(::std::result::Result::Ok([#(#pieces,)* #query].concat()))
}

fn from_parts_impl(op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let operation_id = &op.operation_id;
    let mut inits: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.location != ParameterLocation::Header)
        .map(|p| {
            let field = ident(&p.rust_name);
            let wire = &p.wire_name;
            if p.location == ParameterLocation::Query && !p.required {
                quote!(#field: args.get(#wire).cloned(),)
            } else {
                quote!(#field: ::callgen_client::dynamic::path_arg(args, #wire)?,)
            }
        })
        .collect();
    let uses_args = !inits.is_empty();
    let uses_body = op.request_body.is_some();
    if uses_body {
        inits.push(if body_required(op) {
            quote!(body: ::callgen_client::dynamic::body_from_json(#operation_id, body)?,)
        } else {
            quote! {
                body: match body {
                    ::std::option::Option::Some(_) => ::std::option::Option::Some(::callgen_client::dynamic::body_from_json(#operation_id, body)?),
                    ::std::option::Option::None => ::std::option::Option::None,
                },
            }
        });
    }
    let ignore_body = (!uses_body).then(|| quote!(let _ = body;));
    let args_name = if uses_args {
        quote!(args)
    } else {
        quote!(_args)
    };
    quote! {
        impl ::callgen_client::FromParts for #name {
            fn from_parts(
                #args_name: &::callgen_client::PathArgs,
                body: ::std::option::Option<&::serde_json::Value>,
            ) -> ::std::result::Result<Self, ::callgen_client::Error> {
                #ignore_body
                ::std::result::Result::Ok(Self { #(#inits)* })
            }
        }
    }
}

fn method_entry(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let operation_id = &op.operation_id;
    let method = &op.method;
    let path = &op.path;
    let parameters: Vec<&str> = path_parameters(op).map(|p| p.wire_name.as_str()).collect();
    let rust_type = format!("operations::{}", op.type_name);
    let body_type = match op.request_body.as_ref() {
        Some(body) => {
            let text = body
                .ty
                .as_ref()
                .map(|ty| type_text(ir, ty))
                .unwrap_or_else(|| "serde_json::Value".to_owned());
            quote!(::std::option::Option::Some(#text))
        }
        None => quote!(::std::option::Option::None),
    };
    let output_type = match ir.success(op).result {
        OperationResult::Nothing => "()".to_owned(),
        OperationResult::Value(ty) => type_text(ir, &ty),
        OperationResult::Collection(item) => format!("Collection<{}>", type_text(ir, &item)),
    };
    quote! {
        ::callgen_client::MethodEntry {
            operation_id: #operation_id,
            method: #method,
            path: #path,
            path_parameters: &[#(#parameters),*],
            rust_type: #rust_type,
            body_type: #body_type,
            output_type: #output_type,
            build: ::callgen_client::dynamic::build::<crate::operations::#name>,
        }
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

/// A doc link to a type (`[`Call`](crate::models::Call)`), or its text.
fn type_link(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => {
            let def = ir.get(*id);
            format!(
                "[`{name}`](crate::{group}::{name})",
                name = def.rust_name,
                group = group_name(def.group)
            )
        }
        other => code(&type_text(ir, other)),
    }
}

fn type_docs(ir: &Ir, op: &Operation) -> String {
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
