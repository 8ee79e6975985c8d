//! The templates of an operation's request type (see [`super::template`]):
//! its struct and impls with placeholders for names, docs, fields,
//! arguments and the varying bodies, and the per-parameter pieces. Parsed
//! once per thread; `[a, b]` pairs are the two forms of a piece (see each
//! field).

use super::EmitError;
use super::template::pieces;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, Field, FieldValue, FnArg, ImplItem, Item, Stmt};

/// Every template of an operation.
pub struct OperationTemplates {
    /// The struct, its inherent impl, `Operation` and `FromParts` impls.
    pub items: Vec<Item>,
    /// A parameter field: `[required, optional]`.
    pub parameter_field: [Field; 2],
    /// The body field: `[required, optional]`.
    pub body_field: [Field; 2],
    /// The constructor.
    pub constructor: ImplItem,
    /// A constructor argument taking a string.
    pub argument: FnArg,
    /// The constructor argument taking the body.
    pub body_argument: FnArg,
    /// A constructor field: `[from its argument, None]`.
    pub init: [FieldValue; 2],
    /// The constructor's body field: `[required, optional]`.
    pub body_init: [FieldValue; 2],
    /// The builder method of an optional query parameter.
    pub setter: ImplItem,
    /// The `path()` body.
    pub path: Stmt,
    /// A path segment taken from a field.
    pub segment: Expr,
    /// The query string of the path.
    pub query: Expr,
    /// A query pair: `[required, optional]`.
    pub query_pair: [Expr; 2],
    /// The `body()` method: `[required, optional]` body.
    pub body_method: [ImplItem; 2],
    /// The `parse_response` bodies: nothing, a value, a collection.
    pub parse: [Stmt; 3],
    /// The statement ignoring `body` in `from_parts`.
    pub ignore_body: Stmt,
    /// A `from_parts` field: `[path argument, optional query argument]`.
    pub from_parts_init: [FieldValue; 2],
    /// The `from_parts` body field: `[required, optional]`.
    pub from_parts_body: [FieldValue; 2],
    /// A doc attribute.
    pub doc: Attribute,
}

thread_local! {
    static TEMPLATES: Result<OperationTemplates, EmitError> = build();
}

/// Runs `f` with this thread's templates.
pub fn with<R>(f: impl FnOnce(&OperationTemplates) -> R) -> Result<R, EmitError> {
    super::template::with(&TEMPLATES, f)
}

fn build() -> Result<OperationTemplates, EmitError> {
    Ok(OperationTemplates {
        items: pieces::items("operation", items_tokens())?,
        parameter_field: [
            field(quote!(#[doc = "__docs__"] pub __field__: ::std::string::String,))?,
            field(
                quote!(#[doc = "__docs__"] pub __field__: ::std::option::Option<::std::string::String>,),
            )?,
        ],
        body_field: [
            field(quote!(#[doc = "__docs__"] pub body: __Body__,))?,
            field(quote!(#[doc = "__docs__"] pub body: ::std::option::Option<__Body__>,))?,
        ],
        constructor: impl_item(quote! {
            #[doc = "__docs__"]
            pub fn new(__arguments__: ()) -> Self {
                Self { __inits__: (), }
            }
        })?,
        argument: argument(quote!(__field__: impl ::std::convert::Into<::std::string::String>))?,
        body_argument: argument(quote!(body: impl ::std::convert::Into<__Body__>))?,
        init: [
            field_value(quote!(__field__: __field__.into()))?,
            field_value(quote!(__field__: ::std::option::Option::None))?,
        ],
        body_init: [
            field_value(quote!(body: body.into()))?,
            field_value(quote!(body: ::std::option::Option::Some(body.into())))?,
        ],
        setter: impl_item(quote! {
            #[doc = "__docs__"]
            pub fn __method__(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.__field__ = ::std::option::Option::Some(value.into());
                self
            }
        })?,
        path: pieces::stmt(
            "operation path",
            quote!({ ::std::result::Result::Ok([__pieces__,].concat()) }),
        )?,
        segment: expr(quote!(
            ::callgen_client::path::segment("__wire__", &self.__field__)?.as_str()
        ))?,
        query: expr(quote!(::callgen_client::path::query(&[__pairs__]).as_str()))?,
        query_pair: [
            expr(quote!((
                "__wire__",
                ::std::option::Option::Some(self.__field__.as_str())
            )))?,
            expr(quote!(("__wire__", self.__field__.as_deref())))?,
        ],
        body_method: [
            body_method(quote!(::callgen_client::json_body(&self.body)))?,
            body_method(quote! {
                match &self.body {
                    ::std::option::Option::Some(body) => ::callgen_client::json_body(body),
                    ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
                }
            })?,
        ],
        parse: [
            parse_body(quote!(::callgen_client::response::no_content(response)))?,
            parse_body(quote!(::callgen_client::response::json(response)))?,
            parse_body(quote!(::callgen_client::response::collection(response)))?,
        ],
        ignore_body: pieces::stmt(
            "operation from_parts",
            quote!({
                let _ = body;
            }),
        )?,
        from_parts_init: [
            field_value(quote!(__field__: ::callgen_client::dynamic::path_arg(args, "__wire__")?))?,
            field_value(quote!(__field__: args.get("__wire__").cloned()))?,
        ],
        from_parts_body: [
            field_value(
                quote!(body: ::callgen_client::dynamic::body_from_json("__operation_id__", body)?),
            )?,
            field_value(quote! {
                body: match body {
                    ::std::option::Option::Some(_) => ::std::option::Option::Some(::callgen_client::dynamic::body_from_json("__operation_id__", body)?),
                    ::std::option::Option::None => ::std::option::Option::None,
                }
            })?,
        ],
        doc: pieces::doc()?,
    })
}

fn field(tokens: TokenStream) -> Result<Field, EmitError> {
    pieces::field("operation field", quote!(struct S { #tokens }))
}

fn impl_item(tokens: TokenStream) -> Result<ImplItem, EmitError> {
    pieces::impl_item("operation method", quote!(impl S { #tokens }))
}

fn argument(tokens: TokenStream) -> Result<FnArg, EmitError> {
    let item: syn::ItemFn = pieces::parse("operation argument", quote!(fn f(#tokens) {}))?;
    item.sig
        .inputs
        .into_iter()
        .next()
        .ok_or_else(|| pieces::bug("operation argument", "no argument"))
}

fn field_value(tokens: TokenStream) -> Result<FieldValue, EmitError> {
    let expr: syn::ExprStruct = pieces::parse("operation field value", quote!(Self { #tokens, }))?;
    expr.fields
        .into_iter()
        .next()
        .ok_or_else(|| pieces::bug("operation field value", "no field"))
}

fn expr(tokens: TokenStream) -> Result<Expr, EmitError> {
    pieces::parse("operation expression", tokens)
}

fn body_method(value: TokenStream) -> Result<ImplItem, EmitError> {
    impl_item(quote! {
        fn body(&self) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<u8>>, ::callgen_client::Error> {
            #value
        }
    })
}

fn parse_body(value: TokenStream) -> Result<Stmt, EmitError> {
    pieces::stmt("operation parse_response", quote!({ #value }))
}

fn items_tokens() -> TokenStream {
    quote! {
        #[doc = "__docs__"]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct __Name__ {
            __fields__: (),
        }

        impl __Name__ {
            fn __methods__() {}
        }

        impl ::callgen_client::Operation for __Name__ {
            type Output = __Output__;

            fn method(&self) -> ::callgen_client::http::Method {
                ::callgen_client::http::Method::__METHOD__
            }

            fn path(&self) -> ::std::result::Result<::std::string::String, ::callgen_client::Error> {
                __path__;
            }

            fn __body__() {}

            fn parse_response(
                &self,
                response: ::callgen_client::RawResponse<'_>,
            ) -> ::std::result::Result<Self::Output, ::callgen_client::Error> {
                __parse__;
            }
        }

        impl ::callgen_client::FromParts for __Name__ {
            fn from_parts(
                __args__: &::callgen_client::PathArgs,
                body: ::std::option::Option<&::serde_json::Value>,
            ) -> ::std::result::Result<Self, ::callgen_client::Error> {
                __ignore_body__;
                ::std::result::Result::Ok(Self { __inits__: (), })
            }
        }
    }
}
