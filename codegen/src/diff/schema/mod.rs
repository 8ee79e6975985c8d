//! A read-only view of a callgen OpenAPI document for comparison and
//! drawing: object types with their own properties and base, enumerations,
//! and operations keyed by `operationId`.
//!
//! It reads the conventions of ARCHITECTURE.md ("The schema conventions")
//! and is lenient: whatever it does not understand becomes a [`Problem`]
//! with its JSON Pointer and an [`TypeExpr::Unknown`] placeholder, never a
//! panic. It deliberately ignores descriptions of operations, examples,
//! callbacks and every extension of the [`crate::contract`] except the ones
//! that change what a type or an operation is (abstract, open type, inline
//! enum, page, deprecated paths), which it reads through the contract's
//! lenient mode. It knows nothing of Rust or of how changes are judged.

mod read;

use serde_json::Value;
use std::collections::BTreeMap;

/// The types and operations of one document.
#[derive(Debug, Clone, Default)]
pub struct SchemaView {
    /// Types by short name (`call`, not `microsoft.graph.call`).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations by `operationId`.
    pub operations: BTreeMap<String, OperationDef>,
    /// Parts of the document that were not understood, in document order.
    pub problems: Vec<Problem>,
}

/// Something in the document that was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON Pointer (RFC 6901) to the offending value.
    pub pointer: String,
    /// What was wrong, without a trailing period.
    pub message: String,
}

/// A component schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeDef {
    /// An object type.
    Object(ObjectDef),
    /// A string enumeration.
    Enum(EnumDef),
}

/// An object type: its base and its own properties.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ObjectDef {
    /// The short name of the base type (`allOf` `$ref`), if any.
    pub base: Option<String>,
    /// [`crate::contract::ABSTRACT`].
    pub is_abstract: bool,
    /// [`crate::contract::OPEN_TYPE`].
    pub open_type: bool,
    /// Own properties in document order.
    pub properties: Vec<Property>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnumDef {
    /// The values in document order.
    pub values: Vec<String>,
    /// [`crate::contract::INLINE_ENUM`]: the values came from a property description.
    pub inline: bool,
}

/// A property of an object type or of an inline request body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// Its type, without nullability.
    pub ty: TypeExpr,
    /// Whether `null` is allowed.
    pub nullable: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// Listed in the enclosing object's `required`.
    pub required: bool,
    /// The description, empty when absent.
    pub description: String,
}

/// The type of a property, body or response.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeExpr {
    /// A primitive in the docs' spelling: `String`, `Int32`, `DateTimeOffset`.
    Primitive(String),
    /// A component, by short name.
    Named(String),
    /// `X collection`.
    Collection(Box<TypeExpr>),
    /// One of several types (`anyOf`/`oneOf` with more than one non-null member).
    Union(Vec<TypeExpr>),
    /// An object schema written in place (request bodies, list responses).
    InlineObject(Vec<Property>),
    /// An empty schema (or one of annotations only): any JSON.
    Any,
    /// A schema this view does not understand, as compact JSON.
    Unknown(String),
}

impl TypeExpr {
    /// Every component name this type mentions, in order.
    pub fn named_types(&self) -> Vec<&str> {
        let mut names = Vec::new();
        self.collect_names(&mut names);
        names
    }

    fn collect_names<'a>(&'a self, names: &mut Vec<&'a str>) {
        match self {
            TypeExpr::Named(name) => names.push(name),
            TypeExpr::Collection(item) => item.collect_names(names),
            TypeExpr::Union(members) => members.iter().for_each(|m| m.collect_names(names)),
            TypeExpr::InlineObject(properties) => {
                properties.iter().for_each(|p| p.ty.collect_names(names))
            }
            TypeExpr::Primitive(_) | TypeExpr::Any | TypeExpr::Unknown(_) => {}
        }
    }

    /// Whether both describe the same values: equal but for the
    /// descriptions of inline properties.
    pub fn same_shape(&self, other: &TypeExpr) -> bool {
        self.without_descriptions() == other.without_descriptions()
    }

    fn without_descriptions(&self) -> TypeExpr {
        match self {
            TypeExpr::Collection(item) => {
                TypeExpr::Collection(Box::new(item.without_descriptions()))
            }
            TypeExpr::Union(members) => {
                TypeExpr::Union(members.iter().map(TypeExpr::without_descriptions).collect())
            }
            TypeExpr::InlineObject(properties) => TypeExpr::InlineObject(
                properties
                    .iter()
                    .map(|p| Property {
                        ty: p.ty.without_descriptions(),
                        description: String::new(),
                        ..p.clone()
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Whether this is a collection (at the top level).
    pub fn is_collection(&self) -> bool {
        matches!(self, TypeExpr::Collection(_))
    }
}

/// One operation (one method of one path item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationDef {
    /// `operationId`, or `METHOD path` when absent.
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The current path (the path item's key).
    pub path: String,
    /// [`crate::contract::DEPRECATED_PATHS`], sorted.
    pub deprecated_paths: Vec<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The lowest documented 2xx status, if any.
    pub status: Option<String>,
    /// The schema of that response's JSON content, if it has content.
    pub response: Option<TypeExpr>,
    /// The request body, if any.
    pub request_body: Option<RequestBody>,
    /// [`crate::contract::PAGE`].
    pub page: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    /// `requestBody.required`.
    pub required: bool,
    /// The schema of its JSON content.
    pub ty: TypeExpr,
}

impl SchemaView {
    /// Reads `document`, recording what it does not understand.
    pub fn read(document: &Value) -> SchemaView {
        read::read(document)
    }

    /// The object type `name`, if it is one.
    pub fn object(&self, name: &str) -> Option<&ObjectDef> {
        match self.types.get(name) {
            Some(TypeDef::Object(object)) => Some(object),
            _ => None,
        }
    }

    /// The enumeration `name`, if it is one.
    pub fn enumeration(&self, name: &str) -> Option<&EnumDef> {
        match self.types.get(name) {
            Some(TypeDef::Enum(enumeration)) => Some(enumeration),
            _ => None,
        }
    }

    /// The bases of `name`, nearest first, stopping at a cycle or an unknown type.
    pub fn ancestors(&self, name: &str) -> Vec<&str> {
        let mut chain: Vec<&str> = Vec::new();
        let mut current = self.object(name).and_then(|o| o.base.as_deref());
        while let Some(base) = current {
            if base == name || chain.contains(&base) {
                break;
            }
            chain.push(base);
            current = self.object(base).and_then(|o| o.base.as_deref());
        }
        chain
    }

    /// `expr` in the docs' words: `participantInfo collection`,
    /// `enum callState`, `inline enum recordingInfoStatus`, `String`.
    pub fn describe(&self, expr: &TypeExpr) -> String {
        match expr {
            TypeExpr::Primitive(name) => name.clone(),
            TypeExpr::Named(name) => match self.enumeration(name) {
                Some(e) if e.inline => format!("inline enum {name}"),
                Some(_) => format!("enum {name}"),
                None => name.clone(),
            },
            TypeExpr::Collection(item) => format!("{} collection", self.describe(item)),
            TypeExpr::Union(members) => {
                let parts: Vec<String> = members.iter().map(|m| self.describe(m)).collect();
                parts.join(" or ")
            }
            TypeExpr::InlineObject(properties) => self.describe_inline_object(properties),
            TypeExpr::Any => "any JSON".to_string(),
            TypeExpr::Unknown(json) => format!("unrecognized schema {json}"),
        }
    }

    fn describe_inline_object(&self, properties: &[Property]) -> String {
        if let [only] = properties {
            if only.name == "value" && only.ty.is_collection() {
                return format!("{} (list)", self.describe(&only.ty));
            }
        }
        let fields: Vec<String> = properties
            .iter()
            .map(|p| format!("{}: {}", p.name, self.describe(&p.ty)))
            .collect();
        format!("object {{{}}}", fields.join(", "))
    }
}
