//! The templates of the registry file (see [`super::template`]): its items
//! with placeholders for the type and operation lists, and one entry of
//! each. Parsed once per thread.

use super::EmitError;
use super::template::pieces;
use quote::quote;
use syn::Expr;

/// Every template of the registry.
pub struct RegistryTemplates {
    /// The registry file.
    pub file: syn::File,
    /// A `TYPES` entry.
    pub type_entry: Expr,
    /// A `METHODS` entry, `[without, with]` a request body.
    pub method_entry: [Expr; 2],
}

thread_local! {
    static TEMPLATES: Result<RegistryTemplates, EmitError> = build();
}

/// Runs `f` with this thread's templates.
pub fn with<R>(f: impl FnOnce(&RegistryTemplates) -> R) -> Result<R, EmitError> {
    super::template::with(&TEMPLATES, f)
}

fn build() -> Result<RegistryTemplates, EmitError> {
    Ok(RegistryTemplates {
        file: pieces::parse("registry", file_tokens())?,
        type_entry: pieces::parse(
            "registry type entry",
            quote!(::callgen_runtime::registry::Entry::of::<
                crate::__group__::__Name__,
            >("__schema_name__", "__rust_type__")),
        )?,
        method_entry: [
            pieces::parse(
                "registry method entry",
                method_entry_tokens(quote!(::std::option::Option::None)),
            )?,
            pieces::parse(
                "registry method entry",
                method_entry_tokens(quote!(::std::option::Option::Some("__body_type__"))),
            )?,
        ],
    })
}

fn method_entry_tokens(body_type: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    quote! {
        ::callgen_client::MethodEntry {
            operation_id: "__operation_id__",
            method: "__method__",
            path: "__path__",
            path_parameters: &[__path_parameters__],
            rust_type: "__rust_type__",
            body_type: #body_type,
            output_type: "__output_type__",
            build: ::callgen_client::dynamic::build::<crate::operations::__Name__>,
        }
    }
}

fn file_tokens() -> proc_macro2::TokenStream {
    quote! {
        #![doc = " Every generated type by its schema name (`microsoft.graph.call`, `call.mute#request`), and every operation by its operation id (`call.mute`), for code that routes payloads or requests by name, such as the conformance suite."]

        /// Every operation of the schema, sorted by operation id, for code that picks operations at run time (`callgen_client::dynamic`).
        pub static METHODS: &[::callgen_client::MethodEntry] = &[__methods__];

        /// The operation with schema operation id `operation_id` (`call.mute`).
        pub fn find_method(operation_id: &str) -> ::std::option::Option<&'static ::callgen_client::MethodEntry> {
            ::callgen_client::dynamic::find(METHODS, operation_id)
        }

        /// Every generated type, sorted by schema name.
        pub static TYPES: &[::callgen_runtime::registry::Entry] = &[__types__];

        /// The entry of the type with schema name `schema_name`.
        pub fn find(schema_name: &str) -> ::std::option::Option<&'static ::callgen_runtime::registry::Entry> {
            ::callgen_runtime::registry::find(TYPES, schema_name)
        }

        /// Reads `json` as the type named `schema_name`, reports what was understood, and writes it back.
        pub fn round_trip_value(
            schema_name: &str,
            json: &::serde_json::Value,
        ) -> ::std::result::Result<::callgen_runtime::registry::RoundTrip, ::callgen_runtime::registry::RoundTripError> {
            match find(schema_name) {
                ::std::option::Option::Some(entry) => entry.round_trip_value(json),
                ::std::option::Option::None => ::std::result::Result::Err(
                    ::callgen_runtime::registry::RoundTripError::UnknownType(::std::string::ToString::to_string(schema_name)),
                ),
            }
        }

        /// Reads the JSON text `json` (with serde_json's nesting limit) as the type named `schema_name`, reports what was understood, and writes it back.
        pub fn round_trip_str(
            schema_name: &str,
            json: &str,
        ) -> ::std::result::Result<::callgen_runtime::registry::RoundTrip, ::callgen_runtime::registry::RoundTripError> {
            match find(schema_name) {
                ::std::option::Option::Some(entry) => entry.round_trip_str(json),
                ::std::option::Option::None => ::std::result::Result::Err(
                    ::callgen_runtime::registry::RoundTripError::UnknownType(::std::string::ToString::to_string(schema_name)),
                ),
            }
        }
    }
}
