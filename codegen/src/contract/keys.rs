//! Every key and prefix of the schema conventions, spelled once.
//!
//! The `x-callgen-*` extensions carry what OpenAPI has no word for; the
//! records in this module say where each one goes and what it holds.

/// The prefix of component names (`microsoft.graph.call`).
pub const NAMESPACE: &str = "microsoft.graph.";

/// The prefix of a `$ref` to a component.
pub const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Object schema: the type is abstract (`true` when present).
pub const ABSTRACT: &str = "x-callgen-abstract";

/// Object schema: the type is open (takes undeclared properties).
pub const OPEN_TYPE: &str = "x-callgen-open-type";

/// Object schema: the name of the type's key property.
pub const KEY: &str = "x-callgen-key";

/// Object schema or operation: the docs page it comes from.
pub const PAGE: &str = "x-callgen-page";

/// Object schema: the examples of the type's own page, an array of
/// Example objects.
pub const EXAMPLES: &str = "x-callgen-examples";

/// Enum schema: the values come from a property's "Possible values" list.
pub const INLINE_ENUM: &str = "x-callgen-inline-enum";

/// Property schema: the docs' own text for the property's type.
pub const DOCUMENTED_AS: &str = "x-callgen-documented-as";

/// Operation: older paths of the same operation, still served.
pub const DEPRECATED_PATHS: &str = "x-callgen-deprecated-paths";

/// Operation: other current paths of the same operation.
pub const ALTERNATE_PATHS: &str = "x-callgen-alternate-paths";

/// Example object: where it was documented, `{"page": ..., "line": ...}`.
pub const SOURCE: &str = "x-callgen-source";

/// Example object: the docs elide part of the payload.
pub const TRUNCATED: &str = "x-callgen-truncated";

/// Example object in an array: its name (an `examples` map names it by
/// its key instead).
pub const NAME: &str = "x-callgen-name";

/// The page of an example's source record.
pub const SOURCE_PAGE: &str = "page";
/// The line of an example's source record.
pub const SOURCE_LINE: &str = "line";
