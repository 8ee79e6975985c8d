//! Which structs carry the URL of the resource they are about, and where it
//! is read from: a string `resourceUrl` property (notifications, operations),
//! with the 2019 docs' `resource` as the fallback, a property of the struct
//! when the schema declares it, else a key among its unknown properties.
//! The emitter gives such a struct a `resource_path()`.

use super::model::{
    FieldDef, Primitive, ResourceUrl, ResourceUrlFallback, StructDef, TypeDef, TypeKind, TypeRef,
};

/// The wire name of the resource URL property.
const RESOURCE_URL: &str = "resourceUrl";

/// The 2019 docs' spelling of the same property.
const RESOURCE: &str = "resource";

/// Decides [`StructDef::resource_url`] for every struct.
pub(super) fn mark(types: &mut [TypeDef]) {
    for def in types {
        if let TypeKind::Struct(st) = &mut def.kind {
            st.resource_url = resource_url(st);
        }
    }
}

fn resource_url(st: &StructDef) -> Option<ResourceUrl> {
    let field = string_field(&st.fields, RESOURCE_URL)?;
    let fallback = match string_field(&st.fields, RESOURCE) {
        Some(index) => ResourceUrlFallback::Field(index),
        None => ResourceUrlFallback::UnknownProperty(RESOURCE.to_owned()),
    };
    Some(ResourceUrl { field, fallback })
}

/// The index of the unboxed string field named `wire_name`.
fn string_field(fields: &[FieldDef], wire_name: &str) -> Option<usize> {
    fields.iter().position(|f| {
        f.wire_name == wire_name
            && !f.boxed
            && matches!(f.ty, TypeRef::Primitive(Primitive::String { .. }))
    })
}
