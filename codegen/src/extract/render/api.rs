//! The extracted API, decided and resolved, before it is written as
//! OpenAPI: object types, enumerations, operations, each with the examples
//! that belong to it.
//!
//! Every decision (which base, which property type, which enum) has been
//! taken when a value of these types exists; [`crate::extract::render::openapi`] only writes.

use std::collections::BTreeMap;

use crate::extract::decide::names::Resolved;
use crate::extract::read::examples::ExampleDoc;

/// The whole extracted API.
#[derive(Debug, Clone, Default)]
pub(crate) struct Api {
    /// Object types by name.
    pub(crate) types: BTreeMap<String, ObjectType>,
    /// Enumerations by name.
    pub(crate) enums: BTreeMap<String, EnumType>,
    /// Operations, ordered by path then method.
    pub(crate) operations: Vec<Operation>,
}

/// A documented object type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ObjectType {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    /// The page, relative to the docs root, `/`-separated.
    pub(crate) page: String,
    pub(crate) base: Option<String>,
    /// Own properties in documented order.
    pub(crate) properties: Vec<Property>,
    pub(crate) is_abstract: bool,
    pub(crate) open_type: bool,
    pub(crate) key: Option<String>,
    /// Examples shown on the type's page.
    pub(crate) examples: Vec<ExampleDoc>,
}

/// A property (or request-body parameter).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property {
    pub(crate) name: String,
    pub(crate) ty: Resolved,
    pub(crate) description: Option<String>,
    pub(crate) read_only: bool,
    pub(crate) nullable: bool,
    /// The docs' type text when the schema had to choose between
    /// alternatives (unions, table vs JSON representation).
    pub(crate) documented_as: Option<String>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnumType {
    pub(crate) name: String,
    pub(crate) values: Vec<String>,
    pub(crate) description: Option<String>,
    /// Made from an inline "Possible values are ..." list or placeholder.
    pub(crate) inline: bool,
}

/// A documented operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// The path template, `/communications/calls/{call-id}/mute`.
    pub(crate) path: String,
    /// Lowercase HTTP method.
    pub(crate) method: String,
    pub(crate) operation_id: String,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    /// Path parameter names in path order.
    pub(crate) parameters: Vec<PathParameter>,
    /// Deprecated `/app/...` forms of the path.
    pub(crate) deprecated_paths: Vec<String>,
    /// Other documented paths of the same operation.
    pub(crate) alternate_paths: Vec<String>,
    pub(crate) body: Option<Body>,
    pub(crate) request_examples: Vec<ExampleDoc>,
    pub(crate) response: Response,
    pub(crate) notifications: Vec<ExampleDoc>,
    /// The callback key (a runtime expression or URL template).
    pub(crate) callback_key: String,
    /// The notification payload type.
    pub(crate) notification_type: Option<Resolved>,
    /// The method page, `/`-separated.
    pub(crate) page: String,
    /// The page line of the request line the operation comes from.
    pub(crate) line: usize,
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathParameter {
    pub(crate) name: String,
    /// The type whose key the parameter is.
    pub(crate) item_type: String,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// A documented type (`a JSON representation of a call`).
    Type(Resolved),
    /// An object of parameters.
    Parameters(Vec<Property>),
}

/// The documented success response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) content: Option<ResponseContent>,
    pub(crate) examples: Vec<ExampleDoc>,
}

/// What a success response carries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ResponseContent {
    /// One value of a type.
    Single(Resolved),
    /// `{"value": [...]}` of a type.
    List(Resolved),
}

impl ResponseContent {
    /// The type of the value or of each list item.
    pub(crate) fn item(&self) -> &Resolved {
        match self {
            ResponseContent::Single(r) | ResponseContent::List(r) => r,
        }
    }
}
