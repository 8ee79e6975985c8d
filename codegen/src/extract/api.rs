//! The extracted API, decided and resolved, before it is written as
//! OpenAPI: object types, enumerations, operations, each with the examples
//! that belong to it.
//!
//! Every decision (which base, which property type, which enum) has been
//! taken when a value of these types exists; [`super::openapi`] only writes.

use std::collections::BTreeMap;

use super::examples::ExampleDoc;
use super::names::Resolved;

/// The whole extracted API.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// Object types by name.
    pub types: BTreeMap<String, ObjectType>,
    /// Enumerations by name.
    pub enums: BTreeMap<String, EnumType>,
    /// Operations, ordered by path then method.
    pub operations: Vec<Operation>,
}

/// A documented object type.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectType {
    pub name: String,
    pub description: Option<String>,
    /// The page, relative to the docs root, `/`-separated.
    pub page: String,
    pub base: Option<String>,
    /// Own properties in documented order.
    pub properties: Vec<Property>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub key: Option<String>,
    /// Examples shown on the type's page.
    pub examples: Vec<ExampleDoc>,
}

/// A property (or request-body parameter).
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub name: String,
    pub ty: Resolved,
    pub description: Option<String>,
    pub read_only: bool,
    pub nullable: bool,
    /// The docs' type text when the schema had to choose between
    /// alternatives (unions, table vs JSON representation).
    pub documented_as: Option<String>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumType {
    pub name: String,
    pub values: Vec<String>,
    pub description: Option<String>,
    /// Made from an inline "Possible values are ..." list or placeholder.
    pub inline: bool,
}

/// A documented operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The path template, `/communications/calls/{call-id}/mute`.
    pub path: String,
    /// Lowercase HTTP method.
    pub method: String,
    pub operation_id: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Path parameter names in path order.
    pub parameters: Vec<PathParameter>,
    /// Deprecated `/app/...` forms of the path.
    pub deprecated_paths: Vec<String>,
    /// Other documented paths of the same operation.
    pub alternate_paths: Vec<String>,
    pub body: Option<Body>,
    pub request_examples: Vec<ExampleDoc>,
    pub response: Response,
    pub notifications: Vec<ExampleDoc>,
    /// The callback key (a runtime expression or URL template).
    pub callback_key: String,
    /// The notification payload type.
    pub notification_type: Option<Resolved>,
    /// The method page, `/`-separated.
    pub page: String,
    /// The page line of the request line the operation comes from.
    pub line: usize,
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathParameter {
    pub name: String,
    /// The type whose key the parameter is.
    pub item_type: String,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A documented type (`a JSON representation of a call`).
    Type(Resolved),
    /// An object of parameters.
    Parameters(Vec<Property>),
}

/// The documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content: Option<ResponseContent>,
    pub examples: Vec<ExampleDoc>,
}

/// What a success response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseContent {
    /// One value of a type.
    Single(Resolved),
    /// `{"value": [...]}` of a type.
    List(Resolved),
}

impl ResponseContent {
    /// The type of the value or of each list item.
    pub fn item(&self) -> &Resolved {
        match self {
            ResponseContent::Single(r) | ResponseContent::List(r) => r,
        }
    }
}
