//! Pipe tables, read tolerantly from their source lines.
//!
//! Rows may lack the leading or trailing pipe, a `|` inside a code span or
//! escaped as `\|` stays inside its cell, headers may carry tabs, and rows
//! with the wrong number of cells are kept (and reported). Header words are
//! mapped to [`ColumnKind`] in English or Chinese, and translated type words
//! in `Type` / `ReturnType` cells are normalised. It does not know what the
//! columns mean to the API.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::docs::inline::render_markdown;
use crate::docs::localize::{column_kind, normalize_type_words};
use crate::docs::model::{Cell, ColumnKind, Row, Table};

/// One source line of a table: its 1-based number and its text with any
/// container prefix (`>` quote markers) already removed.
pub(crate) type TableLine<'a> = (usize, &'a str);

/// Whether `text` is a table delimiter row such as `|:---|---:|`.
pub(crate) fn is_delimiter_row(text: &str) -> bool {
    let text = text.trim();
    text.contains('-')
        && text.contains(['|', ':'])
        && text
            .chars()
            .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

/// Reads a table whose first line is the header and second the delimiter
/// row. `None` when there are not even those two lines.
pub(crate) fn parse(
    lines: &[TableLine<'_>],
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let [
        (header_line, header_text),
        (delimiter_line, delimiter_text),
        body @ ..,
    ] = lines
    else {
        return None;
    };
    let header_cells = split_row(header_text);
    let header: Vec<String> = header_cells
        .iter()
        .map(|raw| render_markdown(raw).text)
        .collect();
    let columns: Vec<ColumnKind> = header.iter().map(|h| column_kind(h)).collect();
    let delimiter_count = split_row(delimiter_text).len();
    if delimiter_count != header.len() {
        diags.warn(
            file,
            *delimiter_line,
            "table-delimiter",
            format!(
                "table delimiter row has {delimiter_count} cells, the header has {}",
                header.len()
            ),
        );
    }
    let rows = body
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|&(line, text)| read_row(line, text, &columns, file, diags))
        .collect();
    Some(Table {
        line: *header_line,
        header,
        columns,
        rows,
    })
}

fn read_row(
    line: usize,
    text: &str,
    columns: &[ColumnKind],
    file: &Path,
    diags: &mut Diagnostics,
) -> Row {
    let raw_cells = fit_to_header(split_row(text), columns.len(), line, file, diags);
    let cells: Vec<Cell> = raw_cells
        .into_iter()
        .enumerate()
        .map(|(index, raw)| read_cell(raw, columns.get(index)))
        .collect();
    if cells.len() < columns.len() && !is_group_row(&cells) {
        diags.warn(
            file,
            line,
            "table-row-cells",
            format!(
                "table row has {} cells, the header has {}",
                cells.len(),
                columns.len()
            ),
        );
    }
    Row { line, cells }
}

/// A row with more cells than the header: empty extra cells are dropped,
/// non-empty ones are joined into the last column with ` | ` (an unescaped
/// pipe inside a description), and either is reported.
fn fit_to_header(
    mut cells: Vec<String>,
    width: usize,
    line: usize,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<String> {
    if width == 0 || cells.len() <= width {
        return cells;
    }
    let count = cells.len();
    let extra = cells.split_off(width);
    if extra.iter().all(|c| c.is_empty()) {
        diags.warn(
            file,
            line,
            "table-row-cells",
            format!(
                "table row has {count} cells, the header has {width}; empty extra cells dropped"
            ),
        );
        return cells;
    }
    diags.warn(
        file,
        line,
        "table-row-cells",
        format!(
            "table row has {count} cells, the header has {width}; extra cells joined into the last column"
        ),
    );
    if let Some(last) = cells.last_mut() {
        for cell in extra.into_iter().filter(|c| !c.is_empty()) {
            if !last.is_empty() {
                last.push_str(" | ");
            }
            last.push_str(&cell);
        }
    }
    cells
}

/// A group row such as `| **Call Handling** |` (bold first cell, nothing else).
fn is_group_row(cells: &[Cell]) -> bool {
    match cells.split_first() {
        Some((first, rest)) => first.bold && rest.iter().all(|c| c.text.is_empty()),
        None => false,
    }
}

fn read_cell(raw: String, column: Option<&ColumnKind>) -> Cell {
    let inline = render_markdown(&raw);
    let text = match column {
        Some(ColumnKind::Type | ColumnKind::ReturnType) => normalize_type_words(&inline.text),
        _ => inline.text,
    };
    Cell {
        text,
        raw,
        links: inline.links,
        bold: inline.bold,
    }
}

/// Splits a row into trimmed raw cells. A leading and a trailing pipe are
/// optional; `\|` and pipes inside code spans do not split (inside a code
/// span `\|` becomes `|`, as GitHub renders it).
pub(crate) fn split_row(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = text.strip_prefix('|').unwrap_or(text);
    let text = match text.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => text,
    };
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut index = 0;
    let mut copied = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' if bytes.get(index + 1).is_some_and(u8::is_ascii) => index += 2,
            b'`' => {
                let run = backtick_run(bytes, index);
                let Some(close) = closing_run(bytes, index + run, run) else {
                    index += run;
                    continue;
                };
                current.push_str(&text[copied..index]);
                current.push_str(&text[index..close + run].replace("\\|", "|"));
                index = close + run;
                copied = index;
            }
            b'|' => {
                current.push_str(&text[copied..index]);
                cells.push(current.trim().to_string());
                current.clear();
                index += 1;
                copied = index;
            }
            _ => index += 1,
        }
    }
    current.push_str(&text[copied.min(text.len())..]);
    cells.push(current.trim().to_string());
    cells
}

fn backtick_run(bytes: &[u8], start: usize) -> usize {
    bytes[start..].iter().take_while(|&&b| b == b'`').count()
}

/// Start of the next run of exactly `run` backticks at or after `from`.
fn closing_run(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut index = from;
    while index < bytes.len() {
        if bytes[index] == b'`' {
            let length = backtick_run(bytes, index);
            if length == run {
                return Some(index);
            }
            index += length;
        } else {
            index += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_handles_missing_pipes_escapes_and_code_spans() {
        assert_eq!(split_row("| a | b |"), ["a", "b"]);
        assert_eq!(split_row("a | b |"), ["a", "b"]);
        assert_eq!(split_row("|a|b"), ["a", "b"]);
        assert_eq!(split_row(r"| a \| b | c |"), [r"a \| b", "c"]);
        assert_eq!(split_row("| `a|b` | c |"), ["`a|b`", "c"]);
        assert_eq!(split_row(r"| `a\|b` | c |"), ["`a|b`", "c"]);
        assert_eq!(split_row("| `open | c |"), ["`open", "c"]);
        assert_eq!(split_row("| 中文 | 字 |"), ["中文", "字"]);
        assert_eq!(split_row(r"| a \"), [r"a \"]);
        assert_eq!(split_row("|"), [""]);
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row("|:---|---:|"));
        assert!(is_delimiter_row(" :--- | --- "));
        assert!(!is_delimiter_row("| a | b |"));
        assert!(!is_delimiter_row("---"));
    }
}
