//! The page text and its line index: byte offsets to 1-based line numbers.
//!
//! Knows lines and nothing else; every other module asks it where things
//! are and what a line says.

use std::ops::Range;

/// The page text with the start offset of each line.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source { text, starts }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The 1-based lines covered by a byte range (at least one line).
    pub fn lines_of(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.line_of(range.start);
        let last = self.line_of(range.end.saturating_sub(1).max(range.start));
        first..last + 1
    }

    /// The text of 1-based `line`, without its line ending. Empty when the
    /// line does not exist.
    pub fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines() {
        let source = Source::new("ab\ncd\n\nef");
        assert_eq!(source.line_of(0), 1);
        assert_eq!(source.line_of(2), 1);
        assert_eq!(source.line_of(3), 2);
        assert_eq!(source.line_of(7), 4);
        assert_eq!(source.line(2), "cd");
        assert_eq!(source.line(3), "");
        assert_eq!(source.line(4), "ef");
        assert_eq!(source.line(9), "");
        assert_eq!(source.line(0), "");
        assert_eq!(source.lines_of(&(0..5)), 1..3);
    }
}
