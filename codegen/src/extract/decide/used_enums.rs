//! The enumerations a document uses, as properties decide them.
//!
//! An enums.md enum is used as documented (a description listing other
//! values is reported). An enum made from a value list (an inline
//! "Possible values are ..." list, a type word with listed values) keeps
//! the first list seen; a later, different list of the same name is
//! reported. Types and pages are decided in parallel, each with a
//! deferring copy of the table that records its lists; [`Enums::absorb`]
//! replays them in document order, so what is kept and what is reported
//! are the same as deciding one type after the other.
//!
//! This module does not read value lists out of text ([`crate::extract::read::enums`])
//! nor decide which property uses which enum ([`crate::extract::decide::schema`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;

use crate::extract::read::enums::EnumDoc;
use crate::extract::render::api::EnumType;

/// The enumerations of the document as they are decided.
#[derive(Debug, Clone)]
pub(crate) struct Enums<'d> {
    /// enums.md sections by lowercased name.
    documented: &'d BTreeMap<String, EnumDoc>,
    /// The enums the document will contain.
    pub(crate) used: BTreeMap<String, EnumType>,
    /// In a deferring copy: the lists to compare and keep later.
    deferred: Option<Vec<Listed>>,
}

/// One enum made from a value list, and where.
#[derive(Debug, Clone)]
struct Listed {
    name: String,
    values: Vec<String>,
    inline: bool,
    file: PathBuf,
    line: usize,
}

impl<'d> Enums<'d> {
    /// Starts from the enums.md sections.
    pub(crate) fn new(documented: &'d BTreeMap<String, EnumDoc>) -> Enums<'d> {
        Enums {
            documented,
            used: BTreeMap::new(),
            deferred: None,
        }
    }

    /// An empty table over the same enums.md sections that records lists
    /// instead of comparing them, for [`Enums::absorb`].
    pub(crate) fn deferring(documented: &'d BTreeMap<String, EnumDoc>) -> Enums<'d> {
        Enums {
            deferred: Some(Vec::new()),
            ..Enums::new(documented)
        }
    }

    /// Marks an enums.md enum as used; returns its canonical name.
    pub(crate) fn use_documented(&mut self, name: &str) -> Option<String> {
        let doc = self.documented.get(&name.to_ascii_lowercase())?;
        let canonical = if doc.named_by_anchor {
            name.to_string()
        } else {
            doc.name.clone()
        };
        self.used
            .entry(canonical.clone())
            .or_insert_with(|| EnumType {
                name: canonical.clone(),
                values: doc.values.clone(),
                description: None,
                inline: false,
            });
        Some(canonical)
    }

    /// Adds (or reuses) an enum made from a value list.
    pub(crate) fn add_listed(
        &mut self,
        name: &str,
        values: &[String],
        inline: bool,
        at: (&Path, usize),
        diags: &mut Diagnostics,
    ) -> String {
        if let Some(existing) = self.use_documented(name) {
            let documented = &self.used[&existing].values;
            if documented != values {
                warn_mismatch(
                    diags,
                    at.0,
                    at.1,
                    &existing,
                    documented,
                    "the description",
                    values,
                );
            }
            return existing;
        }
        let listed = Listed {
            name: name.to_string(),
            values: values.to_vec(),
            inline,
            file: at.0.to_path_buf(),
            line: at.1,
        };
        match &mut self.deferred {
            Some(deferred) => deferred.push(listed),
            None => self.keep(listed, diags),
        }
        name.to_string()
    }

    /// Takes in what a deferring table decided: its enums.md enums, and
    /// its lists in the order they were made.
    pub(crate) fn absorb(&mut self, other: Enums<'_>, diags: &mut Diagnostics) {
        for (name, documented) in other.used {
            self.used.entry(name).or_insert(documented);
        }
        for listed in other.deferred.unwrap_or_default() {
            self.keep(listed, diags);
        }
    }

    /// Keeps the first list of a name; reports a later, different one.
    fn keep(&mut self, listed: Listed, diags: &mut Diagnostics) {
        match self.used.get(&listed.name) {
            Some(existing) if existing.values != listed.values => {
                let kept = existing.values.clone();
                warn_mismatch(
                    diags,
                    &listed.file,
                    listed.line,
                    &listed.name,
                    &kept,
                    "another list of the same enum",
                    &listed.values,
                );
            }
            Some(_) => {}
            None => {
                self.used.insert(
                    listed.name.clone(),
                    EnumType {
                        name: listed.name,
                        values: listed.values,
                        description: None,
                        inline: listed.inline,
                    },
                );
            }
        }
    }
}

/// Reports that two value lists for the same thing disagree.
pub(crate) fn warn_mismatch(
    diags: &mut Diagnostics,
    file: &Path,
    line: usize,
    what: &str,
    used: &[String],
    other_source: &str,
    other: &[String],
) {
    diags.push(
        crate::diag::Diagnostic::warning(
            crate::diag::Location::line(file, line),
            "enum-values-mismatch",
            format!("{what}: values differ from {other_source}; the documented list is used"),
        )
        .with_note(format!("used: {}", used.join(", ")))
        .with_note(format!("{other_source}: {}", other.join(", "))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn deferred_lists_are_kept_and_compared_in_absorb_order() {
        let documented = BTreeMap::new();
        let file = Path::new("x.md");
        let mut direct = Enums::new(&documented);
        let mut direct_diags = Diagnostics::new();
        direct.add_listed(
            "kind",
            &strings(&["a", "b"]),
            false,
            (file, 1),
            &mut direct_diags,
        );
        direct.add_listed(
            "kind",
            &strings(&["a"]),
            false,
            (file, 2),
            &mut direct_diags,
        );

        let mut first = Enums::deferring(&documented);
        let mut second = Enums::deferring(&documented);
        let mut diags = Diagnostics::new();
        first.add_listed("kind", &strings(&["a", "b"]), false, (file, 1), &mut diags);
        second.add_listed("kind", &strings(&["a"]), false, (file, 2), &mut diags);
        assert!(diags.is_empty(), "a deferring table compares nothing");
        let mut merged = Enums::new(&documented);
        merged.absorb(first, &mut diags);
        merged.absorb(second, &mut diags);
        assert_eq!(merged.used, direct.used);
        assert_eq!(diags.sorted(), direct_diags.sorted());
        assert_eq!(diags.count_by_code(), vec![("enum-values-mismatch", 1)]);
    }
}
