//! What a resource page says about other pages: its base ("Inherits from
//! [x]" prose), its subtypes ("Derived types" table), its methods
//! (Methods table rows with their return types), and whether its prose
//! calls it an abstract base.
//!
//! Only reading; resolving the names is [`crate::extract::decide::names`]'s job and weighing
//! the evidence [`crate::extract::decide::inheritance`]'s.

use crate::diag::Diagnostics;
use crate::docs::model::{ColumnKind, Link, Page, Row, SectionKind};

use crate::extract::read::type_doc::MethodRow;
use crate::extract::read::type_expr::{TypeExpr, parse_type_text};
use crate::extract::read::walk;

/// "Inherits from [x]" / "inherited from [x]" / "derived from [x]" /
/// 继承自 in the page's prose: the first link after the phrase.
pub(crate) fn inherits_from(page: &Page) -> Option<(TypeExpr, usize)> {
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

/// Phrases of a page's description that make its type abstract (English
/// and zh-CN), compared in lowercase.
const ABSTRACT_PHRASES: [&str; 6] = [
    "abstract class",
    "abstract base",
    "abstract type",
    "抽象基类",
    "抽象类型",
    "抽象类",
];

/// Negations that, right before an abstract phrase, cancel it.
const NOT_ABSTRACT: [&str; 4] = ["not an ", "not a ", "不是", "非"];

/// The line of the page's description that calls the type abstract
/// ("This is an abstract class", "abstract base type", 抽象基类, 这是一个
/// 抽象类型): the first intro paragraph saying so, else the front-matter
/// description (line 1).
pub(crate) fn abstract_in_prose(page: &Page) -> Option<usize> {
    let intro = page.intro.iter().find(|p| says_abstract(&p.text));
    if let Some(paragraph) = intro {
        return Some(paragraph.line);
    }
    page.description
        .as_deref()
        .is_some_and(says_abstract)
        .then_some(1)
}

/// Words that, earlier in the same sentence, make the abstract type the
/// base ("Inherits from the abstract base type [x]"), not this one.
const BASE_IS_ABSTRACT: [&str; 4] = ["inherits from", "derived from", "inherited from", "继承"];

fn says_abstract(text: &str) -> bool {
    let lower = text.to_lowercase();
    ABSTRACT_PHRASES.iter().any(|phrase| {
        lower.match_indices(phrase).any(|(at, _)| {
            let before = &lower[..at];
            let sentence = before.rsplit(['.', '。']).next().unwrap_or(before);
            !NOT_ABSTRACT.iter().any(|not| before.ends_with(not))
                && !BASE_IS_ABSTRACT
                    .iter()
                    .any(|words| sentence.contains(words))
        })
    })
}

/// The linked types of "Derived types" tables.
pub(crate) fn derived_types(page: &Page, diags: &mut Diagnostics) -> Vec<(TypeExpr, usize)> {
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
pub(crate) fn method_rows(page: &Page, diags: &mut Diagnostics) -> Vec<MethodRow> {
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

#[cfg(test)]
mod tests {
    use super::says_abstract;

    #[test]
    fn abstract_stated_in_prose() {
        assert!(says_abstract(
            "This is an abstract class that holds the widget."
        ));
        assert!(says_abstract("An Abstract base type for gadgets."));
        assert!(says_abstract("包含会议信息的抽象基类。"));
        assert!(says_abstract("这是一个抽象类型。"));
        assert!(!says_abstract("This is not an abstract class."));
        assert!(!says_abstract("这不是抽象类型。"));
        assert!(!says_abstract("An abstract of the meeting: its subject."));
        assert!(!says_abstract(
            "Inherits from the abstract base type authenticationListener."
        ));
        assert!(!says_abstract(
            "Data derived from the extension abstract type. It has a name."
        ));
        assert!(says_abstract(
            "Inherits from entity. This is an abstract type."
        ));
    }
}
