//! `components.schemas` -> struct and enum types, inheritance flattened
//! base-first, and one family per base that has a discriminator mapping.

use super::builder::{Builder, OwnFields, pointer_segment, str_at, text_at, trimmed};
use super::model::*;
use super::naming::{ModuleHint, NameHint};
use super::schema::{enum_def, examples_at, properties};
use super::site::Site;
use crate::contract::{self, EXAMPLES, ObjectExtensions};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

const SCHEMAS: &str = "/components/schemas";

fn schemas<'v>(b: &mut Builder<'v>) -> Option<&'v Map<String, Value>> {
    let doc = b.doc;
    match doc.pointer(SCHEMAS) {
        None => None,
        Some(Value::Object(map)) => Some(map),
        Some(_) => {
            b.problem(SCHEMAS, "components.schemas must be an object");
            None
        }
    }
}

/// The unqualified name: `microsoft.graph.call` gives `call`.
fn short_name(qualified: &str) -> &str {
    qualified.rsplit('.').next().unwrap_or(qualified)
}

/// Allocates an id for every component (sorted by qualified name), then one
/// for every family, so references resolve before any schema is converted.
pub(super) fn allocate(b: &mut Builder) {
    let Some(schemas) = schemas(b) else { return };
    let names: BTreeSet<&String> = schemas.keys().collect();
    for name in &names {
        let schema = &schemas[name.as_str()];
        let kind = if schema.get("enum").is_some() {
            TypeKind::Enum(EnumDef {
                members: Vec::new(),
                catch_all: String::new(),
                inline: false,
            })
        } else {
            TypeKind::Struct(StructDef {
                fields: Vec::new(),
                base: None,
                odata_type: Some(format!("#{name}")),
                is_abstract: false,
                is_open: false,
                examples: Vec::new(),
                resource_url: None,
            })
        };
        let hint = NameHint {
            raw: short_name(name).to_owned(),
            module: ModuleHint::Own,
        };
        let id = b.allocate((*name).clone(), Group::Models, kind, hint);
        b.components.insert((*name).clone(), id);
    }
    for name in &names {
        let has_mapping = schemas[name.as_str()]
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        let Some(&base) = b.components.get(name.as_str()) else {
            continue;
        };
        if !has_mapping || !matches!(b.types[base.0].kind, TypeKind::Struct(_)) {
            continue;
        }
        let hint = NameHint {
            raw: format!("any {}", short_name(name)),
            module: ModuleHint::SameAs(base),
        };
        let family = b.allocate(
            (*name).clone(),
            Group::Models,
            TypeKind::Family(FamilyDef {
                base,
                base_type_name: (*name).clone(),
                members: Vec::new(),
                unrecognized: String::new(),
            }),
            hint,
        );
        b.types[base.0].schema_name = format!("{name}#base");
        b.families.insert((*name).clone(), family);
    }
}

/// Converts every component schema into its allocated type.
pub(super) fn convert(b: &mut Builder) {
    let Some(schemas) = schemas(b) else { return };
    let ids: Vec<(String, TypeId)> = b
        .components
        .iter()
        .map(|(n, id)| (n.clone(), *id))
        .collect();
    for (name, id) in ids {
        let schema = &schemas[name.as_str()];
        let pointer = format!("{SCHEMAS}/{}", pointer_segment(&name));
        if !schema.is_object() {
            b.problem(&pointer, "a component schema must be an object");
            continue;
        }
        b.types[id.0].docs = text_at(schema, "description");
        let extensions: ObjectExtensions = b.extensions(schema, &pointer);
        b.types[id.0].page = trimmed(extensions.page.clone());
        if matches!(b.types[id.0].kind, TypeKind::Enum(_)) {
            let def = enum_def(b, schema, &pointer, false);
            b.types[id.0].kind = TypeKind::Enum(def);
            continue;
        }
        convert_struct(b, id, &name, schema, &pointer, &extensions);
    }
}

fn convert_struct(
    b: &mut Builder,
    id: TypeId,
    name: &str,
    schema: &Value,
    pointer: &str,
    extensions: &ObjectExtensions,
) {
    let site = Site {
        pointer: pointer.to_owned(),
        schema_name: name.to_owned(),
        name_hint: short_name(name).to_owned(),
        group: Group::Models,
        module: ModuleHint::SameAs(id),
    };
    let base = base_of(b, schema, pointer);
    let fields = properties(b, schema, &site);
    let examples = examples_at(b, schema.get(EXAMPLES), &format!("{pointer}/{EXAMPLES}"));
    if let TypeKind::Struct(def) = &mut b.types[id.0].kind {
        def.is_abstract = extensions.is_abstract;
        def.is_open = extensions.open_type;
        def.base = base;
        def.examples = examples;
    }
    b.own_fields.insert(id, OwnFields { fields });
}

/// The base named by `allOf: [{"$ref": ...}]`, which must be a struct.
fn base_of(b: &mut Builder, schema: &Value, pointer: &str) -> Option<TypeId> {
    let all_of = schema.get("allOf")?.as_array()?;
    let mut bases = all_of
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, str_at(s, "$ref")?)));
    let (index, reference) = bases.next()?;
    let at = format!("{pointer}/allOf/{index}/$ref");
    if bases.next().is_some() {
        b.problem(
            &format!("{pointer}/allOf"),
            "more than one base type; only the first is used",
        );
    }
    let target = contract::ref_target(reference);
    match target.and_then(|t| b.components.get(t)).copied() {
        Some(base) if matches!(b.types[base.0].kind, TypeKind::Struct(_)) => Some(base),
        Some(_) => {
            b.problem(&at, format!("base `{reference}` is not an object type"));
            None
        }
        None => {
            b.problem(
                &at,
                format!("base `{reference}` is not in components.schemas"),
            );
            None
        }
    }
}

/// Sets every struct's fields to its bases' fields (base-first) followed by
/// its own; an own property with an inherited name replaces the inherited
/// one in place.
pub(super) fn flatten_inheritance(b: &mut Builder) {
    let ids: Vec<TypeId> = b.own_fields.keys().copied().collect();
    for id in ids {
        let chain = match base_chain(b, id) {
            Ok(chain) => chain,
            Err(message) => {
                let pointer = format!(
                    "{SCHEMAS}/{}/allOf",
                    pointer_segment(&b.types[id.0].schema_name)
                );
                b.problem(&pointer, message);
                continue;
            }
        };
        let mut fields: Vec<FieldDef> = Vec::new();
        for ancestor in chain.iter().rev() {
            let inherited = (*ancestor != id).then_some(*ancestor);
            let own = b
                .own_fields
                .get(ancestor)
                .map(|o| o.fields.clone())
                .unwrap_or_default();
            for mut field in own {
                field.inherited_from = inherited;
                match fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                    Some(existing) => *existing = field,
                    None => fields.push(field),
                }
            }
        }
        if let TypeKind::Struct(def) = &mut b.types[id.0].kind {
            def.fields = fields;
        }
    }
}

/// `id`, its base, its base's base, ...; an error when the chain loops.
fn base_chain(b: &Builder, id: TypeId) -> Result<Vec<TypeId>, String> {
    let mut chain = vec![id];
    let mut current = id;
    while let TypeKind::Struct(StructDef {
        base: Some(base), ..
    }) = &b.types[current.0].kind
    {
        if chain.contains(base) {
            return Err(format!(
                "inheritance loops through `{}`",
                b.types[base.0].schema_name.trim_end_matches("#base")
            ));
        }
        chain.push(*base);
        current = *base;
    }
    Ok(chain)
}

/// Fills every family with its base and descendants: the discriminator
/// mapping's entries in order, then any descendant found through `allOf`
/// that the mapping forgot, by name.
pub(super) fn build_families(b: &mut Builder) {
    let Some(schemas) = schemas(b) else { return };
    let families: Vec<(String, TypeId)> =
        b.families.iter().map(|(n, id)| (n.clone(), *id)).collect();
    let descendants = descendants_by_base(b);
    for (name, family) in families {
        let Some(&base) = b.components.get(&name) else {
            continue;
        };
        let pointer = format!("{SCHEMAS}/{}/discriminator", pointer_segment(&name));
        let mut members = vec![member(base, &name)];
        let mapping = schemas[name.as_str()]
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object);
        for (key, target) in mapping.into_iter().flatten() {
            let target_name = target.as_str().and_then(contract::ref_target);
            let at = format!("{pointer}/mapping/{}", pointer_segment(key));
            match target_name.and_then(|t| b.components.get(t).map(|id| (t, *id))) {
                Some((_, id)) if !matches!(b.types[id.0].kind, TypeKind::Struct(_)) => {
                    b.problem(&at, "mapping target is not an object type");
                }
                Some((_, id)) => {
                    if members.iter().all(|m| m.ty != id) {
                        members.push(member(id, key.trim_start_matches('#')));
                    }
                }
                None => b.problem(
                    &at,
                    format!("mapping target {target} is not in components.schemas"),
                ),
            }
        }
        for (descendant, descendant_name) in descendants.get(&base).into_iter().flatten() {
            if members.iter().all(|m| m.ty != *descendant) {
                members.push(member(*descendant, descendant_name));
            }
        }
        if let TypeKind::Family(def) = &mut b.types[family.0].kind {
            def.members = members;
        }
    }
}

fn member(ty: TypeId, qualified_name: &str) -> FamilyMember {
    FamilyMember {
        ty,
        type_name: qualified_name.to_owned(),
        rust_name: String::new(),
        boxed: false,
    }
}

/// Every struct's transitive descendants, sorted by qualified name.
fn descendants_by_base(b: &Builder) -> BTreeMap<TypeId, Vec<(TypeId, String)>> {
    let mut out: BTreeMap<TypeId, Vec<(TypeId, String)>> = BTreeMap::new();
    for (name, &id) in &b.components {
        let Ok(chain) = base_chain(b, id) else {
            continue;
        };
        for ancestor in chain.into_iter().skip(1) {
            out.entry(ancestor).or_default().push((id, name.clone()));
        }
    }
    out
}
