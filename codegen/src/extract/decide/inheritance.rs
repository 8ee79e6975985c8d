//! Base types: who derives from whom, and on what evidence.
//!
//! The docs rarely declare inheritance the same way twice. In order of
//! strength:
//! 1. `baseType` in the resource metadata (`"baseType": null` says "no
//!    base" and blocks weaker evidence);
//! 2. a "Derived types" table on the base's page, or "Inherits from [x]"
//!    prose on the derived type's page;
//! 3. `@odata.type` evidence in examples: a value at a place documented as
//!    `B` (a property, a request or response body, the resource a
//!    `Location` header or a notification's `resourceUrl` points to)
//!    carries `@odata.type` `D`. `D` is taken to derive from `B` only when
//!    `D` has no base yet and documents every property `B` has (so a
//!    `participantInfo` given where an `invitationParticipantInfo` is
//!    documented is reported as an example defect, not a subtype).
//!
//! Contradictions and cycles are reported; the stronger evidence wins.
//! This module does not know where evidence comes from; [`crate::extract::decide::evidence`]
//! walks the examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// How a base type became known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// `@odata.type` in an example.
    Example,
    /// "Derived types" table or "Inherits from" prose.
    Prose,
    /// `baseType` metadata.
    Metadata,
}

/// The inheritance relation of the documented types.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hierarchy {
    /// Derived type -> (base, strength).
    bases: BTreeMap<String, (String, Strength)>,
    /// Types whose metadata says `"baseType": null`.
    explicitly_rootless: BTreeSet<String>,
}

impl Hierarchy {
    /// Records `"baseType": null` for a type.
    pub(crate) fn mark_rootless(&mut self, name: &str) {
        self.explicitly_rootless.insert(name.to_string());
    }

    /// Records that `derived` has base `base`, unless stronger evidence
    /// already decided otherwise. Returns whether the relation is now in.
    pub(crate) fn declare(
        &mut self,
        derived: &str,
        base: &str,
        strength: Strength,
        at: (&Path, usize),
        diags: &mut Diagnostics,
    ) -> bool {
        if derived == base {
            return false;
        }
        if self.explicitly_rootless.contains(derived) {
            warn(
                diags,
                at,
                "base-type-conflict",
                format!(
                    "{derived} is said to derive from {base}, but its metadata says `\"baseType\": null`; it is kept without base"
                ),
            );
            return false;
        }
        if self.is_a(base, derived) {
            warn(
                diags,
                at,
                "base-type-cycle",
                format!("{derived} deriving from {base} would make a cycle; it is ignored"),
            );
            return false;
        }
        match self.bases.get(derived).cloned() {
            None => {
                self.bases
                    .insert(derived.to_string(), (base.to_string(), strength));
                true
            }
            Some((existing, _)) if existing == base => true,
            Some((existing, existing_strength)) => self.resolve_conflict(
                derived,
                base,
                strength,
                &existing,
                existing_strength,
                at,
                diags,
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_conflict(
        &mut self,
        derived: &str,
        base: &str,
        strength: Strength,
        existing: &str,
        existing_strength: Strength,
        at: (&Path, usize),
        diags: &mut Diagnostics,
    ) -> bool {
        // A more specific base that is itself a subtype of the known one is
        // consistent with it.
        if self.is_a(base, existing) && strength >= Strength::Prose {
            self.bases
                .insert(derived.to_string(), (base.to_string(), strength));
            return true;
        }
        if self.is_a(existing, base) {
            return true;
        }
        let keep_new = strength > existing_strength;
        let (kept, dropped) = if keep_new {
            (base, existing)
        } else {
            (existing, base)
        };
        warn(
            diags,
            at,
            "base-type-conflict",
            format!(
                "{derived} is said to derive from both {existing} and {base}; {kept} is used, {dropped} ignored"
            ),
        );
        if keep_new {
            self.bases
                .insert(derived.to_string(), (base.to_string(), strength));
        }
        keep_new
    }

    /// The direct base of a type.
    pub(crate) fn base_of(&self, name: &str) -> Option<&str> {
        self.bases.get(name).map(|(b, _)| b.as_str())
    }

    /// The type itself and its ancestors, nearest first.
    pub(crate) fn self_and_ancestors(&self, name: &str) -> Vec<String> {
        let mut chain = vec![name.to_string()];
        let mut current = name;
        while let Some(base) = self.base_of(current) {
            if chain.iter().any(|c| c == base) {
                break;
            }
            chain.push(base.to_string());
            current = base;
        }
        chain
    }

    /// Whether `name` is `ancestor` or derives from it.
    pub(crate) fn is_a(&self, name: &str, ancestor: &str) -> bool {
        self.self_and_ancestors(name).iter().any(|a| a == ancestor)
    }

    /// Every transitive descendant of a type, sorted.
    #[cfg(test)]
    pub(crate) fn descendants(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .bases
            .keys()
            .filter(|d| d.as_str() != name && self.is_a(d, name))
            .cloned()
            .collect();
        out.sort();
        out
    }

    /// Every type with descendants, with all of them (transitive,
    /// sorted): [`Hierarchy::descendants`] of every type at once.
    pub(crate) fn all_descendants(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for derived in self.bases.keys() {
            for ancestor in self.self_and_ancestors(derived).into_iter().skip(1) {
                out.entry(ancestor).or_default().push(derived.clone());
            }
        }
        for list in out.values_mut() {
            list.sort();
        }
        out
    }

    /// The nearest type every member is or derives from.
    pub(crate) fn common_base(&self, members: &[String]) -> Option<String> {
        let first = members.first()?;
        self.self_and_ancestors(first)
            .into_iter()
            .find(|candidate| members.iter().all(|m| self.is_a(m, candidate)))
    }
}

fn warn(diags: &mut Diagnostics, at: (&Path, usize), code: &'static str, message: String) {
    diags.push(Diagnostic::warning(
        Location::line(at.0, at.1),
        code,
        message,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> (&'static Path, usize) {
        (Path::new("x.md"), 1)
    }

    #[test]
    fn ancestors_descendants_and_common_base() {
        let mut h = Hierarchy::default();
        let mut d = Diagnostics::new();
        h.declare(
            "appHostedMediaConfig",
            "mediaConfig",
            Strength::Metadata,
            at(),
            &mut d,
        );
        h.declare(
            "serviceHostedMediaConfig",
            "mediaConfig",
            Strength::Metadata,
            at(),
            &mut d,
        );
        h.declare("screen", "video", Strength::Metadata, at(), &mut d);
        h.declare("video", "media", Strength::Metadata, at(), &mut d);
        assert_eq!(
            h.self_and_ancestors("screen"),
            vec!["screen", "video", "media"]
        );
        assert_eq!(h.descendants("media"), vec!["screen", "video"]);
        let all = h.all_descendants();
        assert_eq!(all["media"], h.descendants("media"));
        assert!(all.keys().all(|k| !h.descendants(k).is_empty()));
        assert_eq!(
            h.common_base(&[
                "appHostedMediaConfig".into(),
                "serviceHostedMediaConfig".into()
            ]),
            Some("mediaConfig".into())
        );
        assert_eq!(
            h.common_base(&["screen".into(), "mediaConfig".into()]),
            None
        );
        assert!(d.is_empty());
    }

    #[test]
    fn weaker_evidence_does_not_override_and_cycles_are_refused() {
        let mut h = Hierarchy::default();
        let mut d = Diagnostics::new();
        h.declare("a", "b", Strength::Metadata, at(), &mut d);
        assert!(!h.declare("a", "c", Strength::Example, at(), &mut d));
        assert_eq!(h.base_of("a"), Some("b"));
        assert!(!h.declare("b", "a", Strength::Metadata, at(), &mut d));
        h.mark_rootless("r");
        assert!(!h.declare("r", "b", Strength::Prose, at(), &mut d));
        assert_eq!(
            d.count_by_code(),
            vec![("base-type-conflict", 2), ("base-type-cycle", 1)]
        );
    }
}
