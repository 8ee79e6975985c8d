//! Localization: the zh-CN pages and the side-by-side (`sxs-lookup`) rendering.
//!
//! Three jobs, all word-level: take the English half of side-by-side span
//! pairs, recognise translated table header words and heading words, and
//! normalise translated type words in type cells (`字符串` -> `String`,
//! `集合` -> `collection`, `或` / `、` -> `or`). It does not know markdown
//! structure: callers hand it one line or one cell at a time.

use std::borrow::Cow;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::docs::model::{ColumnKind, SectionKind};

/// Opening of the Chinese half of a side-by-side pair.
const TTU_OPEN: &str = "<span data-ttu-id";
/// Opening of the English half of a side-by-side pair.
const SXS_OPEN: &str = "<span class=\"sxs-lookup\">";
/// Opening of the inner English span.
const STU_OPEN: &str = "<span data-stu-id";
const SPAN_CLOSE: &str = "</span>";

/// The page with every side-by-side pair replaced by its English half,
/// line by line, so that line numbers stay those of the page. Pages without
/// side-by-side spans are returned as they are.
pub(crate) fn english_page<'a>(
    text: &'a str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Cow<'a, str> {
    if !text.contains(TTU_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if !line.contains(TTU_OPEN) {
            out.push_str(line);
            continue;
        }
        let (english, problems) = english_side(line);
        for problem in problems {
            let message = match problem {
                SpanProblem::Unpaired => {
                    "side-by-side span has no English partner; its text is kept"
                }
                SpanProblem::Unclosed => {
                    "side-by-side span is never closed; the rest of the line is kept as written"
                }
            };
            diags.warn(file, index + 1, "sxs-span", message);
        }
        out.push_str(&english);
    }
    Cow::Owned(out)
}

/// A problem found while reading side-by-side spans of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SpanProblem {
    /// A Chinese span without an English partner; its text was kept.
    Unpaired,
    /// A span that is never closed on its line; the rest was kept as written.
    Unclosed,
}

/// Replaces every `<span data-ttu-id>中文</span><span class="sxs-lookup">
/// <span data-stu-id>English</span></span>` pair of `line` by its English
/// text, keeping everything outside the pairs. A Chinese span without an
/// English partner keeps its own text.
pub(crate) fn english_side(line: &str) -> (String, Vec<SpanProblem>) {
    let mut out = String::with_capacity(line.len());
    let mut problems = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(TTU_OPEN) {
        out.push_str(&rest[..start]);
        let Some((chinese, after)) = span_content(&rest[start..]) else {
            problems.push(SpanProblem::Unclosed);
            out.push_str(&rest[start..]);
            return (out, problems);
        };
        match english_partner(after) {
            Some(Ok((english, after_pair))) => {
                out.push_str(english);
                rest = after_pair;
            }
            Some(Err(())) => {
                problems.push(SpanProblem::Unclosed);
                out.push_str(after);
                return (out, problems);
            }
            None => {
                problems.push(SpanProblem::Unpaired);
                out.push_str(chinese);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, problems)
}

/// For text starting with an opening `<span ...>` tag: the content up to the
/// first `</span>` and the text after that closing tag.
fn span_content(text: &str) -> Option<(&str, &str)> {
    let open_end = text.find('>')? + 1;
    let body = &text[open_end..];
    let close = body.find(SPAN_CLOSE)?;
    Some((&body[..close], &body[close + SPAN_CLOSE.len()..]))
}

/// The English half directly after a Chinese span: `None` when there is no
/// `sxs-lookup` span, `Some(Err)` when it is not closed.
fn english_partner(after: &str) -> Option<Result<(&str, &str), ()>> {
    let sxs = after.strip_prefix(SXS_OPEN)?;
    if sxs.starts_with(STU_OPEN) {
        let Some((english, after_inner)) = span_content(sxs) else {
            return Some(Err(()));
        };
        let Some(after_pair) = after_inner.strip_prefix(SPAN_CLOSE) else {
            return Some(Err(()));
        };
        return Some(Ok((english, after_pair)));
    }
    let Some(close) = sxs.find(SPAN_CLOSE) else {
        return Some(Err(()));
    };
    Some(Ok((&sxs[..close], &sxs[close + SPAN_CLOSE.len()..])))
}

/// The role of a table column from its header text, English or Chinese.
pub(crate) fn column_kind(header: &str) -> ColumnKind {
    let key = header
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase();
    match key.as_str() {
        "property" | "properties" | "relationship" | "relationships" | "属性" | "关系" => {
            ColumnKind::Property
        }
        "type" | "data type" | "类型" | "数据类型" => ColumnKind::Type,
        "description" | "说明" | "描述" => ColumnKind::Description,
        "method" | "methods" | "方法" => ColumnKind::Method,
        "return type" | "return types" | "returns" | "返回类型" => ColumnKind::ReturnType,
        "parameter" | "parameters" | "参数" => ColumnKind::Parameter,
        "name" | "名称" => ColumnKind::Name,
        "member" | "members" | "value" | "values" | "成员" | "值" => ColumnKind::Member,
        _ => ColumnKind::Other(key),
    }
}

/// Translated type words and their English form, longest first so that
/// `布尔值` wins over `布尔`.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("字符串", " String "),
    ("布尔值", " Boolean "),
    ("布尔", " Boolean "),
    ("集合", " collection "),
    ("二进制", " Binary "),
    ("双精度", " Double "),
    ("流", " Stream "),
    ("或", " or "),
    ("、", " or "),
];

/// Normalises translated type words of a `Type` or `ReturnType` cell to
/// English: `participant 集合` -> `participant collection`, glued
/// `x集合` -> `x collection`, `a 或 b` / `a、b` -> `a or b`, `字符串` -> `String`.
/// English text passes through unchanged except for collapsed whitespace.
pub(crate) fn normalize_type_words(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (chinese, english) in TYPE_WORDS {
        if out.contains(chinese) {
            out = out.replace(chinese, english);
        }
    }
    collapse_whitespace(&out)
}

/// Joins runs of whitespace into single spaces and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    // ASCII text without a vertical tab (the one ASCII space character
    // that `split_ascii_whitespace` keeps) splits the same byte by byte,
    // without decoding characters.
    if text.is_ascii() && !text.contains('\x0b') {
        return join_words(text.split_ascii_whitespace(), text.len());
    }
    join_words(text.split_whitespace(), text.len())
}

fn join_words<'a>(words: impl Iterator<Item = &'a str>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether the text contains CJK ideographs.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// The section kind named by a translated heading text, for zh-CN headings
/// that have no `<a name>` anchor. `nested` says the heading sits under an
/// examples section or deeper than level 2 (a response example, not the
/// response description).
pub(crate) fn chinese_section_kind(title: &str, nested: bool) -> Option<SectionKind> {
    let title = collapse_whitespace(title);
    let exact = match title.as_str() {
        "方法" => Some(SectionKind::Methods),
        "属性" => Some(SectionKind::Properties),
        "关系" => Some(SectionKind::Relationships),
        "JSON 表示形式" | "JSON 表示" => Some(SectionKind::JsonRepresentation),
        "权限" => Some(SectionKind::Permissions),
        "HTTP 请求" => Some(SectionKind::HttpRequest),
        "路径参数" => Some(SectionKind::PathParameters),
        "可选的查询参数" | "查询参数" => Some(SectionKind::QueryParameters),
        "请求标头" => Some(SectionKind::RequestHeaders),
        "请求正文" => Some(SectionKind::RequestBody),
        "请求" => Some(SectionKind::Request),
        "响应" if nested => Some(SectionKind::ResponseExample),
        "响应" => Some(SectionKind::Response),
        "派生类型" => Some(SectionKind::DerivedTypes),
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    if title.starts_with("示例") {
        return Some(SectionKind::Examples);
    }
    if title.starts_with("通知") {
        return Some(SectionKind::Notification);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_the_same_in_ascii_and_unicode_text() {
        assert_eq!(collapse_whitespace("  a \t b\r\n\x0cc  "), "a b c");
        assert_eq!(collapse_whitespace("a\x0bb"), "a b");
        assert_eq!(collapse_whitespace("a\u{a0} b\u{3000}c"), "a b c");
        assert_eq!(collapse_whitespace(" \t "), "");
    }

    #[test]
    fn side_by_side_pair_gives_english() {
        let line = r#"## <a name="x"></a><span data-ttu-id="1-1">属性</span><span class="sxs-lookup"><span data-stu-id="1-1">Properties</span></span>"#;
        let (english, problems) = english_side(line);
        assert_eq!(english, r#"## <a name="x"></a>Properties"#);
        assert!(problems.is_empty());
    }

    #[test]
    fn two_pairs_keep_text_between() {
        let line = r#"<span data-ttu-id="a">甲</span><span class="sxs-lookup"><span data-stu-id="a">One.</span></span> <span data-ttu-id="b">乙</span><span class="sxs-lookup"><span data-stu-id="b">Two [x](x.md).</span></span>"#;
        assert_eq!(english_side(line).0, "One. Two [x](x.md).");
    }

    #[test]
    fn unpaired_and_unclosed_spans_are_reported() {
        let (text, problems) = english_side(r#"<span data-ttu-id="a">甲</span> rest"#);
        assert_eq!(text, "甲 rest");
        assert_eq!(problems, vec![SpanProblem::Unpaired]);
        let (text, problems) = english_side(r#"a <span data-ttu-id="a">甲"#);
        assert_eq!(text, r#"a <span data-ttu-id="a">甲"#);
        assert_eq!(problems, vec![SpanProblem::Unclosed]);
    }

    #[test]
    fn type_words_are_normalised() {
        assert_eq!(
            normalize_type_words("participant 集合"),
            "participant collection"
        );
        assert_eq!(
            normalize_type_words("participant)集合"),
            "participant) collection"
        );
        assert_eq!(normalize_type_words("a 或 b"), "a or b");
        assert_eq!(normalize_type_words("a、b"), "a or b");
        assert_eq!(normalize_type_words("字符串"), "String");
        assert_eq!(normalize_type_words("布尔值"), "Boolean");
        assert_eq!(
            normalize_type_words("String  collection"),
            "String  collection"
        );
    }

    #[test]
    fn header_words_in_both_languages() {
        assert_eq!(column_kind("属性"), ColumnKind::Property);
        assert_eq!(column_kind("Property\t"), ColumnKind::Property);
        assert_eq!(column_kind("返回类型"), ColumnKind::ReturnType);
        assert_eq!(column_kind("Return Type"), ColumnKind::ReturnType);
        assert_eq!(column_kind("描述"), ColumnKind::Description);
        assert_eq!(
            column_kind("Permission type"),
            ColumnKind::Other("permission type".into())
        );
    }
}
