//! The docs reader over the real documentation corpora (skipped when they
//! are absent, unless `CALLGEN_REQUIRE_CORPUS=1`).

mod extract_support;

use extract_support::corpus_root;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use callgen::diag::Diagnostics;
use callgen::docs::http::{HttpStart, parse_http};
use callgen::docs::json::parse_lenient;
use callgen::docs::model::{Block, BlockType, CodeBlock, Page, PageKind, Section, SectionKind};
use callgen::docs::{DocsTree, parse_page, read_page};

fn all_sections(sections: &[Section]) -> Vec<&Section> {
    let mut out = Vec::new();
    for section in sections {
        out.push(section);
        out.extend(all_sections(&section.children));
    }
    out
}

fn code_blocks(section: &Section) -> impl Iterator<Item = &CodeBlock> {
    section.blocks.iter().filter_map(|b| match b {
        Block::Code(code) => Some(code.as_ref()),
        _ => None,
    })
}

fn has_kind(page: &Page, kind: &SectionKind) -> bool {
    all_sections(&page.sections).iter().any(|s| &s.kind == kind)
}

/// Request lines of the HttpRequest sections of a method page.
fn request_lines(page: &Page, diags: &mut Diagnostics) -> usize {
    let mut count = 0;
    for section in all_sections(&page.sections) {
        if section.kind != SectionKind::HttpRequest {
            continue;
        }
        for code in code_blocks(section).filter(|c| c.lang == "http") {
            if let Some(block) = parse_http(&code.content, &page.path, code.content_line(), diags) {
                if let HttpStart::Requests(requests) = block.start {
                    count += requests.len();
                }
            }
        }
    }
    count
}

/// Whether a resource page documents its properties: a Properties section,
/// or, for an abstract base without own properties (meetingInfo), a
/// Derived types section.
fn documents_properties(page: &Page) -> bool {
    has_kind(page, &SectionKind::Properties) || has_kind(page, &SectionKind::DerivedTypes)
}

#[test]
fn calls_corpora_classify_every_page() {
    let Some(root) = corpus_root() else { return };
    for corpus in ["en-2021-07", "en-2019-09", "zh-CN-2019-09"] {
        let tree = DocsTree::open(&root.join(corpus)).unwrap();
        let mut diags = Diagnostics::new();
        let mut problems = Vec::new();
        for relative in tree.resource_pages() {
            let page = read_page(tree.root(), relative, &mut diags).unwrap();
            match page.kind {
                PageKind::Enums => {
                    let enums = all_sections(&page.sections)
                        .iter()
                        .filter(|s| matches!(s.kind, SectionKind::EnumValues(_)))
                        .count();
                    if enums < 100 {
                        problems.push(format!(
                            "{}: only {enums} enum sections",
                            relative.display()
                        ));
                    }
                }
                _ => {
                    if !documents_properties(&page) {
                        problems.push(format!("{}: no Properties section", relative.display()));
                    }
                    if !has_kind(&page, &SectionKind::JsonRepresentation) {
                        problems.push(format!("{}: no JSON representation", relative.display()));
                    }
                }
            }
        }
        for relative in tree.method_pages() {
            let page = read_page(tree.root(), relative, &mut diags).unwrap();
            if request_lines(&page, &mut diags) == 0 {
                problems.push(format!("{}: no HTTP request line", relative.display()));
            }
            for kind in [
                SectionKind::Examples,
                SectionKind::Request,
                SectionKind::ResponseExample,
            ] {
                if !has_kind(&page, &kind) {
                    problems.push(format!("{}: no {kind:?} section", relative.display()));
                }
            }
        }
        if corpus == "en-2021-07" {
            check_call_properties(&tree);
        }
        let unknown: Vec<String> = diags
            .iter()
            .filter(|d| d.code == "unknown-section")
            .map(|d| d.to_string())
            .collect();
        assert!(unknown.is_empty(), "{corpus}: {unknown:#?}");
        assert!(problems.is_empty(), "{corpus}: {problems:#?}");
        eprintln!("{corpus}: {:?}", diags.count_by_code());
    }
}

/// resources/call.md has a property row without a leading pipe (line 85).
fn check_call_properties(tree: &DocsTree) {
    let relative = tree.find_resource("CALL").unwrap();
    let page = read_page(tree.root(), &relative, &mut Diagnostics::new()).unwrap();
    let properties = all_sections(&page.sections)
        .into_iter()
        .find(|s| s.kind == SectionKind::Properties)
        .unwrap();
    let Some(Block::Table(table)) = properties.blocks.first() else {
        panic!("no properties table")
    };
    let row = table.rows.iter().find(|r| r.line == 85).unwrap();
    let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, ["myParticipantId", "String", "Read-only."]);
    assert_eq!(table.rows.len(), 26);
}

/// The zh-CN pages must give the section structure of the English pages of
/// the same date.
#[test]
fn chinese_pages_have_the_english_structure() {
    let Some(root) = corpus_root() else { return };
    let english = DocsTree::open(&root.join("en-2019-09")).unwrap();
    let chinese = DocsTree::open(&root.join("zh-CN-2019-09")).unwrap();
    let outline = |tree: &DocsTree, relative: &Path| {
        let page = read_page(tree.root(), relative, &mut Diagnostics::new()).unwrap();
        all_sections(&page.sections)
            .iter()
            .filter(|s| !matches!(s.kind, SectionKind::Other(_)))
            .map(|s| (s.level, s.kind.clone()))
            .collect::<Vec<_>>()
    };
    let mut differences = Vec::new();
    let pages = english
        .resource_pages()
        .iter()
        .chain(english.method_pages());
    for relative in pages {
        if outline(&english, relative) != outline(&chinese, relative) {
            differences.push(relative.display().to_string());
        }
    }
    assert!(differences.is_empty(), "{differences:#?}");
}

#[test]
fn seed_page_reads_as_english() {
    let Some(root) = corpus_root() else { return };
    let seed = root.join("../seed/create-call.zh-CN.sxs.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    let mut diags = Diagnostics::new();
    let page = parse_page(
        Path::new("api-reference/beta/api/application-post-calls.md"),
        &text,
        &mut diags,
    );
    assert_eq!(page.heading.as_deref(), Some("Create call"));
    let sections = all_sections(&page.sections);
    let titles: Vec<&str> = sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Permissions",
            "HTTP request",
            "Request headers",
            "Request body",
            "Response",
            "Examples"
        ]
    );
    let count = |kind: SectionKind| sections.iter().filter(|s| s.kind == kind).count();
    assert_eq!(count(SectionKind::Request), 5);
    assert_eq!(count(SectionKind::ResponseExample), 2);
    assert_eq!(count(SectionKind::Notification), 6);
    for section in &sections {
        for code in code_blocks(section) {
            assert!(!code.content.contains("sxs-lookup"), "line {}", code.line);
        }
    }
    let first_code = |kind: SectionKind| {
        let section = sections.iter().find(|s| s.kind == kind).unwrap();
        code_blocks(section).next().unwrap().clone()
    };
    let request = first_code(SectionKind::Request);
    let metadata = request.metadata.unwrap();
    assert_eq!((request.line, request.lang.as_str()), (66, "http"));
    assert_eq!(
        metadata.name.as_deref(),
        Some("create-call-from-application")
    );
    assert_eq!(metadata.block_type, Some(BlockType::Request));
    let response = first_code(SectionKind::ResponseExample);
    let metadata = response.metadata.unwrap();
    assert!(metadata.truncated);
    assert_eq!(metadata.odata_type.as_deref(), Some("microsoft.graph.call"));
    assert!(!diags.has_errors(), "{:#?}", diags.sorted());
}

fn markdown_files(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(relative))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    entries.sort();
    for name in entries {
        let path = relative.join(name);
        if root.join(&path).is_dir() {
            markdown_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Every markdown file of the whole beta reference goes through the reader,
/// and every http and json block through their parsers; prints the counts
/// by diagnostic code (`CALLGEN_SHOW_DIAGNOSTICS=1` prints each one).
#[test]
fn whole_reference_reads_without_panicking() {
    let Some(root) = corpus_root() else { return };
    let root = root.join("en-full-2021-07");
    let mut files = Vec::new();
    markdown_files(&root, Path::new(""), &mut files);
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let mut pages = 0;
    let mut blocks: BTreeMap<&str, usize> = BTreeMap::new();
    for relative in &files {
        let text = match std::fs::read(root.join(relative)) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => panic!("{}: {e}", relative.display()),
        };
        let before = diags.len();
        let page = parse_page(relative, &text, &mut diags);
        pages += 1;
        for section in all_sections(&page.sections) {
            for code in code_blocks(section) {
                match code.lang.as_str() {
                    "http" => {
                        let parsed =
                            parse_http(&code.content, relative, code.content_line(), &mut diags);
                        *blocks
                            .entry(if parsed.is_some() {
                                "http ok"
                            } else {
                                "http refused"
                            })
                            .or_default() += 1;
                    }
                    "json" => match parse_lenient(
                        &code.content,
                        relative,
                        code.content_line(),
                        &mut diags,
                    ) {
                        Ok(_) => *blocks.entry("json ok").or_default() += 1,
                        Err(e) => {
                            *blocks.entry("json refused").or_default() += 1;
                            diags.push(e.to_diagnostic());
                        }
                    },
                    _ => {}
                }
            }
        }
        if std::env::var_os("CALLGEN_SHOW_DIAGNOSTICS").is_some() {
            diags.iter().skip(before).for_each(|d| eprintln!("{d}"));
        }
    }
    eprintln!(
        "en-full-2021-07: {pages} pages in {:.1?}",
        started.elapsed()
    );
    eprintln!("code blocks: {blocks:?}");
    for (code, count) in diags.count_by_code() {
        eprintln!("  {code}: {count}");
    }
    assert!(pages > 17_000, "{pages} pages");
}
