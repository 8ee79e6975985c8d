//! Ways through a page model: sections by role, blocks in document order
//! with the headings above them.
//!
//! Only navigation; nothing here interprets what a table or a code block
//! means.

use crate::docs::model::{Block, CodeBlock, Page, Paragraph, Section, SectionKind, Table};

/// Every section of the page, depth first, in document order.
pub(crate) fn all_sections(page: &Page) -> Vec<&Section> {
    let mut out = Vec::new();
    for section in &page.sections {
        push_depth_first(section, &mut out);
    }
    out
}

fn push_depth_first<'a>(section: &'a Section, out: &mut Vec<&'a Section>) {
    out.push(section);
    for child in &section.children {
        push_depth_first(child, out);
    }
}

/// The sections of the given role, in document order.
pub(crate) fn sections_of<'a>(page: &'a Page, kind: &SectionKind) -> Vec<&'a Section> {
    all_sections(page)
        .into_iter()
        .filter(|s| &s.kind == kind)
        .collect()
}

/// The first section of the given role.
pub(crate) fn first_section<'a>(page: &'a Page, kind: &SectionKind) -> Option<&'a Section> {
    all_sections(page).into_iter().find(|s| &s.kind == kind)
}

/// The tables of a section and of its sub-sections, in order.
pub(crate) fn tables_deep(section: &Section) -> Vec<&Table> {
    blocks_deep(section)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The tables of a section and of its sub-sections, skipping sub-sections
/// of the given role (a "Derived types" table nested in Properties).
pub(crate) fn tables_deep_except<'a>(section: &'a Section, skip: &SectionKind) -> Vec<&'a Table> {
    let mut out: Vec<&Table> = section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    for child in section.children.iter().filter(|c| &c.kind != skip) {
        out.extend(tables_deep_except(child, skip));
    }
    out
}

/// The paragraphs of a section and of its sub-sections, in order.
pub(crate) fn paragraphs_deep(section: &Section) -> Vec<&Paragraph> {
    blocks_deep(section)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// The code blocks of a section and of its sub-sections, in order.
pub(crate) fn code_blocks_deep(section: &Section) -> Vec<&CodeBlock> {
    blocks_deep(section)
        .into_iter()
        .filter_map(|b| match b {
            Block::Code(c) => Some(c.as_ref()),
            _ => None,
        })
        .collect()
}

/// The blocks of a section and of its sub-sections, in document order.
pub(crate) fn blocks_deep(section: &Section) -> Vec<&Block> {
    let mut out: Vec<&Block> = section.blocks.iter().collect();
    for child in &section.children {
        out.extend(blocks_deep(child));
    }
    out
}

/// A block with the headings it sits under (outermost first).
#[derive(Debug, Clone)]
pub(crate) struct Located<'a> {
    /// The enclosing sections, outermost first; empty for the page intro.
    pub(crate) path: Vec<&'a Section>,
    /// The block.
    pub(crate) block: &'a Block,
}

impl Located<'_> {
    /// Whether any enclosing section has the given role.
    pub(crate) fn under(&self, kind: &SectionKind) -> bool {
        self.path.iter().any(|s| &s.kind == kind)
    }

    /// The innermost enclosing section.
    pub(crate) fn section(&self) -> Option<&Section> {
        self.path.last().copied()
    }
}

/// Every block of every section, in document order, with its headings.
pub(crate) fn located_blocks(page: &Page) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for section in &page.sections {
        push_located(section, &mut Vec::new(), &mut out);
    }
    out
}

fn push_located<'a>(section: &'a Section, path: &mut Vec<&'a Section>, out: &mut Vec<Located<'a>>) {
    path.push(section);
    for block in &section.blocks {
        out.push(Located {
            path: path.clone(),
            block,
        });
    }
    for child in &section.children {
        push_located(child, path, out);
    }
    path.pop();
}

/// Every paragraph of the page, intro included, in document order.
pub(crate) fn all_paragraphs(page: &Page) -> Vec<&Paragraph> {
    let mut out: Vec<&Paragraph> = page.intro.iter().collect();
    for located in located_blocks(page) {
        if let Block::Paragraph(p) = located.block {
            out.push(p);
        }
    }
    out
}
