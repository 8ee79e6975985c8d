//! The templates of a struct's code (see [`super::template`]): the five
//! items of one struct with placeholders for its name, docs and per-field
//! lists, and the per-field pieces. Parsed once per thread; a template
//! that does not parse is a generator bug, reported as an [`EmitError`].

use super::EmitError;
use super::template::pieces;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Arm, Attribute, Field, ImplItem, Item, Stmt};

/// Every template of a struct.
pub struct StructTemplates {
    /// The items of a struct with an `@odata.type` constant and constructor.
    pub items_with_odata: Vec<Item>,
    /// The items of a struct without one (operation bodies).
    pub items_plain: Vec<Item>,
    /// A struct field.
    pub field: Field,
    /// A builder method of a single value.
    pub setter: ImplItem,
    /// A builder method of a single boxed value.
    pub setter_boxed: ImplItem,
    /// A builder method of an array.
    pub setter_array: ImplItem,
    /// A builder method of a boxed array.
    pub setter_array_boxed: ImplItem,
    /// A `visit_entry` match arm.
    pub arm: Arm,
    /// A `visit_entry` match arm of a boxed struct, read in place.
    pub arm_boxed: Arm,
    /// A `visit_entry` match arm of a list (a failing item names its index).
    pub arm_list: Arm,
    /// A `visit_entry` match arm of a generated enumeration (read through
    /// the runtime's shared string visitor).
    pub arm_enum: Arm,
    /// A `serialize` statement.
    pub serialize: Stmt,
    /// A `serialize` statement of a property whose name needs JSON escaping.
    pub serialize_escaped: Stmt,
    /// An `inspect` statement.
    pub inspect: Stmt,
    /// A doc attribute.
    pub doc: Attribute,
}

thread_local! {
    static TEMPLATES: Result<StructTemplates, EmitError> = build();
}

/// Runs `f` with this thread's templates.
pub fn with<R>(f: impl FnOnce(&StructTemplates) -> R) -> Result<R, EmitError> {
    super::template::with(&TEMPLATES, f)
}

fn build() -> Result<StructTemplates, EmitError> {
    let field = pieces::field("field", field_tokens())?;
    let doc = field
        .attrs
        .first()
        .cloned()
        .ok_or_else(|| pieces::bug("field", "no doc attribute"))?;
    Ok(StructTemplates {
        items_with_odata: pieces::items("items", items_tokens(true))?,
        items_plain: pieces::items("items", items_tokens(false))?,
        field,
        setter: pieces::impl_item("setter", setter_tokens(false, false))?,
        setter_boxed: pieces::impl_item("setter", setter_tokens(false, true))?,
        setter_array: pieces::impl_item("setter", setter_tokens(true, false))?,
        setter_array_boxed: pieces::impl_item("setter", setter_tokens(true, true))?,
        arm: pieces::arm("arm", arm_tokens(quote!(next_field)))?,
        arm_boxed: pieces::arm("arm", arm_tokens(quote!(next_boxed)))?,
        arm_list: pieces::arm("arm", arm_tokens(quote!(next_list)))?,
        arm_enum: pieces::arm("arm", arm_tokens(quote!(next_enum)))?,
        serialize: pieces::stmt(
            "serialize",
            quote!({
                ::callgen_runtime::ser::field(&mut map, "__wire__", &self.__field__)?;
            }),
        )?,
        serialize_escaped: pieces::stmt(
            "serialize",
            quote!({
                ::callgen_runtime::ser::field_escaped(&mut map, "__wire__", &self.__field__)?;
            }),
        )?,
        inspect: pieces::stmt(
            "inspect",
            quote!({
                walker.field("__wire__", &self.__field__);
            }),
        )?,
        doc,
    })
}

fn field_tokens() -> TokenStream {
    quote! {
        struct S {
            #[doc = "__docs__"]
            pub __field__: ::callgen_runtime::Field<__Type__>,
        }
    }
}

fn setter_tokens(array: bool, boxed: bool) -> TokenStream {
    let value = match array {
        true => quote!(items.into_iter().map(::std::convert::Into::into).collect()),
        false => quote!(value.into()),
    };
    let value = match boxed {
        true => quote!(::std::boxed::Box::new(#value)),
        false => value,
    };
    let method = match array {
        true => quote! {
            pub fn __method__<I, V>(mut self, items: I) -> Self
            where
                I: ::std::iter::IntoIterator<Item = V>,
                V: ::std::convert::Into<__Type__>,
            {
                self.__field__ = ::callgen_runtime::Field::Value(#value);
                self
            }
        },
        false => quote! {
            pub fn __method__(mut self, value: impl ::std::convert::Into<__Type__>) -> Self {
                self.__field__ = ::callgen_runtime::Field::Value(#value);
                self
            }
        },
    };
    quote! {
        impl S {
            #[doc = "__docs__"]
            #method
        }
    }
}

/// A `visit_entry` arm reading its property with the runtime's `read`.
fn arm_tokens(read: TokenStream) -> TokenStream {
    quote! {
        match key {
            "__wire__" => ::callgen_runtime::de::#read(map, &mut self.__field__, "__wire__"),
        }
    }
}

fn constructor_tokens(with_odata: bool) -> TokenStream {
    match with_odata {
        true => quote! {
            #[doc = "__const_docs__"]
            pub const ODATA_TYPE: &'static str = "__odata_type__";

            #[doc = "__new_docs__"]
            pub fn new() -> Self {
                Self {
                    odata_type: ::std::option::Option::Some(::std::borrow::Cow::Borrowed(Self::ODATA_TYPE)),
                    ..::std::default::Default::default()
                }
            }
        },
        false => quote! {
            /// An empty value (every property absent).
            pub fn new() -> Self {
                ::std::default::Default::default()
            }
        },
    }
}

fn items_tokens(with_odata: bool) -> TokenStream {
    let constructor = constructor_tokens(with_odata);
    let declared = match with_odata {
        true => quote!(Self::ODATA_TYPE),
        false => quote!(""),
    };
    quote! {
        #[doc = "__type_docs__"]
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct __Name__ {
            /// The `@odata.type` exactly as received (with or without `#`), or as set by the constructor; not written when `None`. The type's own value is kept without a copy.
            pub odata_type: ::std::option::Option<::std::borrow::Cow<'static, str>>,
            __fields__: (),
            /// Properties this version of the schema does not know, kept in arrival order and written back.
            pub unknown_fields: ::callgen_runtime::UnknownFields,
        }

        impl __Name__ {
            #constructor

            fn __setters__() {}

            /// Sets `@odata.type` to `value`, exactly as it is to be written.
            pub fn with_odata_type(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.odata_type = ::std::option::Option::Some(::std::borrow::Cow::Owned(value.into()));
                self
            }

            /// Adds a property the schema does not know.
            pub fn with_unknown_field(mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::serde_json::Value) -> Self {
                self.unknown_fields.insert(name, value);
                self
            }
        }

        impl<'de> ::serde::Deserialize<'de> for __Name__ {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::de::deserialize_struct(deserializer)
            }
        }

        impl ::callgen_runtime::de::Expected for __Name__ {
            const EXPECTED: &'static str = "__expecting__";
        }

        impl<'de> ::callgen_runtime::de::MapModel<'de> for __Name__ {
            const DECLARED_ODATA_TYPE: &'static str = #declared;

            fn odata_type(&self) -> ::std::option::Option<&str> {
                self.odata_type.as_deref()
            }

            fn set_odata_type(&mut self, odata_type: ::std::borrow::Cow<'static, str>) {
                self.odata_type = ::std::option::Option::Some(odata_type);
            }

            fn visit_entry<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: ::callgen_runtime::de::Key<'de>,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                match key.as_str() {
                    "@odata.type" => ::callgen_runtime::de::next_odata_type(map, &mut self.odata_type, Self::DECLARED_ODATA_TYPE),
                    "__arms__" => {}
                    _ => ::callgen_runtime::de::next_unknown(map, &mut self.unknown_fields, key),
                }
            }
        }

        impl ::serde::Serialize for __Name__ {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                ::callgen_runtime::ser::odata_type(&mut map, &self.odata_type)?;
                __serialize__;
                self.unknown_fields.serialize_entries(&mut map)?;
                ::serde::ser::SerializeMap::end(map)
            }
        }

        impl ::callgen_runtime::Inspect for __Name__ {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                __inspect__;
                walker.unknown_fields(&self.unknown_fields);
            }
        }
    }
}
