//! JSON Schema -> [`TypeRef`]: property, parameter and body schemas.
//!
//! References resolve to the ids allocated for components (a reference to a
//! base with a discriminator resolves to its family). Inline object and enum
//! schemas become named types of their own, named after where they appear.

use super::builder::{Builder, OwnFields, flag_at, text_at};
use super::examples;
use super::model::*;
use super::naming::NameHint;
use super::site::Site;
use super::unions;
use crate::contract::{self, EnumExtensions, PropertyExtensions};
use serde_json::Value;

/// The type a schema describes, and whether it admits `null`.
pub(super) fn type_ref(b: &mut Builder, schema: &Value, site: &Site) -> (TypeRef, bool) {
    if let Some(reference) = schema.get("$ref") {
        return (reference_type(b, reference, site), false);
    }
    if let Some((alternatives, key)) = alternatives(schema) {
        return alternatives_type(b, alternatives, site, key);
    }
    match schema.get("type") {
        Some(Value::String(word)) => (word_type(b, schema, word, site), false),
        Some(Value::Array(words)) => {
            let nullable = words.iter().any(|w| w == "null");
            let words: Vec<&str> = words
                .iter()
                .filter_map(Value::as_str)
                .filter(|w| *w != "null")
                .collect();
            match words.as_slice() {
                [word] => (word_type(b, schema, word, site), nullable),
                [] => (TypeRef::Any, nullable),
                several => {
                    let listed = several.join(", ");
                    b.untyped(
                        &site.pointer,
                        format!("`type` lists several types ({listed})"),
                    );
                    (TypeRef::Any, nullable)
                }
            }
        }
        Some(_) => {
            b.problem(
                &site.pointer,
                "`type` must be a string or an array of strings",
            );
            (TypeRef::Any, false)
        }
        None if schema.get("properties").is_some() => (inline_struct(b, schema, site), false),
        None if schema.get("enum").is_some() => (inline_enum(b, schema, site), false),
        None => {
            note_undocumented_type(b, schema, site);
            (TypeRef::Any, false)
        }
    }
}

/// Reports a schema without a type that stands for a type the docs name
/// ([`contract::DOCUMENTED_AS`]) but the extractor could not resolve.
fn note_undocumented_type(b: &mut Builder, schema: &Value, site: &Site) {
    let extensions: PropertyExtensions = b.extensions(schema, &site.pointer);
    let documented = extensions.documented_as.as_deref().map(str::trim);
    if let Some(documented) = documented.filter(|d| !d.is_empty()) {
        b.untyped(
            &site.pointer,
            format!("the docs name the type `{documented}`, which the schema does not define"),
        );
    }
}

fn alternatives(schema: &Value) -> Option<(&Vec<Value>, &'static str)> {
    ["anyOf", "oneOf", "allOf"]
        .into_iter()
        .find_map(|key| schema.get(key).and_then(Value::as_array).map(|a| (a, key)))
}

fn alternatives_type(
    b: &mut Builder,
    alternatives: &[Value],
    site: &Site,
    key: &str,
) -> (TypeRef, bool) {
    let is_null = |s: &Value| s.get("type").and_then(Value::as_str) == Some("null");
    let nullable = alternatives.iter().any(is_null);
    let rest: Vec<(usize, &Value)> = alternatives
        .iter()
        .enumerate()
        .filter(|(_, s)| !is_null(s))
        .collect();
    match rest.as_slice() {
        [(index, only)] => {
            let (ty, inner_nullable) =
                type_ref(b, only, &site.child(&format!("{key}/{index}"), ""));
            (ty, nullable || inner_nullable)
        }
        _ => {
            let others: Vec<&Value> = rest.iter().map(|(_, s)| *s).collect();
            match unions::union_type(b, &others, site) {
                Some(union) => (union, nullable),
                None => {
                    b.untyped(
                        &site.pointer,
                        format!("its `{key}` alternatives are not all object types or arrays of them, so no union takes them"),
                    );
                    (TypeRef::Any, nullable)
                }
            }
        }
    }
}

fn word_type(b: &mut Builder, schema: &Value, word: &str, site: &Site) -> TypeRef {
    let format = text_at(schema, "format");
    match word {
        "string" if schema.get("enum").is_some() => inline_enum(b, schema, site),
        "string" => TypeRef::Primitive(Primitive::String { format }),
        "boolean" => TypeRef::Primitive(Primitive::Boolean),
        "integer" => TypeRef::Primitive(match format.as_deref() {
            Some("uint8") => Primitive::U8,
            Some("int16") => Primitive::I16,
            Some("int32") => Primitive::I32,
            _ => Primitive::I64,
        }),
        "number" => TypeRef::Primitive(Primitive::Number { format }),
        "array" => array_type(b, schema, site),
        "object" if schema.get("properties").is_some() => inline_struct(b, schema, site),
        "object" => {
            note_undocumented_type(b, schema, site);
            TypeRef::Any
        }
        other => {
            b.problem(&site.pointer, format!("unknown type `{other}`"));
            TypeRef::Any
        }
    }
}

fn array_type(b: &mut Builder, schema: &Value, site: &Site) -> TypeRef {
    let Some(items) = schema.get("items") else {
        return TypeRef::Array(Box::new(TypeRef::Any));
    };
    let (item, nullable) = type_ref(b, items, &site.child("items", "item"));
    let item = if nullable && item != TypeRef::Any {
        TypeRef::Nullable(Box::new(item))
    } else {
        item
    };
    TypeRef::Array(Box::new(item))
}

fn reference_type(b: &mut Builder, reference: &Value, site: &Site) -> TypeRef {
    let Some(target) = reference.as_str().and_then(contract::ref_target) else {
        b.problem(
            &format!("{}/$ref", site.pointer),
            format!(
                "unsupported reference {reference}: only {}<name> is understood",
                contract::SCHEMA_REF_PREFIX
            ),
        );
        return TypeRef::Any;
    };
    if let Some(family) = b.families.get(target) {
        return TypeRef::Named(*family);
    }
    match b.components.get(target) {
        Some(id) => TypeRef::Named(*id),
        None => {
            b.problem(
                &format!("{}/$ref", site.pointer),
                format!("reference to `{target}`, which is not in components.schemas"),
            );
            TypeRef::Any
        }
    }
}

/// Makes a named struct for an inline object schema.
fn inline_struct(b: &mut Builder, schema: &Value, site: &Site) -> TypeRef {
    let id = b.allocate(
        site.schema_name.clone(),
        site.group,
        TypeKind::Struct(StructDef {
            fields: Vec::new(),
            base: None,
            odata_type: None,
            is_abstract: false,
            is_open: false,
            examples: Vec::new(),
            resource_url: None,
        }),
        NameHint {
            raw: site.name_hint.clone(),
            module: site.module.clone(),
        },
    );
    b.types[id.0].docs = text_at(schema, "description");
    let fields = properties(b, schema, site);
    b.own_fields.insert(id, OwnFields { fields });
    TypeRef::Named(id)
}

/// Makes a named enum for an inline `enum` schema.
fn inline_enum(b: &mut Builder, schema: &Value, site: &Site) -> TypeRef {
    let def = enum_def(b, schema, &site.pointer, true);
    let id = b.allocate(
        site.schema_name.clone(),
        site.group,
        TypeKind::Enum(def),
        NameHint {
            raw: site.name_hint.clone(),
            module: site.module.clone(),
        },
    );
    b.types[id.0].docs = text_at(schema, "description");
    TypeRef::Named(id)
}

/// The members of an enum schema (names are decided later).
pub(super) fn enum_def(b: &mut Builder, schema: &Value, pointer: &str, inline: bool) -> EnumDef {
    let mut members = Vec::new();
    let values = schema.get("enum").and_then(Value::as_array);
    for (index, value) in values.into_iter().flatten().enumerate() {
        match value.as_str() {
            Some(text) if members.iter().any(|m: &EnumMember| m.wire_name == text) => {}
            Some(text) => members.push(EnumMember {
                wire_name: text.to_owned(),
                rust_name: String::new(),
            }),
            None => b.problem(
                &format!("{pointer}/enum/{index}"),
                format!("enum value {value} is not a string"),
            ),
        }
    }
    let extensions: EnumExtensions = b.extensions(schema, pointer);
    EnumDef {
        members,
        catch_all: String::new(),
        inline: inline || extensions.inline,
    }
}

/// The own fields of an object schema, in document order.
pub(super) fn properties(b: &mut Builder, schema: &Value, site: &Site) -> Vec<FieldDef> {
    let Some(properties) = schema.get("properties") else {
        return Vec::new();
    };
    let Some(properties) = properties.as_object() else {
        b.problem(
            &format!("{}/properties", site.pointer),
            "`properties` must be an object",
        );
        return Vec::new();
    };
    let mut fields = Vec::new();
    for (name, property) in properties {
        if name == "@odata.type" {
            continue;
        }
        let property_site = site.property(name);
        let (ty, nullable) = type_ref(b, property, &property_site);
        fields.push(FieldDef {
            wire_name: name.clone(),
            rust_name: String::new(),
            docs: text_at(property, "description"),
            ty,
            nullable,
            read_only: flag_at(property, "readOnly"),
            boxed: false,
            inherited_from: None,
        });
    }
    fields
}

/// The examples of a [`contract::EXAMPLES`] array or an `examples` map.
pub(super) fn examples_at(b: &mut Builder, value: Option<&Value>, pointer: &str) -> Vec<Example> {
    examples::read(b, value, pointer)
}
