//! What a resource page says about other pages: its base ("Inherits from
//! [x]" prose), its subtypes ("Derived types" table) and its methods
//! (Methods table rows with their return types).
//!
//! Only reading; resolving the names is [`super::names`]'s job and weighing
//! the evidence [`super::inheritance`]'s.

use crate::diag::Diagnostics;
use crate::docs::model::{ColumnKind, Link, Page, Row, SectionKind};

use super::type_expr::{TypeExpr, parse_type_text};
use super::types::MethodRow;
use super::walk;

/// "Inherits from [x]" / "inherited from [x]" / "derived from [x]" /
/// 继承自 in the page's prose: the first link after the phrase.
pub fn inherits_from(page: &Page) -> Option<(TypeExpr, usize)> {
    const PHRASES: [&str; 5] = [
        "inherits",
        "inherited from",
        "derived from",
        "继承自",
        "继承",
    ];
    for paragraph in walk::all_paragraphs(page) {
        let lower = paragraph.text.to_lowercase();
        let Some(position) = PHRASES.iter().filter_map(|p| lower.find(p)).min() else {
            continue;
        };
        let after = &lower[position..];
        let link = paragraph
            .links
            .iter()
            .find(|l| after.contains(&l.text.to_lowercase()) && l.page_stem().is_some());
        if let Some(link) = link {
            let expr = TypeExpr::Named {
                name: link.text.trim().to_string(),
                page_stem: link.page_stem(),
            };
            return Some((expr, paragraph.line));
        }
    }
    None
}

/// The linked types of "Derived types" tables.
pub fn derived_types(page: &Page, diags: &mut Diagnostics) -> Vec<(TypeExpr, usize)> {
    let mut derived = Vec::new();
    for section in walk::sections_of(page, &SectionKind::DerivedTypes) {
        for table in walk::tables_deep(section) {
            for row in &table.rows {
                let Some(cell) = row.cells.first() else {
                    continue;
                };
                match cell.links.first() {
                    Some(link) if link.page_stem().is_some() => derived.push((
                        TypeExpr::Named {
                            name: link.text.trim().to_string(),
                            page_stem: link.page_stem(),
                        },
                        row.line,
                    )),
                    _ => diags.warn(
                        &page.path,
                        row.line,
                        "derived-type-row",
                        format!(
                            "derived types row `{}` has no link to a type page",
                            cell.text
                        ),
                    ),
                }
            }
        }
    }
    derived
}

/// The rows of the Methods table.
pub fn method_rows(page: &Page, diags: &mut Diagnostics) -> Vec<MethodRow> {
    let mut methods = Vec::new();
    for section in walk::sections_of(page, &SectionKind::Methods) {
        for table in walk::tables_deep(section) {
            let method_column = table.column(&ColumnKind::Method).unwrap_or(0);
            let returns_column = table.column(&ColumnKind::ReturnType);
            for row in &table.rows {
                if let Some(method) = method_row(page, row, method_column, returns_column, diags) {
                    methods.push(method);
                }
            }
        }
    }
    methods
}

fn method_row(
    page: &Page,
    row: &Row,
    method_column: usize,
    returns_column: Option<usize>,
    diags: &mut Diagnostics,
) -> Option<MethodRow> {
    let cell = row.cells.get(method_column)?;
    if cell.bold || cell.text.trim().is_empty() {
        return None;
    }
    let Some(page_stem) = cell.links.first().and_then(Link::page_stem) else {
        diags.warn(
            &page.path,
            row.line,
            "method-row",
            format!(
                "Methods row `{}` has no link to a method page",
                cell.text.trim()
            ),
        );
        return None;
    };
    let returns = returns_column
        .and_then(|c| row.cells.get(c))
        .and_then(|c| parse_type_text(&c.text, &c.links).expr);
    Some(MethodRow {
        page_stem,
        text: cell.text.trim().to_string(),
        returns,
        line: row.line,
    })
}
