//! A documented example as builder code: the Rust expression that builds
//! the same JSON with the generated constructors and `with_*` setters. Used
//! for the generated README, whose code block is a doc test asserting that
//! the built value serializes to the documented JSON.

use super::tokens::ident;
use crate::ir::{FamilyDef, Ir, Primitive, StructDef, TypeDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::str::FromStr;

/// Why an example cannot be shown as builder code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ExampleError {
    /// JSON path in the example.
    pub path: String,
    /// What could not be expressed.
    pub message: String,
}

/// The expression building `value` as type `ty`, with types named by their
/// bare Rust names (the README imports the crate root).
pub fn builder_expression(
    ir: &Ir,
    ty: &TypeRef,
    value: &Value,
) -> Result<TokenStream, ExampleError> {
    expression(ir, ty, value, "$")
}

fn fail(path: &str, message: impl Into<String>) -> ExampleError {
    ExampleError {
        path: path.to_owned(),
        message: message.into(),
    }
}

fn expression(
    ir: &Ir,
    ty: &TypeRef,
    value: &Value,
    path: &str,
) -> Result<TokenStream, ExampleError> {
    match (ty, value) {
        (_, Value::Null) => Err(fail(path, "a null cannot be set through a builder")),
        (TypeRef::Any, value) => json_macro(value, path),
        (TypeRef::Primitive(primitive), value) => primitive_literal(primitive, value, path),
        (TypeRef::Nullable(inner), value) => expression(ir, inner, value, path),
        (TypeRef::Array(item), Value::Array(items)) => {
            let items = items
                .iter()
                .enumerate()
                .map(|(i, v)| expression(ir, item, v, &format!("{path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(quote!([#(#items),*]))
        }
        (TypeRef::Named(id), value) => named(ir, ir.get(*id), value, path),
        (TypeRef::Array(_), _) => Err(fail(path, "expected an array")),
    }
}

fn named(ir: &Ir, def: &TypeDef, value: &Value, path: &str) -> Result<TokenStream, ExampleError> {
    match (&def.kind, value) {
        (TypeKind::Enum(en), Value::String(text)) => {
            let name = ident(&def.rust_name);
            Ok(match en.members.iter().find(|m| &m.wire_name == text) {
                Some(member) => {
                    let variant = ident(&member.rust_name);
                    quote!(#name::#variant)
                }
                None => quote!(#name::from_wire(#text)),
            })
        }
        (TypeKind::Struct(st), Value::Object(object)) => structure(ir, def, st, object, path),
        (TypeKind::Family(family), Value::Object(object)) => member(ir, family, object, path),
        _ => Err(fail(
            path,
            format!("the value does not fit {}", def.rust_name),
        )),
    }
}

fn member(
    ir: &Ir,
    family: &FamilyDef,
    object: &Map<String, Value>,
    path: &str,
) -> Result<TokenStream, ExampleError> {
    let named = object
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(callgen_type_name);
    let chosen = match named {
        None => family.members.first(),
        Some(name) => family.members.iter().find(|m| m.type_name == name),
    };
    let Some(chosen) = chosen else {
        return Err(fail(path, "the @odata.type names no member of the family"));
    };
    let def = ir.get(chosen.ty);
    let TypeKind::Struct(st) = &def.kind else {
        return Err(fail(path, "a family member is not a struct"));
    };
    structure(ir, def, st, object, path)
}

fn callgen_type_name(odata_type: &str) -> &str {
    odata_type.strip_prefix('#').unwrap_or(odata_type)
}

fn structure(
    ir: &Ir,
    def: &TypeDef,
    st: &StructDef,
    object: &Map<String, Value>,
    path: &str,
) -> Result<TokenStream, ExampleError> {
    let name = ident(&def.rust_name);
    let odata_type = object.get("@odata.type");
    let mut chain = match (odata_type, &st.odata_type) {
        (Some(Value::String(given)), Some(own)) if given == own => quote!(#name::new()),
        (Some(Value::String(given)), _) => quote!(#name::default().with_odata_type(#given)),
        (Some(_), _) => return Err(fail(path, "@odata.type is not a string")),
        (None, _) => quote!(#name::default()),
    };
    for (key, value) in object {
        let at = format!("{path}.{key}");
        if key == "@odata.type" {
            continue;
        }
        match st.fields.iter().find(|f| &f.wire_name == key) {
            Some(field) => {
                let method = super::tokens::setter_name(&field.rust_name);
                let argument = expression(ir, &field.ty, value, &at)?;
                chain = quote!(#chain.#method(#argument));
            }
            None => {
                let json = json_macro(value, &at)?;
                chain = quote!(#chain.with_unknown_field(#key, #json));
            }
        }
    }
    Ok(chain)
}

fn primitive_literal(
    primitive: &Primitive,
    value: &Value,
    path: &str,
) -> Result<TokenStream, ExampleError> {
    match (primitive, value) {
        (Primitive::String { .. }, Value::String(text)) => Ok(quote!(#text)),
        (Primitive::Boolean, Value::Bool(flag)) => Ok(quote!(#flag)),
        (
            Primitive::U8 | Primitive::I16 | Primitive::I32 | Primitive::I64,
            Value::Number(number),
        ) => literal(&number.to_string(), path),
        (Primitive::Number { .. }, Value::Number(number)) if number.is_f64() => {
            let text = number.to_string();
            let literal = literal(&text, path)?;
            Ok(
                quote!(::serde_json::Number::from_f64(#literal).unwrap_or_else(|| ::serde_json::Number::from(0))),
            )
        }
        (Primitive::Number { .. }, Value::Number(number)) => {
            let literal = literal(&number.to_string(), path)?;
            Ok(quote!(::serde_json::Number::from(#literal)))
        }
        _ => Err(fail(path, "the value does not fit the property's type")),
    }
}

fn literal(text: &str, path: &str) -> Result<TokenStream, ExampleError> {
    TokenStream::from_str(text).map_err(|e| fail(path, format!("not a Rust literal: {e}")))
}

fn json_macro(value: &Value, path: &str) -> Result<TokenStream, ExampleError> {
    let text = serde_json::to_string(value).map_err(|e| fail(path, e.to_string()))?;
    let tokens =
        TokenStream::from_str(&text).map_err(|e| fail(path, format!("not Rust tokens: {e}")))?;
    Ok(quote!(::serde_json::json!(#tokens)))
}
