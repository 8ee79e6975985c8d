//! A string enumeration: members plus a catch-all that keeps any value the
//! schema does not list and writes it back unchanged.

use super::doc_text::doc_text;
use super::tokens::{code, docs, ident};
use crate::ir::{EnumDef, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of one enumeration.
pub fn emit(def: &TypeDef, en: &EnumDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let catch_all = ident(&en.catch_all);
    let doc = docs(&enum_docs(def, en));
    let variants = en.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let doc = docs(&code(&m.wire_name));
        quote!(#doc #variant,)
    });
    let wires: Vec<&str> = en.members.iter().map(|m| m.wire_name.as_str()).collect();
    let idents: Vec<_> = en.members.iter().map(|m| ident(&m.rust_name)).collect();
    let names: Vec<String> = en
        .members
        .iter()
        .map(|m| format!("{}::{}", def.rust_name, m.rust_name))
        .collect();
    let expecting = format!("a {} value (a string)", def.schema_name);
    let unrecognized_note = format!("{}::{}({{value:?}})", def.rust_name, en.catch_all);
    let from_known = if en.members.is_empty() {
        quote!(let _ = value; ::std::option::Option::None)
    } else {
        quote! {
            match value {
                #(#wires => ::std::option::Option::Some(Self::#idents),)*
                _ => ::std::option::Option::None,
            }
        }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the schema does not list, kept exactly as received.
            #catch_all(::std::string::String),
        }

        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::#catch_all(value) => value,
                }
            }

            /// The member for a wire value; values the schema does not list
            /// are kept in the catch-all member.
            pub fn from_wire(value: &str) -> Self {
                <Self as ::callgen_runtime::de::WireEnum>::from_known(value)
                    .unwrap_or_else(|| Self::#catch_all(::std::string::ToString::to_string(value)))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::callgen_runtime::de::WireEnum for #name {
            const EXPECTING: &'static str = #expecting;

            fn from_known(value: &str) -> ::std::option::Option<Self> {
                #from_known
            }

            fn from_unrecognized(value: ::std::string::String) -> Self {
                Self::#catch_all(value)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::de::deserialize_enum(deserializer)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl ::callgen_runtime::Inspect for #name {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                match self {
                    #(Self::#idents => walker.note(#names),)*
                    Self::#catch_all(value) => walker.note(::std::format!(#unrecognized_note)),
                }
            }
        }
    }
}

fn enum_docs(def: &TypeDef, en: &EnumDef) -> String {
    let mut text = match &def.docs {
        Some(description) => doc_text(description),
        None => format!("The {} enumeration.", code(&def.schema_name)),
    };
    if en.inline {
        text.push_str("\n\nListed in a property description of the docs rather than as an enumeration of its own.");
    }
    if let Some(page) = &def.page {
        text.push_str(&format!("\n\nDocumented in {}.", code(page)));
    }
    text
}
