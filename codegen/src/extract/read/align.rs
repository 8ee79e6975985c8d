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

use crate::extract::read::name_evidence::{evidence_candidates, unclaimed};
use crate::extract::read::template::Hint;
use crate::extract::read::type_doc::PropertyRow;
use crate::extract::read::type_expr::is_type_name;

/// Renames rows to the real names of `keys` (see the module doc) and
/// reports each alignment. `source` names the JSON the keys come from,
/// for the diagnostics.
pub(crate) fn align_names(
    file: &Path,
    owner: &str,
    source: &str,
    rows: Vec<PropertyRow>,
    keys: &[(String, Hint)],
    diags: &mut Diagnostics,
) -> Vec<PropertyRow> {
    let alignment = align(rows, keys);
    alignment.report(file, owner, source, diags);
    alignment.rows
}

/// Rows renamed to the real names, with what was done to them.
pub(crate) struct Alignment {
    /// The rows, renamed.
    pub(crate) rows: Vec<PropertyRow>,
    notes: Vec<Note>,
}

/// One alignment, or one row left as written, to report.
enum Note {
    /// A translated row took `to` (by what the evidence says, if it did).
    Renamed {
        line: usize,
        from: String,
        to: String,
        why: Option<&'static str>,
    },
    /// A translated row that matches no real name.
    Unmatched { line: usize, name: String },
    /// The evidence points to several real names.
    Ambiguous {
        line: usize,
        name: String,
        keys: Vec<String>,
    },
    /// An English row a slip away from the real name.
    Slip {
        line: usize,
        from: String,
        to: String,
    },
}

/// Renames rows to the real names of `keys` (see the module doc),
/// reporting nothing yet.
pub(crate) fn align(mut rows: Vec<PropertyRow>, keys: &[(String, Hint)]) -> Alignment {
    let mut notes = Vec::new();
    align_by_evidence(&mut rows, keys, &mut notes);
    if let Some(names) = alphabetical_assignment(&rows, keys) {
        for (row, name) in rows.iter_mut().zip(names) {
            if row.written_name != name {
                notes.push(Note::Renamed {
                    line: row.line,
                    from: std::mem::replace(&mut row.written_name, name.clone()),
                    to: name,
                    why: None,
                });
            }
        }
    }
    let first_fits = for_each_translated_row(&mut rows, keys, |row, free| {
        let chosen = free
            .iter()
            .find(|(_, hint)| hint.agrees_with(row.ty.as_ref()))
            .or_else(|| free.first())
            .map(|(key, _)| key.clone());
        Some(match chosen {
            Some(key) => Note::Renamed {
                line: row.line,
                from: row.written_name.clone(),
                to: key,
                why: None,
            },
            None => Note::Unmatched {
                line: row.line,
                name: row.written_name.clone(),
            },
        })
    });
    notes.extend(first_fits);
    align_one_slip(&mut rows, keys, &mut notes);
    Alignment { rows, notes }
}

/// Offers each translated row, with the keys no row names at that moment,
/// to `choose`; a [`Note::Renamed`] it returns renames the row. Returns
/// the notes in row order.
fn for_each_translated_row(
    rows: &mut [PropertyRow],
    keys: &[(String, Hint)],
    mut choose: impl FnMut(&PropertyRow, Vec<&(String, Hint)>) -> Option<Note>,
) -> Vec<Note> {
    let mut renamed = Vec::new();
    for index in 0..rows.len() {
        if is_type_name(&rows[index].written_name) {
            continue;
        }
        let free = unclaimed(keys, rows);
        if let Some(note) = choose(&rows[index], free) {
            if let Note::Renamed { to, .. } = &note {
                rows[index].written_name = to.clone();
            }
            renamed.push(note);
        }
    }
    renamed
}

/// Renames the translated rows that the evidence ties to exactly one free
/// key ([`crate::extract::read::name_evidence`]); notes each ambiguity.
fn align_by_evidence(rows: &mut [PropertyRow], keys: &[(String, Hint)], notes: &mut Vec<Note>) {
    let found = for_each_translated_row(rows, keys, |row, free| {
        match evidence_candidates(row, free).as_slice() {
            [(key, why)] => Some(Note::Renamed {
                line: row.line,
                from: row.written_name.clone(),
                to: (*key).to_string(),
                why: Some(why),
            }),
            [] => None,
            several => Some(Note::Ambiguous {
                line: row.line,
                name: row.written_name.clone(),
                keys: several.iter().map(|(k, _)| (*k).to_string()).collect(),
            }),
        }
    });
    notes.extend(found);
}

impl Alignment {
    /// Reports every alignment, `owner` and `source` naming the table and
    /// the JSON in the messages.
    pub(crate) fn report(&self, file: &Path, owner: &str, source: &str, diags: &mut Diagnostics) {
        for note in &self.notes {
            match note {
                Note::Renamed {
                    line,
                    from,
                    to,
                    why,
                } => {
                    let by = why.map(|w| format!(" by {w}")).unwrap_or_default();
                    diags.warn(
                        file,
                        *line,
                        "translated-property-name",
                        format!("{owner}: the table names `{from}`; aligned to `{to}` of {source}{by}"),
                    );
                }
                Note::Unmatched { line, name } => diags.warn(
                    file,
                    *line,
                    "translated-property-name",
                    format!("{owner}: the table names `{name}`, which matches nothing in {source}; it is kept as written"),
                ),
                Note::Ambiguous { line, name, keys } => diags.warn(
                    file,
                    *line,
                    "translated-name-ambiguous",
                    format!(
                        "{owner}: the table's `{name}` could be any of `{}` of {source}; the table's order decides",
                        keys.join("`, `")
                    ),
                ),
                Note::Slip { line, from, to } => diags.warn(
                    file,
                    *line,
                    "table-name-mismatch",
                    format!("{owner}: the table names `{from}` but {source} has `{to}`; `{to}` is used"),
                ),
            }
        }
    }
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
fn align_one_slip(rows: &mut [PropertyRow], keys: &[(String, Hint)], notes: &mut Vec<Note>) {
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
    notes.push(Note::Slip {
        line: row.line,
        from: row.written_name.clone(),
        to: key.clone(),
    });
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

    /// The written names `align_names` gives `rows` against `keys`.
    fn aligned(
        rows: Vec<PropertyRow>,
        keys: &[(String, Hint)],
        diags: &mut Diagnostics,
    ) -> Vec<String> {
        align_names(Path::new("x.md"), "op", "the JSON", rows, keys, diags)
            .into_iter()
            .map(|row| row.written_name)
            .collect()
    }

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

    fn identity_row(name: &str, description: &str) -> PropertyRow {
        PropertyRow {
            ty: Some(TypeExpr::Named {
                name: "标识".into(),
                page_stem: Some("identity".into()),
            }),
            description: description.into(),
            ..row(name, string())
        }
    }

    #[test]
    fn rows_align_by_what_they_say_not_by_position() {
        let identity = || Hint::Named("identity".into());
        let keys: Vec<(String, Hint)> = ["application", "applicationInstance", "device", "user"]
            .iter()
            .map(|k| (k.to_string(), identity()))
            .collect();
        let mut rows = vec![
            identity_row("application", "The application."),
            identity_row("设备", "与此操作关联的设备。"),
            identity_row("用户", "与此操作关联的用户。"),
            identity_row("实例", "The applicationInstance of the call."),
            identity_row("其他", "没有线索。"),
        ];
        let mut notes = Vec::new();
        align_by_evidence(&mut rows, &keys, &mut notes);
        let names: Vec<&str> = rows.iter().map(|r| r.written_name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "application",
                "device",
                "user",
                "applicationInstance",
                "其他"
            ]
        );
        assert_eq!(notes.len(), 3);
        assert!(
            notes
                .iter()
                .all(|n| matches!(n, Note::Renamed { why: Some(_), .. }))
        );
    }

    #[test]
    fn several_fitting_keys_are_ambiguous() {
        let keys = vec![
            ("sources".to_string(), Hint::Primitive(Primitive::String)),
            ("source".to_string(), Hint::Primitive(Primitive::String)),
        ];
        let mut rows = vec![PropertyRow {
            ty: Some(TypeExpr::Primitive(Primitive::String)),
            ..identity_row("源", "")
        }];
        let mut notes = Vec::new();
        align_by_evidence(&mut rows, &keys, &mut notes);
        assert_eq!(rows[0].written_name, "源");
        assert!(matches!(notes.as_slice(), [Note::Ambiguous { keys, .. }] if keys.len() == 2));
        let alignment = Alignment { rows, notes };
        let mut diags = Diagnostics::new();
        alignment.report(Path::new("x.md"), "op", "the JSON", &mut diags);
        assert_eq!(
            diags.count_by_code(),
            vec![("translated-name-ambiguous", 1)]
        );
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
        let names = aligned(rows, &keys, &mut diags);
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
        let names = aligned(rows, &keys, &mut diags);
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
        assert_eq!(aligned(rows, &keys, &mut diags)[1], "uri");
        let rows = vec![row("resourceId", string()), row("location", string())];
        assert_eq!(aligned(rows, &keys, &mut diags)[1], "location");
        assert_eq!(diags.count_by_code(), vec![("table-name-mismatch", 1)]);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("url", "uri"), 1);
        assert_eq!(edit_distance("resource", "resourceUrl"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
