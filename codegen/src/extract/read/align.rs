//! Table names -> the real names a JSON block shows.
//!
//! zh-CN tables translate property and parameter names (`块` for `blob`,
//! `适用` for `clientContext`, `各种` for `all`); a JSON block on the same
//! page keeps the real ones: the JSON representation for a resource's
//! properties, the request examples for a method's parameters. A row the
//! evidence ties to one name (its type, the meaning of its name, its
//! description: [`crate::extract::read::name_evidence`]) takes it first. Graph
//! tables list names alphabetically; when the untranslated rows are in
//! alphabetical order, each translated row takes the alphabetically first
//! unclaimed real name that fits between its neighbours and agrees with
//! its type (`接收器 | routingMode | 源` -> `receivers`, `sources`). Failing
//! that, a translated row takes the first unclaimed real name whose value
//! agrees with its type, else the first unclaimed one. And
//! when exactly one row and one real name are left unmatched, nearly the
//! same (`url` in the table, `uri` in the JSON: a slip), the row takes the
//! real name. Each alignment is reported.

use std::path::Path;

use crate::diag::Diagnostics;

use crate::extract::read::name_evidence::{align_by_evidence, unclaimed};
use crate::extract::read::template::Hint;
use crate::extract::read::type_doc::PropertyRow;
use crate::extract::read::type_expr::is_type_name;

/// Renames rows to the real names of `keys` (see the module doc). `source`
/// names the JSON the keys come from, for the diagnostics.
pub(crate) fn align_names(
    file: &Path,
    owner: &str,
    source: &str,
    mut rows: Vec<PropertyRow>,
    keys: &[(String, Hint)],
    diags: &mut Diagnostics,
) -> Vec<PropertyRow> {
    align_by_evidence(file, owner, source, &mut rows, keys, diags);
    if let Some(names) = alphabetical_assignment(&rows, keys) {
        for (row, name) in rows.iter_mut().zip(names) {
            if row.written_name != name {
                diags.warn(
                    file,
                    row.line,
                    "translated-property-name",
                    format!(
                        "{owner}: the table names `{}`; aligned to `{name}` of {source}",
                        row.written_name
                    ),
                );
                row.written_name = name;
            }
        }
    }
    for index in 0..rows.len() {
        if is_type_name(&rows[index].written_name) {
            continue;
        }
        let free = unclaimed(keys, &rows);
        let row = &rows[index];
        let chosen = free
            .iter()
            .find(|(_, hint)| hint.agrees_with(row.ty.as_ref()))
            .or_else(|| free.first())
            .map(|(key, _)| key.clone());
        let message = match &chosen {
            Some(key) => format!(
                "{owner}: the table names `{}`; aligned to `{key}` of {source}",
                row.written_name
            ),
            None => format!(
                "{owner}: the table names `{}`, which matches nothing in {source}; it is kept as written",
                row.written_name
            ),
        };
        diags.warn(file, row.line, "translated-property-name", message);
        if let Some(key) = chosen {
            rows[index].written_name = key;
        }
    }
    align_one_slip(file, owner, source, &mut rows, keys, diags);
    rows
}

/// Names for every row when the table is alphabetical (see the module
/// doc); `None` when it is not or some translated row finds no fit.
fn alphabetical_assignment(rows: &[PropertyRow], keys: &[(String, Hint)]) -> Option<Vec<String>> {
    let translated = |r: &PropertyRow| !is_type_name(&r.written_name);
    if !rows.iter().any(translated) {
        return None;
    }
    let lower = |s: &str| s.to_ascii_lowercase();
    let known: Vec<String> = rows
        .iter()
        .filter(|r| !translated(r))
        .map(|r| lower(&r.written_name))
        .collect();
    if !known.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    let mut free: Vec<&(String, Hint)> = unclaimed(keys, rows);
    free.sort_by_key(|(k, _)| lower(k));
    let mut names: Vec<String> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if !translated(row) {
            names.push(row.written_name.clone());
            continue;
        }
        let after = names.last().map(|n| lower(n)).unwrap_or_default();
        let before = rows[index + 1..]
            .iter()
            .find(|r| !translated(r))
            .map(|r| lower(&r.written_name));
        let position = free.iter().position(|(key, hint)| {
            let key = lower(key);
            key > after
                && before.as_ref().is_none_or(|b| &key < b)
                && hint.agrees_with(row.ty.as_ref())
        })?;
        names.push(free.remove(position).0.clone());
    }
    Some(names)
}

/// One unmatched (non-relationship) row and one unclaimed key, nearly the
/// same name and an agreeing type: the row takes the key's name.
fn align_one_slip(
    file: &Path,
    owner: &str,
    source: &str,
    rows: &mut [PropertyRow],
    keys: &[(String, Hint)],
    diags: &mut Diagnostics,
) {
    let free = unclaimed(keys, rows);
    let unmatched: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].relationship)
        .filter(|&i| {
            !keys
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(&rows[i].written_name))
        })
        .collect();
    let ([index], [(key, hint)]) = (unmatched.as_slice(), free.as_slice()) else {
        return;
    };
    let row = &rows[*index];
    if edit_distance(&row.written_name, key) > 2 || !hint.agrees_with(row.ty.as_ref()) {
        return;
    }
    diags.warn(
        file,
        row.line,
        "table-name-mismatch",
        format!(
            "{owner}: the table names `{}` but {source} has `{key}`; `{key}` is used",
            row.written_name
        ),
    );
    rows[*index].written_name = key.clone();
}

/// Levenshtein distance, for telling slips from different names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::read::type_expr::{Primitive, TypeExpr};

    fn row(name: &str, ty: TypeExpr) -> PropertyRow {
        PropertyRow {
            written_name: name.into(),
            ty: Some(ty),
            type_text: String::new(),
            description: String::new(),
            values: None,
            read_only: false,
            nullable: false,
            relationship: false,
            line: 1,
        }
    }

    fn string() -> TypeExpr {
        TypeExpr::Primitive(Primitive::String)
    }

    #[test]
    fn translated_names_take_the_agreeing_free_key() {
        let rows = vec![
            row("各种", TypeExpr::Primitive(Primitive::Boolean)),
            row("适用", string()),
        ];
        let keys = vec![
            ("all".to_string(), Hint::Primitive(Primitive::Boolean)),
            (
                "clientContext".to_string(),
                Hint::Primitive(Primitive::String),
            ),
        ];
        let mut diags = Diagnostics::new();
        let rows = align_names(
            Path::new("x.md"),
            "op",
            "the examples",
            rows,
            &keys,
            &mut diags,
        );
        let names: Vec<&str> = rows.iter().map(|r| r.written_name.as_str()).collect();
        assert_eq!(names, vec!["all", "clientContext"]);
        assert_eq!(diags.count_by_code(), vec![("translated-property-name", 2)]);
    }

    #[test]
    fn alphabetical_tables_keep_their_order() {
        let rows = vec![
            row("接收器", TypeExpr::Collection(Box::new(string()))),
            row("routingMode", string()),
            row("源", TypeExpr::Collection(Box::new(string()))),
        ];
        let strings = Hint::Collection(Box::new(Hint::Primitive(Primitive::String)));
        let keys = vec![
            ("id".to_string(), Hint::Primitive(Primitive::String)),
            (
                "routingMode".to_string(),
                Hint::Primitive(Primitive::String),
            ),
            ("sources".to_string(), strings.clone()),
            ("receivers".to_string(), strings),
        ];
        let mut diags = Diagnostics::new();
        let rows = align_names(
            Path::new("x.md"),
            "op",
            "the examples",
            rows,
            &keys,
            &mut diags,
        );
        let names: Vec<&str> = rows.iter().map(|r| r.written_name.as_str()).collect();
        assert_eq!(names, vec!["receivers", "routingMode", "sources"]);
    }

    #[test]
    fn one_slip_is_aligned_but_different_names_are_not() {
        let keys = vec![
            ("resourceId".to_string(), Hint::Primitive(Primitive::String)),
            ("uri".to_string(), Hint::Primitive(Primitive::String)),
        ];
        let mut diags = Diagnostics::new();
        let rows = vec![row("resourceId", string()), row("url", string())];
        let rows = align_names(
            Path::new("x.md"),
            "mediaInfo",
            "the JSON",
            rows,
            &keys,
            &mut diags,
        );
        assert_eq!(rows[1].written_name, "uri");
        let rows = vec![row("resourceId", string()), row("location", string())];
        let rows = align_names(
            Path::new("x.md"),
            "mediaInfo",
            "the JSON",
            rows,
            &keys,
            &mut diags,
        );
        assert_eq!(rows[1].written_name, "location");
        assert_eq!(diags.count_by_code(), vec![("table-name-mismatch", 1)]);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("url", "uri"), 1);
        assert_eq!(edit_distance("resource", "resourceUrl"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
