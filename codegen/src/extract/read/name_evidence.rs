//! Evidence that a translated table row is one real name of a JSON block.
//!
//! zh-CN tables translate names (`设备` for `device`, `用户` for `user`).
//! Before [`crate::extract::read::align`] falls back to the table's order, a translated
//! row is matched by what it says: its linked or stated type naming the
//! key, a word of its name or description that translates to the key (a
//! small glossary of the words the translations use), or the key written
//! in its description. A row is aligned here only when the evidence points
//! to exactly one free key whose value agrees with the row's type; several
//! are reported as ambiguous and left to the order.

use crate::extract::read::template::Hint;
use crate::extract::read::type_doc::PropertyRow;
use crate::extract::read::type_expr::TypeExpr;

/// Translated words of property names, with the English word they stand
/// for (a key matches the word or its plural).
const GLOSSARY: [(&str, &str); 22] = [
    ("对话", "conversation"),
    ("会话", "conversation"),
    ("设备", "device"),
    ("用户", "user"),
    ("应用程序", "application"),
    ("电话", "phone"),
    ("参与者", "participant"),
    ("接收器", "receiver"),
    ("源", "source"),
    ("提示", "prompt"),
    ("值", "value"),
    ("标识", "identity"),
    ("组织者", "organizer"),
    ("租户", "tenant"),
    ("会议", "meeting"),
    ("结果", "result"),
    ("原因", "reason"),
    ("模式", "mode"),
    ("方向", "direction"),
    ("名称", "name"),
    ("区域", "region"),
    ("语言", "language"),
];

/// The free keys the evidence ties the translated row to (those whose
/// value agrees with the row's type), each with what ties them. Exactly
/// one is an alignment; several are ambiguous.
pub(crate) fn evidence_candidates<'k>(
    row: &PropertyRow,
    free: Vec<&'k (String, Hint)>,
) -> Vec<(&'k str, &'static str)> {
    free.into_iter()
        .filter(|(_, hint)| agrees(hint, row.ty.as_ref()))
        .filter_map(|(key, _)| evidence(row, key).map(|why| (key.as_str(), why)))
        .collect()
}

/// Whether the key's value agrees with the row's type; a translated type
/// name (`[标识](identity.md)`) agrees through its link's page, and a type
/// text that could not be read leaves the name's evidence to decide.
fn agrees(hint: &Hint, ty: Option<&TypeExpr>) -> bool {
    if ty.is_none() {
        return true;
    }
    if let (
        Hint::Named(hint),
        Some(TypeExpr::Named {
            page_stem: Some(stem),
            ..
        }),
    ) = (hint, ty)
        && hint.eq_ignore_ascii_case(stem)
    {
        return true;
    }
    hint.agrees_with(ty)
}

/// What ties the row to the key, if anything: its type, a glossary word,
/// or the key in its description.
fn evidence(row: &PropertyRow, key: &str) -> Option<&'static str> {
    if let Some(TypeExpr::Named { name, .. }) = &row.ty
        && name.eq_ignore_ascii_case(key)
    {
        return Some("its type");
    }
    let glossary = GLOSSARY
        .iter()
        .filter(|(word, _)| row.written_name.contains(word))
        .any(|(_, english)| names_word(key, english));
    if glossary {
        return Some("the meaning of its name");
    }
    let in_description = row
        .description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case(key));
    in_description.then_some("its description")
}

/// `device` names the word `device`; `receivers` the word `receiver`.
fn names_word(key: &str, word: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key == word || key.strip_suffix('s') == Some(word)
}

/// The keys no row names.
pub(crate) fn unclaimed<'a>(
    keys: &'a [(String, Hint)],
    rows: &[PropertyRow],
) -> Vec<&'a (String, Hint)> {
    keys.iter()
        .filter(|(key, _)| {
            !rows
                .iter()
                .any(|r| r.written_name.eq_ignore_ascii_case(key))
        })
        .collect()
}
