//! Closure: which pages belong to the extraction.
//!
//! Takes the [`library::Library`] (where pages come from) and the roots;
//! hands on a [`Corpus`]: the page facts ([`crate::extract::read`]) of
//! every page of the closure of the roots, each page with the
//! [`Provenance`] that brought it in.
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

pub mod all_pages;
pub(crate) mod library;
pub(crate) mod provenance;

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

pub(crate) use provenance::Provenance;

use crate::diag::Diagnostics;
use crate::docs::model::{Link, Page, PageKind};

use crate::extract::read::analysis::{Analyses, Analysis, Content, Read, analyze};
use crate::extract::read::enums::{EnumDoc, read_enums_page};
use crate::extract::read::examples::ExampleDoc;
use crate::extract::read::operations::{BodyDoc, MethodDoc, is_resource_link};
use crate::extract::read::template::odata_type_name;
use crate::extract::read::type_doc::{BaseMetadata, TypeDoc};
use crate::extract::read::type_expr::TypeExpr;
use library::{Found, Library, stem_of};

/// Hub entities never followed (lowercased names / page stems).
pub(crate) const STOPPED: [&str; 24] = [
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
pub(crate) const STOPPED_PREFIXES: [&str; 1] = ["callrecords-"];

/// Whether a name or page stem is one the closure does not follow.
pub(crate) fn is_stopped(name_or_stem: &str) -> bool {
    let lower = name_or_stem.to_ascii_lowercase();
    STOPPED.contains(&lower.as_str()) || STOPPED_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// A root of the extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Root {
    /// A type name, found as a resource page of the tree.
    Type(String),
    /// A method page of the tree, by stem.
    Method(String),
    /// A page given by path (a file added to the library).
    File(PathBuf),
}

/// Everything the closure read, ready for the schema stage.
#[derive(Debug, Clone, Default)]
pub(crate) struct Corpus {
    /// Resource pages read, in the order the closure reached them.
    pub(crate) types: Vec<TypeDoc>,
    /// Method pages read, in the order the closure reached them.
    pub(crate) methods: Vec<MethodDoc>,
    /// Examples shown on resource pages.
    pub(crate) resource_examples: Vec<ExampleDoc>,
    /// Enumerations of enums.md (all of them; the schema stage keeps the
    /// referenced ones).
    pub(crate) enums: BTreeMap<String, EnumDoc>,
    /// Every page of the closure with the reason it is in.
    pub(crate) pages: BTreeMap<PathBuf, Provenance>,
    /// Names referenced but stopped, with where they were referenced.
    pub(crate) stopped: BTreeMap<String, Provenance>,
}

enum Work {
    Resource(String, Provenance),
    Method(String, Provenance),
    /// A page of the tree by its relative path.
    Path(PathBuf, Provenance),
    /// A page given as a single file.
    Page(Page, Provenance),
}

/// Computes the closure of `roots` over `library`.
pub(crate) fn compute(library: &Library, roots: &[Root], diags: &mut Diagnostics) -> Corpus {
    let mut state = State {
        library,
        analyses: Analyses::new(library.root().unwrap_or(Path::new(""))),
        corpus: Corpus::default(),
        visited: HashSet::new(),
        reached: Vec::new(),
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
    // Sorted once here rather than kept sorted page by page: comparing
    // paths component by component is what inserting them cost.
    state.corpus.pages = std::mem::take(&mut state.reached).into_iter().collect();
    state.add_enums(diags);
    state.corpus
}

struct State<'a> {
    library: &'a Library,
    /// Pages of the tree read ahead of the walk.
    analyses: Analyses,
    corpus: Corpus,
    /// The pages reached so far, for fast look-ups (never iterated).
    visited: HashSet<PathBuf>,
    /// The pages reached so far with the reason each is in, in the order
    /// reached; they become `corpus.pages` once the closure is complete.
    reached: Vec<(PathBuf, Provenance)>,
    queue: VecDeque<Work>,
    seen_stems: BTreeSet<(bool, String)>,
    /// Names that are no page, with the first place naming them.
    enum_candidates: BTreeMap<String, Provenance>,
    /// Pages declaring a `baseType`, with that base, found on first need.
    declared: Option<Vec<(PathBuf, String)>>,
}

impl State<'_> {
    fn push_root(&mut self, root: &Root, diags: &mut Diagnostics) {
        match root {
            // A root is read even when the stop list names it: only what
            // it brings in is subject to the stop list.
            Root::Type(name) => match self.library.locate_resource(name) {
                Some(Found::Tree(path)) => self.queue.push_back(Work::Path(path, Provenance::Root)),
                Some(Found::File(page)) => self
                    .queue
                    .push_back(Work::Page(page.clone(), Provenance::Root)),
                None => self
                    .queue
                    .push_back(Work::Resource(name.clone(), Provenance::Root)),
            },
            Root::Method(stem) => self
                .queue
                .push_back(Work::Method(stem.clone(), Provenance::Root)),
            Root::File(path) => match self.library.file_page(path) {
                Some(page) => self
                    .queue
                    .push_back(Work::Page(page.clone(), Provenance::Root)),
                None => diags.error(path, 0, "missing-root", "the root page was not loaded"),
            },
        }
    }

    /// Works through the queue in order. Before each wave (the work queued
    /// so far), the tree pages it will need are read in parallel.
    fn drain(&mut self, diags: &mut Diagnostics) {
        while !self.queue.is_empty() {
            self.prefetch_queued();
            for _ in 0..self.queue.len() {
                let Some(work) = self.queue.pop_front() else {
                    break;
                };
                match work {
                    Work::Resource(stem, why) => self.visit_resource(&stem, why, diags),
                    Work::Method(stem, why) => self.visit_method(&stem, why, diags),
                    Work::Path(path, why) => self.visit_tree_page(&path, why, diags),
                    Work::Page(page, why) => {
                        if !self.visited.contains(&page.path) {
                            self.visit(analyze(&page, Diagnostics::new()), why, diags);
                        }
                    }
                }
            }
        }
    }

    /// Reads ahead the tree pages the queued work names and has not seen.
    fn prefetch_queued(&mut self) {
        let mut paths = Vec::new();
        for work in &self.queue {
            let found = match work {
                Work::Resource(stem, _) if !self.seen(false, stem) && !is_stopped(stem) => {
                    self.library.locate_resource(stem)
                }
                Work::Method(stem, _) if !self.seen(true, stem) => self.library.locate_method(stem),
                Work::Path(path, _) => Some(Found::Tree(path.clone())),
                _ => None,
            };
            if let Some(Found::Tree(path)) = found {
                if !self.visited.contains(&path) {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        paths.dedup();
        self.analyses.prefetch(&paths);
    }

    fn seen(&self, method: bool, stem: &str) -> bool {
        self.seen_stems
            .contains(&(method, stem.to_ascii_lowercase()))
    }

    fn visit_resource(&mut self, stem: &str, why: Provenance, diags: &mut Diagnostics) {
        if is_stopped(stem) {
            if !self.corpus.stopped.contains_key(stem) {
                self.corpus.stopped.insert(stem.to_string(), why);
            }
            return;
        }
        if !self.seen_stems.insert((false, stem.to_ascii_lowercase())) {
            return;
        }
        let found = self.library.locate_resource(stem);
        match self.read_found(found, diags) {
            Some(analysis) => self.visit(analysis, why, diags),
            None => {
                self.enum_candidates
                    .entry(stem.to_ascii_lowercase())
                    .or_insert(why);
            }
        }
    }

    fn visit_method(&mut self, stem: &str, why: Provenance, diags: &mut Diagnostics) {
        if !self.seen_stems.insert((true, stem.to_ascii_lowercase())) {
            return;
        }
        let found = self.library.locate_method(stem);
        match self.read_found(found, diags) {
            Some(analysis) => self.visit(analysis, why, diags),
            None => {
                let (page, line) = why.report_at();
                diags.warn(
                    &page,
                    line,
                    "missing-page",
                    format!("method page `{stem}` is not in the docs tree"),
                );
            }
        }
    }

    fn visit_tree_page(&mut self, path: &Path, why: Provenance, diags: &mut Diagnostics) {
        if self.visited.contains(path) {
            return;
        }
        if let Some(analysis) = self.take(path, diags) {
            self.visit(analysis, why, diags);
        }
    }

    /// The analysis of a located page: a single file given to the
    /// extraction is analysed here, a tree page comes from the analyses
    /// read ahead.
    fn read_found(
        &mut self,
        found: Option<Found<'_>>,
        diags: &mut Diagnostics,
    ) -> Option<Analysis> {
        match found? {
            Found::File(page) => Some(analyze(page, Diagnostics::new())),
            Found::Tree(path) => self.take(&path, diags),
        }
    }

    /// The analysis of a tree page; an unreadable page is reported.
    fn take(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<Analysis> {
        match self.analyses.take(path) {
            Read::Page(analysis) => Some(*analysis),
            Read::Unreadable(errors) => {
                diags.extend(errors);
                None
            }
        }
    }

    fn visit(&mut self, analysis: Analysis, why: Provenance, diags: &mut Diagnostics) {
        if self.visited.contains(&analysis.path) {
            return;
        }
        self.visited.insert(analysis.path.clone());
        self.reached.push((analysis.path.clone(), why.clone()));
        self.seen_stems
            .insert((analysis.kind == PageKind::Method, stem_of(&analysis.path)));
        diags.extend(analysis.diags);
        match analysis.content {
            Content::Method(method) => {
                self.follow_method(&method);
                self.corpus.methods.push(*method);
            }
            Content::Enums => {}
            Content::Type { doc, examples } => {
                self.follow_type(&doc);
                self.corpus.resource_examples.extend(examples);
                self.corpus.types.push(*doc);
            }
        }
    }

    fn follow_type(&mut self, doc: &TypeDoc) {
        let page: Arc<Path> = Arc::from(doc.page.as_path());
        let at = |line: usize| Provenance::at(&page, line);
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
        let why = Provenance::MethodByPageName {
            page: Arc::from(doc.page.as_path()),
            line: doc.line,
            type_name: doc.name.clone(),
        };
        for stem in stems {
            self.queue.push_back(Work::Method(stem, why.clone()));
        }
    }

    fn follow_method(&mut self, method: &MethodDoc) {
        let page: Arc<Path> = Arc::from(method.page.as_path());
        let at = |line: usize| Provenance::at(&page, line);
        match &method.body {
            BodyDoc::Parameters(rows, _) => {
                for row in rows {
                    if let Some(ty) = &row.ty {
                        self.follow_expr(ty, &at(row.line));
                    }
                }
            }
            BodyDoc::Resource(expr, line) => self.follow_expr(expr, &at(*line)),
            BodyDoc::None | BodyDoc::NotSupplied(_) | BodyDoc::Unknown(_) => {}
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

    fn follow_links(&mut self, links: &[Link], why: &Provenance) {
        for link in links.iter().filter(|l| is_resource_link(l)) {
            if let Some(stem) = link.page_stem() {
                self.queue.push_back(Work::Resource(stem, why.clone()));
            }
        }
    }

    fn follow_expr(&mut self, expr: &TypeExpr, why: &Provenance) {
        for named in expr.names() {
            if let TypeExpr::Named { name, page_stem } = named {
                self.follow_name(name, page_stem.as_deref(), why);
            }
        }
    }

    /// Follows a named type: its link target's page and the page named
    /// like the type (they may differ; the schema stage reports that).
    fn follow_name(&mut self, name: &str, page_stem: Option<&str>, why: &Provenance) {
        if let Some(stem) = page_stem {
            self.queue
                .push_back(Work::Resource(stem.to_string(), why.clone()));
        }
        if page_stem.is_none_or(|s| !s.eq_ignore_ascii_case(name)) {
            self.queue
                .push_back(Work::Resource(name.to_string(), why.clone()));
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
        for (path, base) in declared {
            let wanted = names.contains(&base.to_ascii_lowercase());
            if !wanted || self.visited.contains(&path) {
                continue;
            }
            let why = Provenance::DeclaredSubtype { base };
            self.queue.push_back(Work::Path(path, why));
            added = true;
        }
        if added {
            self.drain(diags);
        }
        added
    }

    /// The tree's resource pages that declare a base type, found once.
    fn declared_bases(&mut self) -> Vec<(PathBuf, String)> {
        if self.declared.is_none() {
            let candidates: Vec<PathBuf> = self
                .library
                .resource_pages()
                .iter()
                .filter(|relative| !is_stopped(&stem_of(relative)))
                .cloned()
                .collect();
            self.declared = Some(self.analyses.declared_bases(&candidates));
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
            let why = Provenance::EnumNamed {
                name: name.clone(),
                by: Box::new(why.clone()),
            };
            self.corpus.pages.insert(page.path.clone(), why);
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
