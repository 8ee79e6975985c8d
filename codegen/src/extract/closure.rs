//! Which pages belong to the extraction: the closure of the roots.
//!
//! Starting from the root pages, a page brings in:
//! - on a resource page: the types of its property and relationship
//!   tables, the `@odata.type`s of its JSON representation, its base type
//!   (`baseType` metadata, "Inherits from" prose), the types of its
//!   "Derived types" table, the method pages of its Methods table, the
//!   method pages named `<type>-<action>` after it (case-insensitive: a
//!   method the Methods table forgets, such as en-2019-09's
//!   `call-updatemetadata.md`), and the resource pages its prose links to;
//! - on a method page: the types of its request-body table, the resource
//!   its request body or response is "a JSON representation of", the
//!   payload types of its examples (metadata `@odata.type` and the
//!   top-level `@odata.type` of each body, which is how notification types
//!   come in), and the resource pages its prose links to;
//! - a name that is no page but a `### name values` section of enums.md
//!   brings in enums.md;
//! - once nothing more comes in, every resource page of the tree whose
//!   `baseType` metadata names a type of the closure (a subtype that only
//!   its own page declares), and the closure continues from those.
//!
//! What is never followed, so that the big unrelated entities stay out:
//! - links into method pages other than Methods-table rows (prose such as
//!   "see [Get onlineMeeting](../api/onlinemeeting-get.md)");
//! - links outside `api-reference/beta/{resources,api}` (concept pages,
//!   absolute URLs);
//! - subtypes that declare their base only in their own prose ("Inherits
//!   from [identity]"): finding them would mean reading every page, and it
//!   is what keeps identity's and identitySet's dozens of subtypes out;
//! - the hub entities in [`STOPPED`] and the `callRecords` namespace
//!   (`callrecords-*` pages), even when a table names them: they are
//!   domains of their own. A property of such a type keeps its documented
//!   name and becomes an untyped object.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::docs::model::{Link, Page, PageKind};

use super::enums::{EnumDoc, read_enums_page};
use super::examples::{ExampleDoc, read_examples};
use super::library::{Library, stem_of};
use super::operations::{BodyDoc, MethodDoc, is_resource_link, read_method_page};
use super::template::odata_type_name;
use super::type_expr::TypeExpr;
use super::types::{BaseMetadata, TypeDoc, read_type_page};

/// Hub entities never followed (lowercased names / page stems).
pub const STOPPED: [&str; 24] = [
    "entity",
    "directoryobject",
    "user",
    "group",
    "application",
    "serviceprincipal",
    "device",
    "organization",
    "onlinemeeting",
    "presence",
    "team",
    "channel",
    "chat",
    "chatmessage",
    "drive",
    "driveitem",
    "site",
    "event",
    "calendar",
    "message",
    "contact",
    "cloudcommunications",
    "callrecord",
    "session",
];

/// Page stems starting with one of these are namespaces never followed.
pub const STOPPED_PREFIXES: [&str; 1] = ["callrecords-"];

/// Whether a name or page stem is one the closure does not follow.
pub fn is_stopped(name_or_stem: &str) -> bool {
    let lower = name_or_stem.to_ascii_lowercase();
    STOPPED.contains(&lower.as_str()) || STOPPED_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// A root of the extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A type name, found as a resource page of the tree.
    Type(String),
    /// A method page of the tree, by stem.
    Method(String),
    /// A page given by path (a file added to the library).
    File(PathBuf),
}

/// Everything the closure read, ready for the schema stage.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Resource pages read, in page path order.
    pub types: Vec<TypeDoc>,
    /// Method pages read, in page path order.
    pub methods: Vec<MethodDoc>,
    /// Examples shown on resource pages.
    pub resource_examples: Vec<ExampleDoc>,
    /// Enumerations of enums.md (all of them; the schema stage keeps the
    /// referenced ones).
    pub enums: BTreeMap<String, EnumDoc>,
    /// Every page of the closure with the reason it is in.
    pub pages: BTreeMap<PathBuf, String>,
    /// Names referenced but stopped, with where they were referenced.
    pub stopped: BTreeMap<String, String>,
}

enum Work {
    Resource(String, String),
    Method(String, String),
    Page(Page, String),
}

/// Computes the closure of `roots` over `library`.
pub fn compute(library: &Library, roots: &[Root], diags: &mut Diagnostics) -> Corpus {
    let mut state = State {
        library,
        corpus: Corpus::default(),
        queue: VecDeque::new(),
        seen_stems: BTreeSet::new(),
        enum_candidates: BTreeMap::new(),
        declared: None,
    };
    for root in roots {
        state.push_root(root, diags);
    }
    loop {
        state.drain(diags);
        if !state.add_declared_subtypes(diags) {
            break;
        }
    }
    state.add_enums(diags);
    state.corpus
}

struct State<'a> {
    library: &'a Library,
    corpus: Corpus,
    queue: VecDeque<Work>,
    seen_stems: BTreeSet<(bool, String)>,
    /// Names that are no page, with the first place naming them.
    enum_candidates: BTreeMap<String, String>,
    /// Pages declaring a `baseType`, with that base, read on first need.
    declared: Option<Vec<(Page, String, Diagnostics)>>,
}

impl State<'_> {
    fn push_root(&mut self, root: &Root, diags: &mut Diagnostics) {
        match root {
            // A root is read even when the stop list names it: only what
            // it brings in is subject to the stop list.
            Root::Type(name) => match self.library.resource(name, diags) {
                Some(page) => self.queue.push_back(Work::Page(page, "root".into())),
                None => self
                    .queue
                    .push_back(Work::Resource(name.clone(), "root".into())),
            },
            Root::Method(stem) => self
                .queue
                .push_back(Work::Method(stem.clone(), "root".into())),
            Root::File(path) => match self.library.file_page(path) {
                Some(page) => self
                    .queue
                    .push_back(Work::Page(page.clone(), "root".into())),
                None => diags.error(path, 0, "missing-root", "the root page was not loaded"),
            },
        }
    }

    fn drain(&mut self, diags: &mut Diagnostics) {
        while let Some(work) = self.queue.pop_front() {
            match work {
                Work::Resource(stem, why) => self.visit_resource(&stem, why, diags),
                Work::Method(stem, why) => self.visit_method(&stem, why, diags),
                Work::Page(page, why) => self.visit_page(page, why, diags),
            }
        }
    }

    fn visit_resource(&mut self, stem: &str, why: String, diags: &mut Diagnostics) {
        if is_stopped(stem) {
            self.corpus.stopped.entry(stem.to_string()).or_insert(why);
            return;
        }
        if !self.seen_stems.insert((false, stem.to_ascii_lowercase())) {
            return;
        }
        match self.library.resource(stem, diags) {
            Some(page) => self.visit_page(page, why, diags),
            None => {
                self.enum_candidates
                    .entry(stem.to_ascii_lowercase())
                    .or_insert(why);
            }
        }
    }

    fn visit_method(&mut self, stem: &str, why: String, diags: &mut Diagnostics) {
        if !self.seen_stems.insert((true, stem.to_ascii_lowercase())) {
            return;
        }
        match self.library.method(stem, diags) {
            Some(page) => self.visit_page(page, why, diags),
            None => diags.warn(
                Path::new(&why_file(&why)),
                why_line(&why),
                "missing-page",
                format!("method page `{stem}` is not in the docs tree"),
            ),
        }
    }

    fn visit_page(&mut self, page: Page, why: String, diags: &mut Diagnostics) {
        if self.corpus.pages.contains_key(&page.path) {
            return;
        }
        self.corpus.pages.insert(page.path.clone(), why);
        self.seen_stems
            .insert((page.kind == PageKind::Method, stem_of(&page.path)));
        match page.kind {
            PageKind::Method => {
                let method = read_method_page(&page, diags);
                self.follow_method(&method);
                self.corpus.methods.push(method);
            }
            PageKind::Enums => {}
            _ => {
                let doc = read_type_page(&page, diags);
                self.follow_type(&doc);
                self.corpus
                    .resource_examples
                    .extend(read_examples(&page, false, diags));
                self.corpus.types.push(doc);
            }
        }
    }

    fn follow_type(&mut self, doc: &TypeDoc) {
        let at = |line: usize| format!("{}:{line}", doc.page.display());
        for property in &doc.properties {
            if let Some(ty) = property.row.as_ref().and_then(|r| r.ty.as_ref()) {
                self.follow_expr(ty, &at(property.line()));
            }
        }
        for name in &doc.template_types {
            self.follow_name(name, None, &at(doc.line));
        }
        if let BaseMetadata::Named(name, line) = &doc.base_metadata {
            self.follow_name(name, None, &at(*line));
        }
        if let Some((expr, line)) = &doc.inherits_from {
            self.follow_expr(expr, &at(*line));
        }
        for (expr, line) in &doc.derived {
            self.follow_expr(expr, &at(*line));
        }
        for row in &doc.methods {
            self.queue
                .push_back(Work::Method(row.page_stem.clone(), at(row.line)));
            if let Some(returns) = &row.returns {
                self.follow_expr(returns, &at(row.line));
            }
        }
        self.follow_methods_by_page_name(doc);
        self.follow_links(&doc.prose_links, &at(doc.line));
    }

    /// Method pages named `<type>-<action>` (after the type's name or its
    /// page's stem) are methods of the type even when no Methods table
    /// row links them.
    fn follow_methods_by_page_name(&mut self, doc: &TypeDoc) {
        let mut stems = self.library.method_stems_named_after(&doc.name);
        let page_stem = stem_of(&doc.page);
        if !page_stem.eq_ignore_ascii_case(&doc.name) {
            stems.extend(self.library.method_stems_named_after(&page_stem));
            stems.sort();
            stems.dedup();
        }
        let why = format!(
            "{}:{} (method of {} by page name)",
            doc.page.display(),
            doc.line,
            doc.name
        );
        for stem in stems {
            self.queue.push_back(Work::Method(stem, why.clone()));
        }
    }

    fn follow_method(&mut self, method: &MethodDoc) {
        let at = |line: usize| format!("{}:{line}", method.page.display());
        match &method.body {
            BodyDoc::Parameters(rows, _) => {
                for row in rows {
                    if let Some(ty) = &row.ty {
                        self.follow_expr(ty, &at(row.line));
                    }
                }
            }
            BodyDoc::Resource(expr, line) => self.follow_expr(expr, &at(*line)),
            BodyDoc::None | BodyDoc::Unknown(_) => {}
        }
        if let Some(ty) = &method.response.ty {
            self.follow_expr(ty, &at(method.response.line));
        }
        for example in &method.examples {
            for name in payload_types(example) {
                self.follow_name(&name, None, &at(example.line));
            }
        }
        self.follow_links(&method.prose_links, &at(0));
    }

    fn follow_links(&mut self, links: &[Link], why: &str) {
        for link in links.iter().filter(|l| is_resource_link(l)) {
            if let Some(stem) = link.page_stem() {
                self.queue.push_back(Work::Resource(stem, why.to_string()));
            }
        }
    }

    fn follow_expr(&mut self, expr: &TypeExpr, why: &str) {
        for named in expr.names() {
            if let TypeExpr::Named { name, page_stem } = named {
                self.follow_name(name, page_stem.as_deref(), why);
            }
        }
    }

    /// Follows a named type: its link target's page and the page named
    /// like the type (they may differ; the schema stage reports that).
    fn follow_name(&mut self, name: &str, page_stem: Option<&str>, why: &str) {
        if let Some(stem) = page_stem {
            self.queue
                .push_back(Work::Resource(stem.to_string(), why.to_string()));
        }
        if page_stem.is_none_or(|s| !s.eq_ignore_ascii_case(name)) {
            self.queue
                .push_back(Work::Resource(name.to_string(), why.to_string()));
        }
    }

    /// Adds pages of the tree whose `baseType` names a closure type.
    /// Returns whether any page was added.
    fn add_declared_subtypes(&mut self, diags: &mut Diagnostics) -> bool {
        let names: BTreeSet<String> = self
            .corpus
            .types
            .iter()
            .map(|t| t.name.to_ascii_lowercase())
            .collect();
        let declared = self.declared_bases();
        let mut added = false;
        for (page, base, page_diags) in declared {
            let wanted = names.contains(&base.to_ascii_lowercase());
            if !wanted || self.corpus.pages.contains_key(&page.path) {
                continue;
            }
            diags.extend(page_diags.clone());
            let why = format!("subtype of {base} (baseType metadata)");
            self.queue.push_back(Work::Page(page.clone(), why));
            added = true;
        }
        if added {
            self.drain(diags);
        }
        added
    }

    /// The tree's resource pages that declare a base type, read once.
    fn declared_bases(&mut self) -> Vec<(Page, String, Diagnostics)> {
        if self.declared.is_none() {
            let mut found = Vec::new();
            for relative in self.library.pages_declaring_base_type() {
                if is_stopped(&stem_of(&relative)) {
                    continue;
                }
                let mut page_diags = Diagnostics::new();
                let Some(page) = self.library.read_relative(&relative, &mut page_diags) else {
                    continue;
                };
                if let Some(base) = page_base_type(&page) {
                    found.push((page, base, page_diags));
                }
            }
            self.declared = Some(found);
        }
        self.declared.clone().unwrap_or_default()
    }

    /// Brings in enums.md when a name that is no page is one of its enums.
    fn add_enums(&mut self, diags: &mut Diagnostics) {
        if self.enum_candidates.is_empty() {
            return;
        }
        let mut scratch = Diagnostics::new();
        let Some(page) = self.library.enums(&mut scratch) else {
            return;
        };
        let enums = read_enums_page(&page, &mut scratch);
        let used = self
            .enum_candidates
            .iter()
            .find(|(name, _)| enums.contains_key(*name));
        if let Some((name, why)) = used {
            diags.extend(scratch);
            self.corpus
                .pages
                .insert(page.path.clone(), format!("enum {name} named at {why}"));
            self.corpus.enums = enums;
        }
    }
}

/// The declared payload types of an example: metadata `@odata.type` and
/// the body's top-level `@odata.type`.
fn payload_types(example: &ExampleDoc) -> Vec<String> {
    let mut names: Vec<String> = example.odata_type.iter().cloned().collect();
    if let Some(Value::String(odata_type)) = example.value.get("@odata.type") {
        names.push(odata_type_name(odata_type).to_string());
    }
    names
}

fn page_base_type(page: &Page) -> Option<String> {
    let block = super::types::resource_block(page)?;
    let base = block.metadata.as_ref()?.base_type.clone()??;
    Some(odata_type_name(&base).to_string())
}

fn why_file(why: &str) -> String {
    why.rsplit_once(':')
        .map_or_else(|| why.to_string(), |(f, _)| f.to_string())
}

fn why_line(why: &str) -> usize {
    why.rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0)
}
