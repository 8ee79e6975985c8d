//! The intermediate representation: named types, their fields and members,
//! and the operations, with every Rust name already decided.
//!
//! Types live in one arena indexed by [`TypeId`]; references between types
//! are ids, so forward and recursive references need no special care. The IR
//! is plain data: it knows neither OpenAPI syntax nor syn.

use serde_json::Value;

/// Index of a type in [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// The whole model of one schema document.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// Every named type, indexed by [`TypeId`], in a deterministic order:
    /// components by qualified name, then families, then operation types.
    pub types: Vec<TypeDef>,
    /// Every operation, sorted by `operation_id`.
    pub operations: Vec<Operation>,
    /// Every place where a value is typed as any JSON value although the
    /// schema states more (a mix of types no union takes, a type the docs
    /// name but the schema could not resolve), sorted by JSON pointer.
    /// `generate` and `check` report them as `untyped` warnings.
    pub untyped: Vec<super::SchemaProblem>,
}

impl Ir {
    /// The type with id `id`.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type whose schema name is `schema_name`, if any.
    pub fn find(&self, schema_name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.schema_name == schema_name)
    }
}

/// One named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// This type's id.
    pub id: TypeId,
    /// The name the schema knows the type by, and the key of the generated
    /// registry: `microsoft.graph.call` for components (a family is known by
    /// its base's name; the base struct itself by `<name>#base`),
    /// `call.mute#request`, `call.listParticipants#response.200` for
    /// operation bodies.
    pub schema_name: String,
    /// The Rust type name, already sanitized and unique.
    pub rust_name: String,
    /// The Rust module (file stem) holding the type, sanitized and unique.
    pub module: String,
    /// Where the module lives: models (components) or operations.
    pub group: Group,
    /// Description from the schema.
    pub docs: Option<String>,
    /// The docs page the type comes from, if known.
    pub page: Option<String>,
    /// What kind of type.
    pub kind: TypeKind,
}

impl TypeDef {
    /// The type's name for docs and error messages: the schema's name for
    /// components (`microsoft.graph.call`, also for a family's base
    /// struct), and for an operation's inline bodies what they are:
    /// `request body of call.mute`, `200 response body of
    /// call.listParticipants` (a property's inline type adds `, property x`).
    pub fn display_name(&self) -> String {
        let name = self.schema_name.trim_end_matches("#base");
        let Some((operation, part)) = name.split_once('#') else {
            return name.to_owned();
        };
        let (body, properties) = match part.split_once('/') {
            Some((body, properties)) => (body, Some(properties.replace('/', "."))),
            None => (part, None),
        };
        let body = match body.strip_prefix("response.") {
            Some(status) => format!("{status} response body of {operation}"),
            None => format!("{body} body of {operation}"),
        };
        match properties {
            Some(properties) => format!("{body}, property {properties}"),
            None => body,
        }
    }
}

/// Which top-level module a type's module is declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// `models`: component types and families.
    Models,
    /// `operations`: request and response bodies defined inline.
    Operations,
}

/// The kinds of named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with fields.
    Struct(StructDef),
    /// A string enumeration.
    Enum(EnumDef),
    /// A polymorphic family dispatched on `@odata.type`.
    Family(FamilyDef),
    /// One of several object types or collections of them (an `anyOf` of
    /// references and arrays of references), dispatched on the JSON shape
    /// and `@odata.type`.
    Union(UnionDef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Fields, inherited ones first (base-first order), then own fields.
    pub fields: Vec<FieldDef>,
    /// The direct base type (a struct), if any.
    pub base: Option<TypeId>,
    /// The `@odata.type` a constructor sets (`#microsoft.graph.call`); `None`
    /// for operation bodies, which have no schema name of their own.
    pub odata_type: Option<String>,
    /// [`crate::contract::ABSTRACT`].
    pub is_abstract: bool,
    /// [`crate::contract::OPEN_TYPE`].
    pub is_open: bool,
    /// Examples from the type's own page.
    pub examples: Vec<Example>,
    /// Where the URL of the resource the value is about is read from, when
    /// it has one (decided by the `resource_url` pass).
    pub resource_url: Option<ResourceUrl>,
}

/// Where a struct's resource URL is read from.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceUrl {
    /// The string field holding the URL (`resourceUrl`), as an index into
    /// [`StructDef::fields`].
    pub field: usize,
    /// Where the URL is read from when that field is absent.
    pub fallback: ResourceUrlFallback,
}

/// The older spelling of a resource URL, read when the current one is absent.
#[derive(Debug, Clone, PartialEq)]
pub enum ResourceUrlFallback {
    /// A string field of the struct, as an index into [`StructDef::fields`].
    Field(usize),
    /// A key among the struct's unknown properties.
    UnknownProperty(String),
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The property name on the wire, exactly as in the schema.
    pub wire_name: String,
    /// The Rust field name, sanitized and unique in the struct.
    pub rust_name: String,
    /// Description from the schema.
    pub docs: Option<String>,
    /// The value's type.
    pub ty: TypeRef,
    /// Whether the schema allows `null` (every field keeps absent and null
    /// apart regardless).
    pub nullable: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// Whether the value is held in a `Box`: every struct or family field
    /// is (the `cycles` pass), which also breaks cycles of inline
    /// containment.
    pub boxed: bool,
    /// The struct that declares the field, when it is inherited.
    pub inherited_from: Option<TypeId>,
}

/// A reference to a type from a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A scalar.
    Primitive(Primitive),
    /// A named type (struct, enum or family).
    Named(TypeId),
    /// A JSON array of the item type.
    Array(Box<TypeRef>),
    /// A nullable item inside an array.
    Nullable(Box<TypeRef>),
    /// Any JSON value (the schema does not say).
    Any,
}

/// Scalar types, with the schema's `format` where it matters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    /// A string; `format` (`date-time`, `duration`, `uuid`, ...) kept for docs.
    String {
        /// The schema's `format`, if any.
        format: Option<String>,
    },
    /// `boolean`.
    Boolean,
    /// `integer` with format `uint8`.
    U8,
    /// `integer` with format `int16`.
    I16,
    /// `integer` with format `int32`.
    I32,
    /// `integer` with format `int64` or no format.
    I64,
    /// `number` (any format): kept exactly as written on the wire.
    Number {
        /// The schema's `format`, if any.
        format: Option<String>,
    },
}

/// A string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Members in schema order.
    pub members: Vec<EnumMember>,
    /// The Rust name of the catch-all member holding unlisted values.
    pub catch_all: String,
    /// [`crate::contract::INLINE_ENUM`]: made from a "Possible values" list.
    pub inline: bool,
}

/// One member of an enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// The value on the wire.
    pub wire_name: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// A polymorphic family: a base type and its descendants.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyDef {
    /// The base struct.
    pub base: TypeId,
    /// The base's qualified name (`microsoft.graph.mediaConfig`).
    pub base_type_name: String,
    /// The base first, then every descendant in mapping order.
    pub members: Vec<FamilyMember>,
    /// The Rust name of the member holding a raw JSON object whose
    /// `@odata.type` names no member.
    pub unrecognized: String,
}

/// One member of a family.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyMember {
    /// The struct.
    pub ty: TypeId,
    /// The qualified type name the discriminator gives, without `#`.
    pub type_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// Whether the variant's value is boxed (it is much larger than the others
    /// or part of a cycle).
    pub boxed: bool,
}

/// A union of object types and collections of them.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// The alternatives in schema order; collections are told apart by their items' `@odata.type`.
    pub alternatives: Vec<UnionAlternative>,
    /// The Rust name of the member holding JSON no alternative takes.
    pub unrecognized: String,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionAlternative {
    /// A struct or a family.
    pub ty: TypeId,
    /// Whether the alternative is an array of `ty` rather than one value.
    pub collection: bool,
    /// The Rust variant name.
    pub rust_name: String,
}

/// One operation (an HTTP method on a path).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `call.mute`.
    pub operation_id: String,
    /// The Rust function name for the operation, sanitized (`call_mute`).
    pub rust_name: String,
    /// The Rust type of the request value, unique among the crate's types
    /// (`CallMute`).
    pub type_name: String,
    /// The module (file stem) of the operation in the operations group,
    /// shared with its inline bodies (`call_mute`).
    pub module: String,
    /// HTTP method, uppercase.
    pub method: String,
    /// The current path template, `/communications/calls/{call-id}/mute`.
    pub path: String,
    /// The template split into literal text and path parameters, in order;
    /// every parameter piece names a path parameter of `parameters`.
    pub path_pieces: Vec<PathPiece>,
    /// Deprecated alternative paths.
    pub deprecated_paths: Vec<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub docs: Option<String>,
    /// The docs page.
    pub page: Option<String>,
    /// Path and query parameters in schema order.
    pub parameters: Vec<Parameter>,
    /// The request body, if any.
    pub request_body: Option<Body>,
    /// Responses sorted by status.
    pub responses: Vec<Response>,
    /// Notifications the service posts to the callback URI.
    pub callbacks: Vec<Callback>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathPiece {
    /// Literal text (`/communications/calls/`).
    Literal(String),
    /// A `{name}` placeholder: the wire name of a path parameter.
    Parameter(String),
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The wire name (`call-id`).
    pub wire_name: String,
    /// The Rust argument name (`call_id`).
    pub rust_name: String,
    /// `path` or `query`.
    pub location: ParameterLocation,
    /// `required`.
    pub required: bool,
    /// The value's type.
    pub ty: TypeRef,
    /// Description.
    pub docs: Option<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParameterLocation {
    /// A `{name}` segment of the path.
    Path,
    /// A query string parameter.
    Query,
    /// A request header.
    Header,
}

/// A JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The body's type (`None` when the schema gives none).
    pub ty: Option<TypeRef>,
    /// `required`.
    pub required: bool,
    /// Documented examples of the body.
    pub examples: Vec<Example>,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `200`, `201`, `202`, `204`, `default`.
    pub status: String,
    /// Description.
    pub docs: Option<String>,
    /// The body, when the response has content.
    pub body: Option<Body>,
}

/// A notification the service posts back.
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    /// The callback's name (`notifications`).
    pub name: String,
    /// The URL expression (`{$request.body#/callbackUri}`).
    pub expression: String,
    /// HTTP method, uppercase.
    pub method: String,
    /// The posted body.
    pub body: Option<Body>,
}

/// A documented example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The key in the schema's `examples` map (or `<page-stem>-<n>`).
    pub name: String,
    /// The heading of the example.
    pub summary: Option<String>,
    /// The JSON as documented.
    pub value: Value,
    /// The docs page.
    pub page: Option<String>,
    /// The first line of the JSON text on the page.
    pub line: Option<u64>,
    /// Whether the docs mark the example as truncated.
    pub truncated: bool,
}
