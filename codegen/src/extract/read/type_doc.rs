//! What a resource page says, as the readers hand it on: [`TypeDoc`] and
//! its rows. Read by [`crate::extract::read::types`] (with
//! [`crate::extract::read::align`] and [`crate::extract::read::relations`]
//! helping), used by the closure and the deciders.

use std::path::PathBuf;

use crate::docs::model::Link;
use crate::extract::read::template::Hint;
use crate::extract::read::type_expr::TypeExpr;

/// What one resource page documents about its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeDoc {
    /// The type's name in the docs' camelCase spelling.
    pub(crate) name: String,
    /// The page, relative to the docs root.
    pub(crate) page: PathBuf,
    /// The line of the page heading (or 1).
    pub(crate) line: usize,
    /// The page's description (front matter, else first intro paragraph).
    pub(crate) description: Option<String>,
    /// Properties and relationships, in JSON-representation order, then
    /// table-only ones in table order.
    pub(crate) properties: Vec<PropertyDoc>,
    /// `baseType` of the resource metadata.
    pub(crate) base_metadata: BaseMetadata,
    /// "Inherits from [x]" prose: the base named there and its line.
    pub(crate) inherits_from: Option<(TypeExpr, usize)>,
    /// Types listed in a "Derived types" table, with their lines.
    pub(crate) derived: Vec<(TypeExpr, usize)>,
    /// `abstract` in the resource metadata.
    pub(crate) is_abstract: bool,
    /// `openType` in the resource metadata.
    pub(crate) open_type: bool,
    /// `keyProperty` in the resource metadata.
    pub(crate) key: Option<String>,
    /// Rows of the Methods table.
    pub(crate) methods: Vec<MethodRow>,
    /// Type names mentioned by `@odata.type` in the JSON representation.
    pub(crate) template_types: Vec<String>,
    /// Links in the page's prose (for the closure).
    pub(crate) prose_links: Vec<Link>,
}

/// The `baseType` of a resource metadata comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BaseMetadata {
    /// No `baseType` key.
    Absent,
    /// `"baseType": null`: explicitly no base.
    Null,
    /// `"baseType": "microsoft.graph.x"`, with the metadata's line.
    Named(String, usize),
}

/// One row of a Methods table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MethodRow {
    /// The method page's lowercased stem.
    pub(crate) page_stem: String,
    /// The link text (`Get`, `Invite participants`).
    pub(crate) text: String,
    /// The documented return type, if any.
    pub(crate) returns: Option<TypeExpr>,
    /// The row's line.
    pub(crate) line: usize,
}

/// One property as the page documents it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PropertyDoc {
    /// The real name (from the template where the table translated it).
    pub(crate) name: String,
    /// The table row, if the tables document the property.
    pub(crate) row: Option<PropertyRow>,
    /// The template hint and its line, if the template has the property.
    pub(crate) template: Option<(Hint, usize)>,
}

impl PropertyDoc {
    /// The line to report problems with this property at.
    pub(crate) fn line(&self) -> usize {
        match (&self.row, &self.template) {
            (Some(row), _) => row.line,
            (None, Some((_, line))) => *line,
            (None, None) => 0,
        }
    }
}

/// A property or parameter table row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PropertyRow {
    /// The name as written in the table.
    pub(crate) written_name: String,
    /// The type, when the type text could be read.
    pub(crate) ty: Option<TypeExpr>,
    /// The type text as written.
    pub(crate) type_text: String,
    /// The description, plain.
    pub(crate) description: String,
    /// Values of an inline "Possible values are ..." list.
    pub(crate) values: Option<Vec<String>>,
    /// "Read-only" / 只读 in the description.
    pub(crate) read_only: bool,
    /// "Nullable" / 可为空 in the description.
    pub(crate) nullable: bool,
    /// From the Relationships table.
    pub(crate) relationship: bool,
    /// The row's line.
    pub(crate) line: usize,
}
