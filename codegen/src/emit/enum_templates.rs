//! The templates of an enumeration's code (see [`super::template`]): its
//! items with placeholders for its name, docs, variants and match arms,
//! and the per-member pieces. Parsed once per thread.

use super::EmitError;
use super::template::pieces;
use quote::quote;
use syn::{Arm, Attribute, Item, Stmt, Variant};

/// Every template of an enumeration.
pub struct EnumTemplates {
    /// The items of one enumeration.
    pub items: Vec<Item>,
    /// A member.
    pub variant: Variant,
    /// An `as_str` match arm.
    pub as_str_arm: Arm,
    /// The `from_known` body of an enumeration with members.
    pub from_known: Stmt,
    /// A `from_known` match arm.
    pub from_known_arm: Arm,
    /// The `from_known` body of an enumeration without members.
    pub from_known_empty: Vec<Stmt>,
    /// An `inspect` match arm.
    pub inspect_arm: Arm,
    /// A doc attribute.
    pub doc: Attribute,
}

thread_local! {
    static TEMPLATES: Result<EnumTemplates, EmitError> = build();
}

/// Runs `f` with this thread's templates.
pub fn with<R>(f: impl FnOnce(&EnumTemplates) -> R) -> Result<R, EmitError> {
    super::template::with(&TEMPLATES, f)
}

fn build() -> Result<EnumTemplates, EmitError> {
    Ok(EnumTemplates {
        items: pieces::items("enum", items_tokens())?,
        variant: pieces::variant(
            "enum variant",
            quote!(
                enum E {
                    #[doc = "__docs__"]
                    __Member__,
                }
            ),
        )?,
        as_str_arm: pieces::arm(
            "enum as_str arm",
            quote!(match self {
                Self::__Member__ => "__wire__",
            }),
        )?,
        from_known: pieces::stmt(
            "enum from_known",
            quote!({
                match value {
                    "__arms__" => {}
                    _ => ::std::option::Option::None,
                }
            }),
        )?,
        from_known_arm: pieces::arm(
            "enum from_known arm",
            quote!(match value {
                "__wire__" => ::std::option::Option::Some(Self::__Member__),
            }),
        )?,
        from_known_empty: pieces::stmts(
            "enum from_known without members",
            quote!({
                let _ = value;
                ::std::option::Option::None
            }),
        )?,
        inspect_arm: pieces::arm(
            "enum inspect arm",
            quote!(match self {
                Self::__Member__ => walker.note("__note__"),
            }),
        )?,
        doc: pieces::doc()?,
    })
}

fn items_tokens() -> proc_macro2::TokenStream {
    quote! {
        #[doc = "__docs__"]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum __Name__ {
            __variants__,
            /// A value this version of the schema does not list, kept exactly as received.
            __CatchAll__(::std::string::String),
        }

        impl __Name__ {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    "__as_str__" => {}
                    Self::__CatchAll__(value) => value,
                }
            }

            /// The member for a wire value; values the schema does not list
            /// are kept in the catch-all member.
            pub fn from_wire(value: &str) -> Self {
                <Self as ::callgen_runtime::de::WireEnum>::from_known(value)
                    .unwrap_or_else(|| Self::__CatchAll__(::std::string::ToString::to_string(value)))
            }
        }

        impl ::std::convert::From<&str> for __Name__ {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl ::std::fmt::Display for __Name__ {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::callgen_runtime::de::Expected for __Name__ {
            const EXPECTED: &'static str = "__expecting__";
        }

        impl ::callgen_runtime::de::WireEnum for __Name__ {
            fn from_known(value: &str) -> ::std::option::Option<Self> {
                __from_known__;
            }

            fn from_unrecognized(value: ::std::string::String) -> Self {
                Self::__CatchAll__(value)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for __Name__ {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::callgen_runtime::de::deserialize_enum(deserializer)
            }
        }

        impl ::serde::Serialize for __Name__ {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl ::callgen_runtime::Inspect for __Name__ {
            fn inspect(&self, walker: &mut ::callgen_runtime::inspect::Walker) {
                match self {
                    "__inspect__" => {}
                    Self::__CatchAll__(value) => walker.note(::std::format!("__unrecognized__")),
                }
            }
        }
    }
}
