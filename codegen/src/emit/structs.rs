//! A struct type: definition, constructor and builder methods, and the
//! `MapModel`/`Deserialize`/`Serialize`/`Inspect` impls that match keys as
//! strings (no `#[serde(flatten)]`, no derive).
//!
//! The code is built as syntax trees from the templates of
//! [`super::struct_templates`] (cloned and filled in, never parsed per
//! struct or per field): most of the generated crate is this code.

use super::EmitError;
use super::doc_text::doc_text;
use super::returned_by::ReturnedBy;
use super::struct_templates::{self, StructTemplates};
use super::template::{Fill, doc_attrs};
use super::tokens::{code, doc_lines, ident, model_link, rust_type, setter_name};
use crate::ir::{FieldDef, Group, Ir, StructDef, TypeDef, TypeId, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// Every item of one struct type.
pub fn emit(
    ir: &Ir,
    returned: &ReturnedBy,
    def: &TypeDef,
    st: &StructDef,
) -> Result<Vec<syn::Item>, EmitError> {
    let types = FieldTypes::of(ir, st)?;
    struct_templates::with(|templates| items(ir, returned, def, st, templates, &types))
}

fn items(
    ir: &Ir,
    returned: &ReturnedBy,
    def: &TypeDef,
    st: &StructDef,
    t: &StructTemplates,
    types: &FieldTypes,
) -> Vec<syn::Item> {
    let docs = |text: &str| doc_attrs(&t.doc, &doc_lines(text));
    let mut fill = Fill::new()
        .set("__Name__", ident(&def.rust_name))
        .set("__type_docs__", docs(&type_docs(ir, returned, def, st)))
        .set(
            "__expecting__",
            match def.group {
                Group::Models => format!("a {} object", def.display_name()),
                Group::Operations => format!("the {} (an object)", def.display_name()),
            },
        )
        .set(
            "__fields__",
            st.fields
                .iter()
                .zip(&types.fields)
                .map(|(f, ty)| field(ir, t, def.group, f, ty))
                .collect::<Vec<_>>(),
        )
        .set(
            "__setters__",
            st.fields
                .iter()
                .zip(&types.values)
                .map(|(f, ty)| setter(t, f, ty))
                .collect::<Vec<_>>(),
        )
        .set(
            "__arms__",
            st.fields.iter().map(|f| arm(ir, t, f)).collect::<Vec<_>>(),
        )
        .set(
            "__serialize__",
            st.fields
                .iter()
                .map(|f| statement(serialize_template(t, f), f))
                .collect::<Vec<_>>(),
        )
        .set(
            "__inspect__",
            st.fields
                .iter()
                .filter(|f| worth_inspecting(&f.ty))
                .map(|f| statement(&t.inspect, f))
                .collect::<Vec<_>>(),
        );
    let template = match &st.odata_type {
        Some(odata_type) => {
            fill = fill
                .set("__odata_type__", odata_type.as_str())
                .set(
                    "__const_docs__",
                    docs(&format!(
                        "The `@odata.type` the service expects for this type: {}.",
                        code(odata_type)
                    )),
                )
                .set(
                    "__new_docs__",
                    docs(&format!(
                        "A value with `@odata.type` set to {} and nothing else; [`Default`] leaves `@odata.type` out.",
                        code(odata_type)
                    )),
                );
            &t.items_with_odata
        }
        None => &t.items_plain,
    };
    fill.items(template)
}

fn type_docs(ir: &Ir, returned: &ReturnedBy, def: &TypeDef, st: &StructDef) -> String {
    let mut text = match &def.docs {
        Some(description) => doc_text(description),
        None => match def.group {
            Group::Models => format!("The {} object.", code(&def.display_name())),
            Group::Operations => format!("The {}.", def.display_name()),
        },
    };
    if let Some(base) = st.base {
        text.push_str(&format!(
            "\n\nDerived from {}; its fields come first.",
            model_link(&ir.get(base).rust_name, def.group)
        ));
    }
    if st.is_abstract {
        text.push_str("\n\nAbstract in the schema: payloads normally name a derived type.");
    }
    if let Some(page) = &def.page {
        text.push_str(&format!("\n\nDocumented in {}.", code(page)));
    }
    if let Some(section) = returned.section(ir, def.id) {
        text.push_str(&format!("\n\n{section}"));
    }
    text
}

fn field_docs(ir: &Ir, group: Group, field: &FieldDef) -> String {
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
            "inherited from {}",
            model_link(&ir.get(owner).rust_name, group)
        ));
    }
    text.push_str(&facts.join(", "));
    text.push('.');
    text
}

fn field(
    ir: &Ir,
    t: &StructTemplates,
    group: Group,
    field: &FieldDef,
    ty: &syn::Type,
) -> syn::Field {
    Fill::new()
        .set("__field__", ident(&field.rust_name))
        .set(
            "__docs__",
            doc_attrs(&t.doc, &doc_lines(&field_docs(ir, group, field))),
        )
        .set("__Type__", ty.clone())
        .apply(t.field.clone())
}

fn setter(t: &StructTemplates, field: &FieldDef, value: &syn::Type) -> syn::ImplItem {
    let template = match (&field.ty, field.boxed) {
        (TypeRef::Array(_), false) => &t.setter_array,
        (TypeRef::Array(_), true) => &t.setter_array_boxed,
        (_, false) => &t.setter,
        (_, true) => &t.setter_boxed,
    };
    let doc = format!("Sets {} to `value`.", code(&field.wire_name));
    Fill::new()
        .set("__field__", ident(&field.rust_name))
        .set("__method__", setter_name(&field.rust_name))
        .set("__docs__", doc_attrs(&t.doc, &doc_lines(&doc)))
        .set("__Type__", value.clone())
        .apply(template.clone())
}

fn arm(ir: &Ir, t: &StructTemplates, field: &FieldDef) -> syn::Arm {
    let template = match (&field.ty, is_boxed_struct(ir, field)) {
        (_, true) => &t.arm_boxed,
        (TypeRef::Array(_), false) if !field.boxed => &t.arm_list,
        (TypeRef::Named(id), false) if is_enum(ir, *id) && !field.boxed => &t.arm_enum,
        (_, false) => &t.arm,
    };
    Fill::new()
        .set("__field__", ident(&field.rust_name))
        .set("__wire__", field.wire_name.as_str())
        .apply(template.clone())
}

/// Whether `id` is a generated string enumeration.
fn is_enum(ir: &Ir, id: TypeId) -> bool {
    matches!(ir.get(id).kind, TypeKind::Enum(_))
}

/// Whether the field holds one boxed generated struct (read in place).
fn is_boxed_struct(ir: &Ir, field: &FieldDef) -> bool {
    match &field.ty {
        TypeRef::Named(id) => field.boxed && matches!(ir.get(*id).kind, TypeKind::Struct(_)),
        _ => false,
    }
}

/// The `serialize` statement of `field`: the runtime copies a property
/// name without the escape scan unless the name needs escaping.
fn serialize_template<'t>(t: &'t StructTemplates, field: &FieldDef) -> &'t syn::Stmt {
    let needs_escape = field
        .wire_name
        .bytes()
        .any(|byte| byte < 0x20 || byte == b'"' || byte == b'\\');
    match needs_escape {
        true => &t.serialize_escaped,
        false => &t.serialize,
    }
}

fn statement(template: &syn::Stmt, field: &FieldDef) -> syn::Stmt {
    Fill::new()
        .set("__field__", ident(&field.rust_name))
        .set("__wire__", field.wire_name.as_str())
        .apply(template.clone())
}

/// The syntax trees of a struct's field types (`Box<T>` when boxed) and of
/// the values its builder methods take (the item type for arrays), each
/// distinct type parsed once per struct.
struct FieldTypes {
    fields: Vec<syn::Type>,
    values: Vec<syn::Type>,
}

impl FieldTypes {
    fn of(ir: &Ir, st: &StructDef) -> Result<FieldTypes, EmitError> {
        let mut parsed = BTreeMap::new();
        let mut types = FieldTypes {
            fields: Vec::with_capacity(st.fields.len()),
            values: Vec::with_capacity(st.fields.len()),
        };
        for field in &st.fields {
            types
                .fields
                .push(parsed_type(ir, &mut parsed, &field.ty, field.boxed)?);
            let value = match &field.ty {
                TypeRef::Array(item) => item,
                ty => ty,
            };
            types
                .values
                .push(parsed_type(ir, &mut parsed, value, false)?);
        }
        Ok(types)
    }
}

fn parsed_type(
    ir: &Ir,
    parsed: &mut BTreeMap<(TypeRef, bool), syn::Type>,
    ty: &TypeRef,
    boxed: bool,
) -> Result<syn::Type, EmitError> {
    let key = (ty.clone(), boxed);
    if let Some(known) = parsed.get(&key) {
        return Ok(known.clone());
    }
    let inner = rust_type(ir, ty);
    let tokens = match boxed {
        true => quote::quote!(::std::boxed::Box<#inner>),
        false => inner,
    };
    let tree: syn::Type = super::template::pieces::parse("struct field type", tokens)?;
    parsed.insert(key, tree.clone());
    Ok(tree)
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
