//! What notifications need beyond plain structs: union types (a
//! notification's `resourceData` is a call, an operation or a list of
//! participants) and, on every struct the IR marks as carrying a resource
//! URL, a `resource_path()` that reads the URL into ids.
//!
//! A union is an enum over its alternatives (single values boxed, the one
//! collection as a `Vec`) plus an `Unrecognized` raw-JSON member, decoded
//! by `callgen_runtime::union`: objects by `@odata.type`, arrays item by
//! item. This module knows the runtime's and the client's API; it does not
//! know OpenAPI.

use super::tokens::{code, docs, ident, model_link, type_path};
use crate::ir::{
    Group, Ir, ResourceUrlFallback, StructDef, TypeDef, TypeId, TypeKind, UnionAlternative,
    UnionDef,
};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of one union enum.
pub fn emit_union(ir: &Ir, def: &TypeDef, union: &UnionDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let unrecognized = ident(&union.unrecognized);
    let doc = docs(&union_docs(ir, def, union));
    let variants = union.alternatives.iter().map(|a| {
        let variant = ident(&a.rust_name);
        let ty = variant_type(ir, a);
        let doc = docs(&alternative_docs(ir, def.group, a));
        quote!(#doc #variant(#ty),)
    });
    let froms = union.alternatives.iter().map(|a| from_impl(ir, &name, a));
    let idents: Vec<_> = union
        .alternatives
        .iter()
        .map(|a| ident(&a.rust_name))
        .collect();
    let notes: Vec<String> = union
        .alternatives
        .iter()
        .map(|a| format!("{}::{}", def.rust_name, a.rust_name))
        .collect();
    let unrecognized_note = format!("{}::{} (raw JSON)", def.rust_name, union.unrecognized);
    let union_impl = union_impl(ir, def, union);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// JSON that no alternative takes (another `@odata.type`, a mixed array, a scalar), kept exactly as received.
            #unrecognized(::serde_json::Value),
        }

        #(#froms)*

        #union_impl

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::union::deserialize_union(deserializer)
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

/// Items a struct gets beyond its definition: `resource_path()` when the
/// IR found a resource URL in it.
pub fn struct_extras(ir: &Ir, def: &TypeDef, st: &StructDef) -> TokenStream {
    resource_path_impl(ir, def, st).unwrap_or_default()
}

fn resource_path_impl(ir: &Ir, def: &TypeDef, st: &StructDef) -> Option<TokenStream> {
    let resource_url = st.resource_url.as_ref()?;
    let url = st.fields.get(resource_url.field)?;
    let path = type_path(ir, def.id);
    let url_field = ident(&url.rust_name);
    let (fallback, fallback_name) = match &resource_url.fallback {
        ResourceUrlFallback::Field(index) => {
            let field = st.fields.get(*index)?;
            let name = ident(&field.rust_name);
            (
                quote!(self.#name.get().map(::std::string::String::as_str)),
                field.wire_name.as_str(),
            )
        }
        ResourceUrlFallback::UnknownProperty(key) => (
            quote! {
                self.unknown_fields.get(#key).and_then(::serde_json::Value::as_str)
            },
            key.as_str(),
        ),
    };
    let doc = docs(&format!(
        "The resource this value is about: {} (or the 2019 docs' {}) read into its collection and key steps, for the call, participant or operation id.",
        code(&url.wire_name),
        code(fallback_name)
    ));
    Some(quote! {
        impl #path {
            #doc
            pub fn resource_path(&self) -> ::std::result::Result<::callgen_client::ResourcePath, ::callgen_client::ResourcePathError> {
                let url = self
                    .#url_field
                    .get()
                    .map(::std::string::String::as_str)
                    .or_else(|| #fallback);
                match url {
                    ::std::option::Option::Some(url) => ::callgen_client::ResourcePath::parse(url),
                    ::std::option::Option::None => ::std::result::Result::Err(::callgen_client::ResourcePathError::Missing),
                }
            }
        }
    })
}

fn variant_type(ir: &Ir, alternative: &UnionAlternative) -> TokenStream {
    let path = type_path(ir, alternative.ty);
    if alternative.collection {
        quote!(::std::vec::Vec<#path>)
    } else {
        quote!(::std::boxed::Box<#path>)
    }
}

fn from_impl(ir: &Ir, name: &proc_macro2::Ident, alternative: &UnionAlternative) -> TokenStream {
    let variant = ident(&alternative.rust_name);
    let path = type_path(ir, alternative.ty);
    if alternative.collection {
        quote! {
            impl ::std::convert::From<::std::vec::Vec<#path>> for #name {
                fn from(items: ::std::vec::Vec<#path>) -> Self {
                    Self::#variant(items)
                }
            }
        }
    } else {
        quote! {
            impl ::std::convert::From<#path> for #name {
                fn from(value: #path) -> Self {
                    Self::#variant(::std::boxed::Box::new(value))
                }
            }
        }
    }
}

/// The qualified type names an alternative takes (without `#`): a struct's
/// own, or every member of a family.
fn type_names(ir: &Ir, ty: TypeId) -> Vec<String> {
    match &ir.get(ty).kind {
        TypeKind::Family(family) => family.members.iter().map(|m| m.type_name.clone()).collect(),
        TypeKind::Struct(st) => st
            .odata_type
            .as_deref()
            .map(|t| vec![t.trim_start_matches('#').to_owned()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn is_family(ir: &Ir, ty: TypeId) -> bool {
    matches!(ir.get(ty).kind, TypeKind::Family(_))
}

/// Reading a value of `ty` from a model source.
fn read_from_source(ir: &Ir, ty: TypeId) -> TokenStream {
    if is_family(ir, ty) {
        let path = type_path(ir, ty);
        quote!(<#path as ::callgen_runtime::family::Family<'de>>::dispatch(source))
    } else {
        quote!(source.read())
    }
}

fn union_impl(ir: &Ir, def: &TypeDef, union: &UnionDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let unrecognized = ident(&union.unrecognized);
    let expecting = format!("a {} value (an object or an array)", def.display_name());
    let objects: Vec<&UnionAlternative> = union
        .alternatives
        .iter()
        .filter(|a| !a.collection)
        .collect();
    let collections: Vec<&UnionAlternative> =
        union.alternatives.iter().filter(|a| a.collection).collect();
    let several = several_collections(ir, &unrecognized, &collections);
    // With several collections an array is read whole (see
    // `several_collections`); the item-by-item path has one item type.
    let collection = match collections.as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    let mut claimed: Vec<String> = Vec::new();
    let object_arms = objects.iter().filter_map(|a| {
        let names: Vec<String> = type_names(ir, a.ty)
            .into_iter()
            .filter(|n| !claimed.contains(n))
            .collect();
        claimed.extend(names.iter().cloned());
        if names.is_empty() {
            return None;
        }
        let variant = ident(&a.rust_name);
        let read = read_from_source(ir, a.ty);
        Some(quote!(#(#names)|* => #read.map(|value| Self::#variant(::std::boxed::Box::new(value))),))
    });
    let object_arms: Vec<TokenStream> = object_arms.collect();
    let keep_raw =
        quote!(source.raw().map(|raw| Self::#unrecognized(::serde_json::Value::Object(raw))));
    // A union of collections only takes no object: no match to write.
    let read_object = match object_arms.is_empty() {
        true => keep_raw,
        false => quote! {
            match source.type_name() {
                #(#object_arms)*
                _ => #keep_raw,
            }
        },
    };
    let untyped = match objects.as_slice() {
        [only] => {
            let variant = ident(&only.rust_name);
            let path = type_path(ir, only.ty);
            quote! {
                <#path as ::serde::Deserialize>::deserialize(::serde_json::Value::Object(object))
                    .map(|value| Self::#variant(::std::boxed::Box::new(value)))
                    .map_err(E::custom)
            }
        }
        _ => {
            quote!(::std::result::Result::Ok(Self::#unrecognized(::serde_json::Value::Object(object))))
        }
    };
    let (item_type, has_collection, accepts, read_item, from_items) = match collection {
        Some(a) => {
            let names = type_names(ir, a.ty);
            let variant = ident(&a.rust_name);
            let accepts = if names.is_empty() {
                quote!(let _ = type_name; false)
            } else {
                quote!(::std::matches!(type_name, #(#names)|*))
            };
            (
                type_path(ir, a.ty),
                true,
                accepts,
                read_from_source(ir, a.ty),
                quote!(Self::#variant(items)),
            )
        }
        None => (
            quote!(::serde_json::Value),
            false,
            quote!(let _ = type_name; false),
            quote!(source.raw().map(::serde_json::Value::Object)),
            quote!(Self::#unrecognized(::serde_json::Value::Array(items))),
        ),
    };
    // The item type is named in full: a variant may be called `Item`.
    quote! {
        impl ::callgen_runtime::de::Expected for #name {
            const EXPECTED: &'static str = #expecting;
        }

        impl<'de> ::callgen_runtime::union::Union<'de> for #name {
            type Item = #item_type;
            const HAS_COLLECTION: bool = #has_collection;

            fn object<S: ::callgen_runtime::family::ModelSource<'de>>(source: S) -> ::std::result::Result<Self, S::Error> {
                #read_object
            }

            fn untyped_object<E: ::serde::de::Error>(
                object: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            ) -> ::std::result::Result<Self, E> {
                #untyped
            }

            fn item_accepts(type_name: &str) -> bool {
                #accepts
            }

            fn item<S: ::callgen_runtime::family::ModelSource<'de>>(source: S) -> ::std::result::Result<#item_type, S::Error> {
                #read_item
            }

            fn from_items(items: ::std::vec::Vec<#item_type>) -> Self {
                #from_items
            }

            fn from_raw(value: ::serde_json::Value) -> Self {
                Self::#unrecognized(value)
            }

            #several
        }
    }
}

/// With two or more collection alternatives, the `Union` items that read a
/// whole array into the first collection whose item types take every item.
fn several_collections(
    ir: &Ir,
    unrecognized: &proc_macro2::Ident,
    collections: &[&UnionAlternative],
) -> TokenStream {
    if collections.len() < 2 {
        return TokenStream::new();
    }
    let tries = collections.iter().map(|a| {
        let variant = ident(&a.rust_name);
        let names = type_names(ir, a.ty);
        let accepts = match names.is_empty() {
            true => quote!(|_| false),
            false => quote!(|type_name| ::std::matches!(type_name, #(#names)|*)),
        };
        quote! {
            if ::callgen_runtime::union::every_item(&items, #accepts) {
                return ::serde_json::from_value(::serde_json::Value::Array(items))
                    .map(Self::#variant)
                    .map_err(E::custom);
            }
        }
    });
    quote! {
        const SEVERAL_COLLECTIONS: bool = true;

        fn several_collections<E: ::serde::de::Error>(
            items: ::std::vec::Vec<::serde_json::Value>,
        ) -> ::std::result::Result<Self, E> {
            #(#tries)*
            ::std::result::Result::Ok(Self::#unrecognized(::serde_json::Value::Array(items)))
        }
    }
}

fn union_docs(ir: &Ir, def: &TypeDef, union: &UnionDef) -> String {
    let mut text = match &def.docs {
        Some(description) => super::doc_text::doc_text(description),
        None => format!(
            "The {} value: one of several types.",
            code(&def.schema_name)
        ),
    };
    let choices: Vec<String> = union
        .alternatives
        .iter()
        .map(|a| alternative_docs(ir, def.group, a))
        .collect();
    text.push_str(&format!(
        "\n\nOne of: {}. An object is chosen by its `@odata.type` (without one, it is the only single-value alternative, if there is exactly one); an array is read item by item (with several collection alternatives, as the first whose item types take every item's `@odata.type`). Anything else is kept as raw JSON in [`{}::{}`].",
        choices.join("; "),
        def.rust_name,
        union.unrecognized
    ));
    text
}

fn alternative_docs(ir: &Ir, group: Group, alternative: &UnionAlternative) -> String {
    let def = ir.get(alternative.ty);
    let link = model_link(&def.rust_name, group);
    let names: Vec<String> = type_names(ir, alternative.ty)
        .iter()
        .map(|n| code(&format!("#{n}")))
        .collect();
    let kinds = if is_family(ir, alternative.ty) {
        format!(
            "{link} (`@odata.type` {} or a type derived from it)",
            names.first().cloned().unwrap_or_default()
        )
    } else {
        format!("{link} (`@odata.type` {})", names.join(", "))
    };
    if alternative.collection {
        format!("an array of {kinds}")
    } else {
        kinds
    }
}
