//! A struct type: definition, constructor and builder methods, and the
//! `MapModel`/`Deserialize`/`Serialize`/`Inspect` impls that match keys as
//! strings (no `#[serde(flatten)]`, no derive).

use super::doc_text::doc_text;
use super::tokens::{code, docs, ident, rust_type};
use crate::ir::{FieldDef, Ir, StructDef, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of one struct type.
pub fn emit(ir: &Ir, def: &TypeDef, st: &StructDef) -> TokenStream {
    let definition = definition(ir, def, st);
    let builders = builders(ir, def, st);
    let de = deserialize(def, st);
    let ser = serialize(def, st);
    let inspect = inspect(def, st);
    quote! { #definition #builders #de #ser #inspect }
}

fn type_docs(ir: &Ir, def: &TypeDef, st: &StructDef) -> String {
    let mut text = match &def.docs {
        Some(description) => doc_text(description),
        None => format!(
            "The {} object.",
            code(def.schema_name.trim_end_matches("#base"))
        ),
    };
    if let Some(base) = st.base {
        let base = ir.get(base);
        text.push_str(&format!(
            "\n\nDerived from [`{}`](crate::models::{}); its fields come first.",
            base.rust_name, base.rust_name
        ));
    }
    if st.is_abstract {
        text.push_str("\n\nAbstract in the schema: payloads normally name a derived type.");
    }
    if let Some(page) = &def.page {
        text.push_str(&format!("\n\nDocumented in {}.", code(page)));
    }
    if let Some(section) = super::returned_by::section(ir, def.id) {
        text.push_str(&format!("\n\n{section}"));
    }
    text
}

fn field_docs(ir: &Ir, field: &FieldDef) -> String {
    let mut text = field.docs.as_deref().map(doc_text).unwrap_or_default();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let mut facts = vec![format!("JSON {}", code(&field.wire_name))];
    if let TypeRef::Primitive(crate::ir::Primitive::String {
        format: Some(format),
    }) = &field.ty
    {
        facts.push(format!("format {}", code(format)));
    }
    if field.nullable {
        facts.push("nullable".to_owned());
    }
    if field.read_only {
        facts.push("read-only".to_owned());
    }
    if let Some(owner) = field.inherited_from {
        facts.push(format!(
            "inherited from [`{}`](crate::models::{})",
            ir.get(owner).rust_name,
            ir.get(owner).rust_name
        ));
    }
    text.push_str(&facts.join(", "));
    text.push('.');
    text
}

fn field_type(ir: &Ir, field: &FieldDef) -> TokenStream {
    let inner = rust_type(ir, &field.ty);
    if field.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    }
}

fn definition(ir: &Ir, def: &TypeDef, st: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let doc = docs(&type_docs(ir, def, st));
    let fields = st.fields.iter().map(|field| {
        let doc = docs(&field_docs(ir, field));
        let field_name = ident(&field.rust_name);
        let ty = field_type(ir, field);
        quote! { #doc pub #field_name: ::callgen_runtime::Field<#ty>, }
    });
    let odata_doc = docs(
        "The `@odata.type` exactly as received (with or without `#`), or as set by the constructor; not written when `None`.",
    );
    let unknown_doc = docs(
        "Properties this version of the schema does not know, kept in arrival order and written back.",
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #odata_doc
            pub odata_type: ::std::option::Option<::std::string::String>,
            #(#fields)*
            #unknown_doc
            pub unknown_fields: ::callgen_runtime::UnknownFields,
        }
    }
}

fn builders(ir: &Ir, def: &TypeDef, st: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let constructor = constructor(st);
    let setters = st.fields.iter().map(|field| setter(ir, field));
    quote! {
        impl #name {
            #constructor
            #(#setters)*

            /// Sets `@odata.type` to `value`, exactly as it is to be written.
            pub fn with_odata_type(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.odata_type = ::std::option::Option::Some(value.into());
                self
            }

            /// Adds a property the schema does not know.
            pub fn with_unknown_field(mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                self.unknown_fields.insert(name, value);
                self
            }
        }
    }
}

fn constructor(st: &StructDef) -> TokenStream {
    match &st.odata_type {
        Some(odata_type) => {
            let doc = docs(&format!(
                "A value with `@odata.type` set to {} and nothing else; [`Default`] leaves `@odata.type` out.",
                code(odata_type)
            ));
            let const_doc = docs(&format!(
                "The `@odata.type` the service expects for this type: {}.",
                code(odata_type)
            ));
            quote! {
                #const_doc
                pub const ODATA_TYPE: &'static str = #odata_type;

                #doc
                pub fn new() -> Self {
                    Self {
                        odata_type: ::std::option::Option::Some(::std::string::ToString::to_string(Self::ODATA_TYPE)),
                        ..::std::default::Default::default()
                    }
                }
            }
        }
        None => quote! {
            /// An empty value (every property absent).
            pub fn new() -> Self {
                ::std::default::Default::default()
            }
        },
    }
}

fn setter(ir: &Ir, field: &FieldDef) -> TokenStream {
    let field_name = ident(&field.rust_name);
    let method = super::tokens::setter_name(&field.rust_name);
    let doc = docs(&format!("Sets {} to `value`.", code(&field.wire_name)));
    let wrap = |value: TokenStream| {
        if field.boxed {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        }
    };
    match &field.ty {
        TypeRef::Array(item) => {
            let item = rust_type(ir, item);
            let value = wrap(quote!(
                items.into_iter().map(::std::convert::Into::into).collect()
            ));
            quote! {
                #doc
                pub fn #method<I, V>(mut self, items: I) -> Self
                where
                    I: ::std::iter::IntoIterator<Item = V>,
                    V: ::std::convert::Into<#item>,
                {
                    self.#field_name = ::callgen_runtime::Field::Value(#value);
                    self
                }
            }
        }
        ty => {
            let ty = rust_type(ir, ty);
            let value = wrap(quote!(value.into()));
            quote! {
                #doc
                pub fn #method(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.#field_name = ::callgen_runtime::Field::Value(#value);
                    self
                }
            }
        }
    }
}

fn deserialize(def: &TypeDef, st: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let expecting = format!("a {} object", def.schema_name.trim_end_matches("#base"));
    let arms = st.fields.iter().map(|field| {
        let wire = &field.wire_name;
        let field_name = ident(&field.rust_name);
        quote!(#wire => ::callgen_runtime::de::next_field(map, &mut self.#field_name, #wire),)
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::de::deserialize_struct(deserializer)
            }
        }

        impl<'de> ::callgen_runtime::de::MapModel<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            fn odata_type(&self) -> ::std::option::Option<&str> {
                self.odata_type.as_deref()
            }

            fn set_odata_type(&mut self, odata_type: ::std::string::String) {
                self.odata_type = ::std::option::Option::Some(odata_type);
            }

            fn visit_entry<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: ::callgen_runtime::de::Key<'de>,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                match key.as_str() {
                    "@odata.type" => ::callgen_runtime::de::next_odata_type(map, &mut self.odata_type),
                    #(#arms)*
                    _ => ::callgen_runtime::de::next_unknown(map, &mut self.unknown_fields, key),
                }
            }
        }
    }
}

fn serialize(def: &TypeDef, st: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let fields = st.fields.iter().map(|field| {
        let wire = &field.wire_name;
        let field_name = ident(&field.rust_name);
        quote!(::callgen_runtime::ser::field(&mut map, #wire, &self.#field_name)?;)
    });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                ::callgen_runtime::ser::odata_type(&mut map, &self.odata_type)?;
                #(#fields)*
                self.unknown_fields.serialize_entries(&mut map)?;
                ::serde::ser::SerializeMap::end(map)
            }
        }
    }
}

/// Whether a value of `ty` can hold a polymorphic choice, an enumeration
/// value or unknown properties worth reporting.
fn worth_inspecting(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Array(item) | TypeRef::Nullable(item) => worth_inspecting(item),
        TypeRef::Primitive(_) | TypeRef::Any => false,
    }
}

fn inspect(def: &TypeDef, st: &StructDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let fields = st
        .fields
        .iter()
        .filter(|f| worth_inspecting(&f.ty))
        .map(|field| {
            let wire = &field.wire_name;
            let field_name = ident(&field.rust_name);
            quote!(walker.field(#wire, &self.#field_name);)
        });
    quote! {
        impl ::callgen_runtime::Inspect for #name {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                #(#fields)*
                walker.unknown_fields(&self.unknown_fields);
            }
        }
    }
}
