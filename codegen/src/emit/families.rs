//! A polymorphic family: an enum over the base type, every descendant, and
//! an `Unrecognized` raw-JSON member, dispatched on `@odata.type` by the
//! runtime's family visitor.

use super::returned_by::ReturnedBy;
use super::tokens::{code, docs, ident, type_path};
use crate::ir::{FamilyDef, FamilyMember, Ir, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of one family enum.
pub fn emit(ir: &Ir, returned: &ReturnedBy, def: &TypeDef, family: &FamilyDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let unrecognized = ident(&family.unrecognized);
    let base_member = &family.members[..1];
    let base_variant = base_member.iter().map(|m| ident(&m.rust_name));
    let base_path = type_path(ir, family.base);
    let base_type = &family.base_type_name;
    let mut doc_text = format!(
        "{} or any type derived from it, chosen by `@odata.type`.\n\nWithout `@odata.type` (or with the base's own) the value is the base type; a type this version of the schema does not know is kept as raw JSON in [`{}::{}`].",
        code(base_type),
        def.rust_name,
        family.unrecognized
    );
    if let Some(section) = returned.section(ir, def.id) {
        doc_text.push_str(&format!("\n\n{section}"));
    }
    let doc = docs(&doc_text);
    let variants = family.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let ty = member_type(ir, m);
        let doc = docs(&format!(
            "`@odata.type` {}.",
            code(&format!("#{}", m.type_name))
        ));
        quote!(#doc #variant(#ty),)
    });
    let froms = family.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let path = type_path(ir, m.ty);
        let value = wrap(m, quote!(value));
        quote! {
            impl ::std::convert::From<#path> for #name {
                fn from(value: #path) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    let idents: Vec<_> = family.members.iter().map(|m| ident(&m.rust_name)).collect();
    let type_names: Vec<&str> = family
        .members
        .iter()
        .map(|m| m.type_name.as_str())
        .collect();
    let reads = family.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        if m.boxed {
            quote!(source.read().map(|value| Self::#variant(::std::boxed::Box::new(value))))
        } else {
            quote!(source.read().map(Self::#variant))
        }
    });
    let notes: Vec<String> = family
        .members
        .iter()
        .map(|m| format!("{}::{}", def.rust_name, m.rust_name))
        .collect();
    let unrecognized_note = format!("{}::{} (raw JSON)", def.rust_name, family.unrecognized);
    let from_base = wrap(&family.members[0], quote!(base));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// An object whose `@odata.type` names a type this version of the schema does not place in this family, kept exactly as received.
            #unrecognized(::serde_json::Map<::std::string::String, ::serde_json::Value>),
        }

        #(#froms)*

        impl #name {
            /// The `@odata.type` of the value, exactly as received or set.
            pub fn odata_type(&self) -> ::std::option::Option<&str> {
                match self {
                    #(Self::#idents(value) => value.odata_type.as_deref(),)*
                    Self::#unrecognized(raw) => raw.get("@odata.type").and_then(::serde_json::Value::as_str),
                }
            }
        }

        impl<'de> ::callgen_runtime::family::Family<'de> for #name {
            type Base = #base_path;
            const BASE_TYPE: &'static str = #base_type;

            fn from_base(base: #base_path) -> Self {
                #(Self::#base_variant(#from_base))*
            }

            fn dispatch<S: ::callgen_runtime::family::ModelSource<'de>>(source: S) -> ::std::result::Result<Self, S::Error> {
                match source.type_name() {
                    #(#type_names => #reads,)*
                    _ => source.raw().map(Self::#unrecognized),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::family::deserialize_family(deserializer)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(value) => ::serde::Serialize::serialize(value, serializer),)*
                    Self::#unrecognized(raw) => ::serde::Serialize::serialize(raw, serializer),
                }
            }
        }

        impl ::callgen_runtime::Inspect for #name {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                match self {
                    #(Self::#idents(value) => {
                        walker.note(#notes);
                        ::callgen_runtime::Inspect::inspect(value, walker);
                    })*
                    Self::#unrecognized(_) => walker.note(#unrecognized_note),
                }
            }
        }
    }
}

fn member_type(ir: &Ir, member: &FamilyMember) -> TokenStream {
    let path = type_path(ir, member.ty);
    if member.boxed {
        quote!(::std::boxed::Box<#path>)
    } else {
        path
    }
}

fn wrap(member: &FamilyMember, value: TokenStream) -> TokenStream {
    if member.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}
