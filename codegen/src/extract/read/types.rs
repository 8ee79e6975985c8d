//! Resource pages -> [`TypeDoc`]: what a page says about one type.
//!
//! Reads the property and relationship tables, the JSON representation
//! template, the resource metadata (`@odata.type`, `baseType`, `abstract`,
//! `openType`, `keyProperty`), the "Derived types" table, "Inherits from"
//! prose and the Methods table. Table rows and template keys are lined up
//! here: the template keeps the real property names and their order, the
//! tables keep the types and descriptions. Translated property names in
//! tables (zh-CN: `块` for `blob`) are aligned to the template's names.
//!
//! Deciding a property's final schema (table or template type, enum, base)
//! needs every page and is done by [`crate::extract::decide::schema`]; this module only
//! records both sides.

use std::path::Path;

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::docs::model::{
    Block, BlockType, CodeBlock, ColumnKind, Metadata, Page, Row, SectionKind, Table,
};

use crate::docs::json::parse_lenient;
use crate::extract::read::align::align_names;
use crate::extract::read::enums::{inline_values, opens_value_list};
use crate::extract::read::relations;
use crate::extract::read::template::{Hint, mentioned_types, odata_type_name};
use crate::extract::read::type_doc::{BaseMetadata, PropertyDoc, PropertyRow, TypeDoc};
use crate::extract::read::type_expr::{ParsedType, TypeTextProblem, is_type_name, parse_type_text};
use crate::extract::read::walk;

/// Reads a resource page.
pub(crate) fn read_type_page(page: &Page, diags: &mut Diagnostics) -> TypeDoc {
    let resource_block = resource_block(page);
    let metadata = resource_block.and_then(|b| b.metadata.as_ref());
    let name = type_name(page, metadata.and_then(|m| m.odata_type.as_deref()));
    let template = resource_block.and_then(|b| parse_template(page, b, diags));
    let rows = property_rows(page, diags);
    let properties = merge_rows_and_template(page, &name, rows, template.as_ref(), diags);
    TypeDoc {
        line: heading_line(page),
        description: page_description(page),
        base_metadata: base_metadata(metadata),
        inherits_from: relations::inherits_from(page),
        derived: relations::derived_types(page, diags),
        is_abstract: is_abstract(page, metadata, diags),
        open_type: metadata.is_some_and(|m| m.open_type),
        key: metadata.and_then(|m| m.key_property.clone()),
        methods: relations::method_rows(page, diags),
        template_types: template
            .as_ref()
            .map(|(value, _)| mentioned_types(value))
            .unwrap_or_default(),
        prose_links: walk::all_paragraphs(page)
            .into_iter()
            .flat_map(|p| p.links.iter().cloned())
            .collect(),
        properties,
        page: page.path.clone(),
        name,
    }
}

/// `abstract` in the resource metadata, else a description that calls the
/// type abstract (reported: the metadata is the usual evidence).
fn is_abstract(page: &Page, metadata: Option<&Metadata>, diags: &mut Diagnostics) -> bool {
    if metadata.is_some_and(|m| m.is_abstract) {
        return true;
    }
    let Some(line) = relations::abstract_in_prose(page) else {
        return false;
    };
    diags.warn(
        &page.path,
        line,
        "abstract-from-prose",
        "the resource metadata does not say `abstract`; the description calls the type abstract, so it is taken as abstract",
    );
    true
}

/// The JSON representation block: the code block whose metadata says
/// `blockType: resource`, else the first JSON block of the JSON
/// representation section.
pub(crate) fn resource_block(page: &Page) -> Option<&CodeBlock> {
    let blocks: Vec<&CodeBlock> = walk::located_blocks(page)
        .into_iter()
        .filter_map(|l| match l.block {
            Block::Code(c) => Some(c.as_ref()),
            _ => None,
        })
        .collect();
    let by_metadata = blocks.iter().copied().find(|b| {
        b.metadata
            .as_ref()
            .is_some_and(|m| m.block_type == Some(BlockType::Resource))
    });
    by_metadata.or_else(|| {
        let section = walk::first_section(page, &SectionKind::JsonRepresentation)?;
        walk::code_blocks_deep(section)
            .into_iter()
            .find(|b| b.lang.starts_with("json") || b.lang.is_empty())
    })
}

/// The type's name: the metadata `@odata.type`, else the heading's first
/// word, else the file stem.
fn type_name(page: &Page, odata_type: Option<&str>) -> String {
    if let Some(odata_type) = odata_type {
        let name = odata_type_name(odata_type);
        if is_type_name(name) {
            return name.to_string();
        }
    }
    let from_heading = page
        .heading
        .as_deref()
        .and_then(|h| h.split_whitespace().next())
        .filter(|w| is_type_name(w));
    if let Some(word) = from_heading {
        return word.to_string();
    }
    page_stem(&page.path)
}

/// The lowercased-or-not file stem of a page path.
pub(crate) fn page_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn heading_line(page: &Page) -> usize {
    page.sections.first().map_or(1, |s| s.line.max(1))
}

/// The page's description: front matter, else the first intro paragraph.
pub(crate) fn page_description(page: &Page) -> Option<String> {
    page.description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .or_else(|| page.intro.first().map(|p| p.text.clone()))
}

fn parse_template(
    page: &Page,
    block: &CodeBlock,
    diags: &mut Diagnostics,
) -> Option<(Value, usize)> {
    match parse_lenient(&block.content, &page.path, block.content_line(), diags) {
        Ok(value @ Value::Object(_)) => Some((value, block.content_line())),
        Ok(_) => {
            diags.warn(
                &page.path,
                block.content_line(),
                "template-not-object",
                "the JSON representation is not an object; property names come from the tables only",
            );
            None
        }
        Err(failure) => {
            diags.push(failure.to_warning(
                "the JSON representation does not parse; property names come from the tables only",
            ));
            None
        }
    }
}

fn base_metadata(metadata: Option<&crate::docs::model::Metadata>) -> BaseMetadata {
    match metadata.and_then(|m| m.base_type.as_ref()) {
        None => BaseMetadata::Absent,
        Some(None) => BaseMetadata::Null,
        Some(Some(name)) => match metadata {
            Some(m) => BaseMetadata::Named(odata_type_name(name).to_string(), m.line),
            None => BaseMetadata::Absent,
        },
    }
}

/// The property and relationship rows, in table order.
fn property_rows(page: &Page, diags: &mut Diagnostics) -> Vec<PropertyRow> {
    let mut rows = Vec::new();
    for (kind, relationship) in [
        (SectionKind::Properties, false),
        (SectionKind::Relationships, true),
    ] {
        for section in walk::sections_of(page, &kind) {
            for table in walk::tables_deep_except(section, &SectionKind::DerivedTypes) {
                rows.extend(table_rows(page, table, relationship, diags));
            }
        }
    }
    rows
}

/// Reads the rows of a property-like table (Property/Parameter/Name,
/// Type, Description columns).
pub(crate) fn table_rows(
    page: &Page,
    table: &Table,
    relationship: bool,
    diags: &mut Diagnostics,
) -> Vec<PropertyRow> {
    let name_column = table
        .column(&ColumnKind::Property)
        .or_else(|| table.column(&ColumnKind::Parameter))
        .or_else(|| table.column(&ColumnKind::Name));
    let (Some(name_column), Some(type_column)) = (name_column, table.column(&ColumnKind::Type))
    else {
        diags.warn(
            &page.path,
            table.line,
            "table-columns",
            "a property table lacks a name or a type column; it is skipped",
        );
        return Vec::new();
    };
    let description_column = table.column(&ColumnKind::Description);
    table
        .rows
        .iter()
        .filter_map(|row| {
            read_row(
                page,
                row,
                name_column,
                type_column,
                description_column,
                relationship,
                diags,
            )
        })
        .collect()
}

fn read_row(
    page: &Page,
    row: &Row,
    name_column: usize,
    type_column: usize,
    description_column: Option<usize>,
    relationship: bool,
    diags: &mut Diagnostics,
) -> Option<PropertyRow> {
    let name_cell = row.cells.get(name_column)?;
    let written_name = name_cell.text.trim().trim_matches('`').trim().to_string();
    if written_name.is_empty() || name_cell.bold {
        return None;
    }
    let Some(type_cell) = row.cells.get(type_column) else {
        diags.warn(
            &page.path,
            row.line,
            "row-without-type",
            format!("row `{written_name}` has no type cell; it is skipped"),
        );
        return None;
    };
    let parsed = parse_type_text(&type_cell.text, &type_cell.links);
    report_type_problems(
        page,
        row.line,
        &written_name,
        &type_cell.text,
        &parsed,
        diags,
    );
    let description_cell = description_column.and_then(|c| row.cells.get(c));
    let description = description_cell
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default();
    let raw_description = description_cell.map(|c| c.raw.as_str()).unwrap_or("");
    let values = inline_values(raw_description);
    if values.is_none() && opens_value_list(raw_description) {
        diags.warn(
            &page.path,
            row.line,
            "value-list-unread",
            format!(
                "row `{written_name}`: the description lists possible values but none reads as a member (a code span or quoted identifier); the property keeps its documented type"
            ),
        );
    }
    Some(PropertyRow {
        values,
        read_only: says_read_only(&description),
        nullable: says_nullable(&description),
        written_name,
        ty: parsed.expr,
        type_text: type_cell.text.trim().to_string(),
        description,
        relationship,
        line: row.line,
    })
}

fn report_type_problems(
    page: &Page,
    line: usize,
    name: &str,
    text: &str,
    parsed: &ParsedType,
    diags: &mut Diagnostics,
) {
    for problem in &parsed.problems {
        let message = match problem {
            TypeTextProblem::Empty => format!("`{name}` has an empty type cell"),
            TypeTextProblem::RepeatedCollection => {
                format!("`{name}`: type `{text}` repeats `collection`; read as one collection")
            }
            TypeTextProblem::NotAType(part) => {
                format!("`{name}`: `{part}` in type `{text}` is not a type name")
            }
        };
        diags.warn(&page.path, line, "type-text", message);
    }
}

/// "Read-only" in English or zh-CN.
pub(crate) fn says_read_only(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("read-only") || lower.contains("read only") || description.contains("只读")
}

/// "Nullable" in English or zh-CN (but not "Not nullable").
pub(crate) fn says_nullable(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    let english = lower.contains("nullable") && !lower.contains("not nullable");
    english || (description.contains("可为空") && !description.contains("不可为空"))
}

/// Lines up table rows with template keys; see the module doc.
fn merge_rows_and_template(
    page: &Page,
    type_name: &str,
    rows: Vec<PropertyRow>,
    template: Option<&(Value, usize)>,
    diags: &mut Diagnostics,
) -> Vec<PropertyDoc> {
    let template_props = template_properties(template);
    let keys: Vec<(String, Hint)> = template_props
        .iter()
        .map(|(key, hint, _)| (key.clone(), hint.clone()))
        .collect();
    let mut rows = align_names(
        &page.path,
        type_name,
        "the JSON representation",
        rows,
        &keys,
        diags,
    );
    let mut properties = Vec::new();
    for (name, hint, line) in &template_props {
        let row = take_row(&mut rows, name);
        properties.push(PropertyDoc {
            name: name.clone(),
            row,
            template: Some((hint.clone(), *line)),
        });
    }
    for row in rows {
        if properties.iter().any(|p| p.name == row.written_name) {
            diags.warn(
                &page.path,
                row.line,
                "duplicate-property",
                format!(
                    "`{}` is documented twice; the first row is used",
                    row.written_name
                ),
            );
            continue;
        }
        properties.push(PropertyDoc {
            name: row.written_name.clone(),
            row: Some(row),
            template: None,
        });
    }
    properties
}

/// The template's properties (name, hint, line) in order. `@odata.*`
/// annotations are not properties.
fn template_properties(template: Option<&(Value, usize)>) -> Vec<(String, Hint, usize)> {
    let Some((Value::Object(map), first_line)) = template else {
        return Vec::new();
    };
    map.iter()
        .filter(|(key, _)| !key.starts_with('@'))
        .enumerate()
        .map(|(index, (key, value))| (key.clone(), Hint::of(value), first_line + index + 1))
        .collect()
}

fn take_row(rows: &mut Vec<PropertyRow>, name: &str) -> Option<PropertyRow> {
    let index = rows
        .iter()
        .position(|r| r.written_name == name)
        .or_else(|| {
            rows.iter()
                .position(|r| r.written_name.eq_ignore_ascii_case(name))
        })?;
    Some(rows.remove(index))
}
