//! The templates of a polymorphic family's code (see [`super::template`]):
//! its enum and impls with placeholders for names, docs, variants and match
//! arms, and the per-member pieces. Parsed once per thread.

use super::EmitError;
use super::template::pieces;
use quote::quote;
use syn::{Arm, Attribute, Item, Stmt, Variant};

/// Every template of a family; `[plain, boxed]` pairs where a boxed
/// member's code differs.
pub struct FamilyTemplates {
    /// The enum (the `From` impls follow it).
    pub head: Vec<Item>,
    /// The impls after the `From` impls.
    pub tail: Vec<Item>,
    /// A member.
    pub variant: Variant,
    /// A member's `From` impl.
    pub from: [Vec<Item>; 2],
    /// An `odata_type` match arm.
    pub odata_type_arm: Arm,
    /// The `from_base` body.
    pub from_base: [Stmt; 2],
    /// A `dispatch` match arm.
    pub dispatch_arm: [Arm; 2],
    /// A `serialize` match arm.
    pub serialize_arm: Arm,
    /// An `inspect` match arm.
    pub inspect_arm: Arm,
    /// A doc attribute.
    pub doc: Attribute,
}

thread_local! {
    static TEMPLATES: Result<FamilyTemplates, EmitError> = build();
}

/// Runs `f` with this thread's templates.
pub fn with<R>(f: impl FnOnce(&FamilyTemplates) -> R) -> Result<R, EmitError> {
    super::template::with(&TEMPLATES, f)
}

fn build() -> Result<FamilyTemplates, EmitError> {
    Ok(FamilyTemplates {
        head: pieces::items("family enum", head_tokens())?,
        tail: pieces::items("family impls", tail_tokens())?,
        variant: pieces::variant(
            "family variant",
            quote!(
                enum E {
                    #[doc = "__docs__"]
                    __Member__(__Type__),
                }
            ),
        )?,
        from: [
            pieces::items("family From", from_tokens(quote!(value)))?,
            pieces::items(
                "family From",
                from_tokens(quote!(::std::boxed::Box::new(value))),
            )?,
        ],
        odata_type_arm: pieces::arm(
            "family odata_type arm",
            quote!(match self {
                Self::__Member__(value) => value.odata_type.as_deref(),
            }),
        )?,
        from_base: [
            pieces::stmt("family from_base", quote!({ Self::__Member__(base) }))?,
            pieces::stmt(
                "family from_base",
                quote!({ Self::__Member__(::std::boxed::Box::new(base)) }),
            )?,
        ],
        dispatch_arm: [
            pieces::arm(
                "family dispatch arm",
                quote!(match t {
                    "__type__" => source.read().map(Self::__Member__),
                }),
            )?,
            pieces::arm(
                "family dispatch arm",
                quote!(match t {
                    "__type__" => source
                        .read()
                        .map(|value| Self::__Member__(::std::boxed::Box::new(value))),
                }),
            )?,
        ],
        serialize_arm: pieces::arm(
            "family serialize arm",
            quote!(match self {
                Self::__Member__(value) => ::serde::Serialize::serialize(value, serializer),
            }),
        )?,
        inspect_arm: pieces::arm(
            "family inspect arm",
            quote!(match self {
                Self::__Member__(value) => {
                    walker.note("__note__");
                    ::callgen_runtime::Inspect::inspect(value, walker);
                }
            }),
        )?,
        doc: pieces::doc()?,
    })
}

fn head_tokens() -> proc_macro2::TokenStream {
    quote! {
        #[doc = "__docs__"]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum __Name__ {
            __variants__,
            /// An object whose `@odata.type` names a type this version of the schema does not place in this family, read as the base type: its `@odata.type` and the properties the base does not know are kept and written back.
            __Unrecognized__(::std::boxed::Box<__Base__>),
        }
    }
}

fn from_tokens(value: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    quote! {
        impl ::std::convert::From<__Path__> for __Name__ {
            fn from(value: __Path__) -> Self {
                Self::__Member__(#value)
            }
        }
    }
}

fn tail_tokens() -> proc_macro2::TokenStream {
    quote! {
        impl __Name__ {
            /// The `@odata.type` of the value, exactly as received or set.
            pub fn odata_type(&self) -> ::std::option::Option<&str> {
                match self {
                    "__odata_type__" => {}
                    Self::__Unrecognized__(value) => value.odata_type.as_deref(),
                }
            }
        }

        impl ::callgen_runtime::de::Expected for __Name__ {
            const EXPECTED: &'static str = <__Base__ as ::callgen_runtime::de::Expected>::EXPECTED;
        }

        impl<'de> ::callgen_runtime::family::Family<'de> for __Name__ {
            type Base = __Base__;
            const BASE_TYPE: &'static str = "__base_type__";

            fn from_base(base: __Base__) -> Self {
                __from_base__;
            }

            fn dispatch<S: ::callgen_runtime::family::ModelSource<'de>>(source: S) -> ::std::result::Result<Self, S::Error> {
                match source.type_name() {
                    "__dispatch__" => {}
                    _ => source.read().map(|value| Self::__Unrecognized__(::std::boxed::Box::new(value))),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for __Name__ {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::family::deserialize_family(deserializer)
            }
        }

        impl ::serde::Serialize for __Name__ {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    "__serialize__" => {}
                    Self::__Unrecognized__(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl ::callgen_runtime::Inspect for __Name__ {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                match self {
                    "__inspect__" => {}
                    Self::__Unrecognized__(value) => {
                        walker.note("__unrecognized_note__");
                        ::callgen_runtime::Inspect::inspect(value, walker);
                    }
                }
            }
        }
    }
}
