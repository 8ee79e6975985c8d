//! Named types -> the documented type or enumeration they stand for.
//!
//! The docs name a type by link text and link target, which disagree more
//! often than one would hope: `[invitationParticipantInfo](participantinfo.md)`,
//! `[identitySet](identitySet.md)` for `identityset.md`, `[Identity](identity.md)`.
//! The rule: the written name wins when it names a documented type (the
//! author wrote the type they meant; targets are copy-paste slips), else
//! the link target's page, else an enumeration of that name. A written name
//! that disagrees with its target is reported.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::Diagnostics;

use crate::extract::read::type_expr::{Primitive, TypeExpr};

/// What a type expression resolves to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Resolved {
    /// A primitive.
    Primitive(Primitive),
    /// A documented object type, by canonical name.
    Object(String),
    /// A documented enumeration, by canonical name.
    Enum(String),
    /// A collection.
    Collection(Box<Resolved>),
    /// One of several types, none of which is a base of the others.
    Union(Vec<Resolved>),
    /// A name that is neither a type page in the closure nor an enumeration;
    /// keeps the name as written.
    Unresolved(String),
}

impl Resolved {
    /// The element of collections, the value itself otherwise.
    pub(crate) fn element(&self) -> &Resolved {
        match self {
            Resolved::Collection(inner) => inner.element(),
            other => other,
        }
    }
}

/// Name tables of the types and enumerations in the closure.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolver {
    /// Lowercased type name -> canonical type name.
    types_by_name: BTreeMap<String, String>,
    /// Lowercased page stem -> canonical type name.
    types_by_stem: BTreeMap<String, String>,
    /// Lowercased enum name -> canonical enum name.
    enums: BTreeMap<String, String>,
    /// Lowercased names of enums whose documentation does not spell them
    /// (named by an anchor only): a use's spelling is kept.
    enums_spelled_by_use: BTreeSet<String>,
}

impl Resolver {
    /// Registers an object type documented on the page with this stem.
    pub(crate) fn add_type(&mut self, name: &str, page_stem: &str) {
        self.types_by_name
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| name.to_string());
        self.types_by_stem
            .entry(page_stem.to_ascii_lowercase())
            .or_insert_with(|| name.to_string());
    }

    /// Registers an enumeration.
    pub(crate) fn add_enum(&mut self, name: &str) {
        self.enums
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| name.to_string());
    }

    /// Registers an enumeration whose name's case is unknown: each use
    /// keeps the name as written there.
    pub(crate) fn add_enum_spelled_by_use(&mut self, name: &str) {
        self.add_enum(name);
        self.enums_spelled_by_use.insert(name.to_ascii_lowercase());
    }

    /// The canonical name of a documented object type.
    pub(crate) fn type_named(&self, name: &str) -> Option<&str> {
        self.types_by_name
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The canonical name of a documented enumeration.
    pub(crate) fn enum_named(&self, name: &str) -> Option<&str> {
        self.enums
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Resolves one name (with its link target's stem, if linked).
    /// Reports a link whose text and target name different types.
    pub(crate) fn resolve_name(
        &self,
        name: &str,
        page_stem: Option<&str>,
        file: &Path,
        line: usize,
        diags: &mut Diagnostics,
    ) -> Resolved {
        self.report_link(name, page_stem, file, line, diags);
        self.lookup_name(name, page_stem)
    }

    /// What one name stands for (see the module doc); reports nothing.
    pub(crate) fn lookup_name(&self, name: &str, page_stem: Option<&str>) -> Resolved {
        if let Some(by_name) = self.type_named(name) {
            return Resolved::Object(by_name.to_string());
        }
        if let Some(by_stem) = self.type_by_stem(page_stem) {
            return Resolved::Object(by_stem.to_string());
        }
        if let Some(enum_name) = self.enum_named(name) {
            if self
                .enums_spelled_by_use
                .contains(&name.to_ascii_lowercase())
            {
                return Resolved::Enum(name.trim().to_string());
            }
            return Resolved::Enum(enum_name.to_string());
        }
        Resolved::Unresolved(name.to_string())
    }

    fn type_by_stem(&self, page_stem: Option<&str>) -> Option<&str> {
        page_stem
            .and_then(|s| self.types_by_stem.get(&s.to_ascii_lowercase()))
            .map(String::as_str)
    }

    /// A link whose text names a documented type and whose target is the
    /// page of another one.
    fn report_link(
        &self,
        name: &str,
        page_stem: Option<&str>,
        file: &Path,
        line: usize,
        diags: &mut Diagnostics,
    ) {
        let (Some(by_name), Some(target)) = (self.type_named(name), self.type_by_stem(page_stem))
        else {
            return;
        };
        if target != by_name {
            diags.warn(
                file,
                line,
                "link-target-mismatch",
                format!("link text `{name}` points to the page of `{target}`; `{by_name}` is used"),
            );
        }
    }

    /// Resolves a whole expression, reporting each link whose text and
    /// target disagree ([`Resolver::lookup`] is the same, reporting nothing).
    pub(crate) fn resolve(
        &self,
        expr: &TypeExpr,
        file: &Path,
        line: usize,
        diags: &mut Diagnostics,
    ) -> Resolved {
        self.report_links(expr, file, line, diags);
        self.lookup(expr)
    }

    /// Reports each link of an expression whose text and target name
    /// different types.
    pub(crate) fn report_links(
        &self,
        expr: &TypeExpr,
        file: &Path,
        line: usize,
        diags: &mut Diagnostics,
    ) {
        match expr {
            TypeExpr::Primitive(_) => {}
            TypeExpr::Named { name, page_stem } => {
                self.report_link(name, page_stem.as_deref(), file, line, diags);
            }
            TypeExpr::Collection(inner) => self.report_links(inner, file, line, diags),
            TypeExpr::Union(members) => members
                .iter()
                .for_each(|m| self.report_links(m, file, line, diags)),
        }
    }

    /// What a whole expression stands for; reports nothing. Unions stay
    /// unions here; choosing a common base is the schema stage's business.
    pub(crate) fn lookup(&self, expr: &TypeExpr) -> Resolved {
        match expr {
            TypeExpr::Primitive(p) => Resolved::Primitive(*p),
            TypeExpr::Named { name, page_stem } => self.lookup_name(name, page_stem.as_deref()),
            TypeExpr::Collection(inner) => Resolved::Collection(Box::new(self.lookup(inner))),
            TypeExpr::Union(members) => {
                let mut resolved: Vec<Resolved> = members.iter().map(|m| self.lookup(m)).collect();
                resolved.dedup();
                if resolved.len() == 1 {
                    resolved.remove(0)
                } else {
                    Resolved::Union(resolved)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        let mut r = Resolver::default();
        r.add_type("participantInfo", "participantinfo");
        r.add_type("invitationParticipantInfo", "invitationparticipantinfo");
        r.add_type("chatInfo", "chatInfo");
        r.add_enum("callState");
        r
    }

    #[test]
    fn written_name_wins_over_a_wrong_target() {
        let mut diags = Diagnostics::new();
        let resolved = resolver().resolve_name(
            "invitationParticipantInfo",
            Some("participantinfo"),
            Path::new("call.md"),
            93,
            &mut diags,
        );
        assert_eq!(
            resolved,
            Resolved::Object("invitationParticipantInfo".into())
        );
        assert_eq!(diags.count_by_code(), vec![("link-target-mismatch", 1)]);
    }

    #[test]
    fn case_differences_are_not_mismatches() {
        let mut diags = Diagnostics::new();
        let r = resolver();
        let file = Path::new("x.md");
        assert_eq!(
            r.resolve_name("ChatInfo", Some("chatinfo"), file, 1, &mut diags),
            Resolved::Object("chatInfo".into())
        );
        assert_eq!(
            r.resolve_name("callstate", None, file, 1, &mut diags),
            Resolved::Enum("callState".into())
        );
        assert_eq!(
            r.resolve_name("Prompts", Some("participantinfo"), file, 1, &mut diags),
            Resolved::Object("participantInfo".into())
        );
        assert_eq!(
            r.resolve_name("user", None, file, 1, &mut diags),
            Resolved::Unresolved("user".into())
        );
        assert!(diags.is_empty());
    }
}
