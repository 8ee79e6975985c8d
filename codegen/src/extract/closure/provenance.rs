//! Why a page is in the closure: the first reason found for it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a page is in the extraction. Most pages are named many times over;
/// the first reason is kept. Its text (`Display`) is the one the closure
/// listing prints, e.g. `api-reference/beta/resources/call.md:42`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// A root of the extraction.
    Root,
    /// Named at a line of a page (a table row, a link, a template, ...).
    At {
        /// The naming page.
        page: Arc<Path>,
        /// Its line.
        line: usize,
    },
    /// A method page named `<type>-<action>` after a resource page.
    MethodByPageName {
        /// The resource page.
        page: Arc<Path>,
        /// The line of its title.
        line: usize,
        /// The type it documents.
        type_name: String,
    },
    /// A resource page whose `baseType` metadata names a type of the
    /// closure.
    DeclaredSubtype {
        /// The base it names.
        base: String,
    },
    /// enums.md, for an enumeration a page names.
    EnumNamed {
        /// The enumeration (lowercased).
        name: String,
        /// Why that name was looked up.
        by: Box<Provenance>,
    },
}

impl Provenance {
    /// Named at `line` of `page`.
    pub(crate) fn at(page: &Arc<Path>, line: usize) -> Provenance {
        Provenance::At {
            page: Arc::clone(page),
            line,
        }
    }

    /// The page and line that named the page, when a line did.
    pub(crate) fn location(&self) -> Option<(&Path, usize)> {
        match self {
            Provenance::At { page, line } | Provenance::MethodByPageName { page, line, .. } => {
                Some((page, *line))
            }
            Provenance::Root | Provenance::DeclaredSubtype { .. } => None,
            Provenance::EnumNamed { by, .. } => by.location(),
        }
    }

    /// Where a problem with the named page is reported: the naming page
    /// and line, or the reason's text at line 0.
    pub(crate) fn report_at(&self) -> (PathBuf, usize) {
        match self.location() {
            Some((page, line)) => (page.to_path_buf(), line),
            None => (PathBuf::from(self.to_string()), 0),
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Root => f.write_str("root"),
            Provenance::At { page, line } => write!(f, "{}:{line}", page.display()),
            Provenance::MethodByPageName {
                page,
                line,
                type_name,
            } => write!(
                f,
                "{}:{line} (method of {type_name} by page name)",
                page.display()
            ),
            Provenance::DeclaredSubtype { base } => {
                write!(f, "subtype of {base} (baseType metadata)")
            }
            Provenance::EnumNamed { name, by } => write!(f, "enum {name} named at {by}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_location() {
        let page: Arc<Path> = Arc::from(Path::new("api-reference/beta/resources/call.md"));
        let at = Provenance::at(&page, 42);
        assert_eq!(at.to_string(), "api-reference/beta/resources/call.md:42");
        assert_eq!(at.location(), Some((page.as_ref(), 42)));
        let by_name = Provenance::MethodByPageName {
            page: Arc::clone(&page),
            line: 3,
            type_name: "call".into(),
        };
        assert_eq!(
            by_name.to_string(),
            "api-reference/beta/resources/call.md:3 (method of call by page name)"
        );
        let enums = Provenance::EnumNamed {
            name: "modality".into(),
            by: Box::new(at),
        };
        assert_eq!(
            enums.to_string(),
            "enum modality named at api-reference/beta/resources/call.md:42"
        );
        assert_eq!(Provenance::Root.report_at(), (PathBuf::from("root"), 0));
    }
}
