//! The docs reader on small fixture pages: one YAML snapshot per page
//! (page model and diagnostics), plus focused checks of single rules.

use std::path::{Path, PathBuf};

use callgen::diag::Diagnostics;
use callgen::docs::model::{Block, BlockType, ColumnKind, Page, Section, SectionKind, Table};
use callgen::docs::parse_page;

/// Where a fixture pretends to live: `resource-x.md` under `resources/`,
/// `method-x.md` under `api/`, `enums.md` as `resources/enums.md`.
fn page_path(fixture: &Path) -> PathBuf {
    let name = fixture.file_name().unwrap().to_str().unwrap();
    let beta = Path::new("api-reference/beta");
    if let Some(rest) = name.strip_prefix("resource-") {
        beta.join("resources").join(rest)
    } else if let Some(rest) = name.strip_prefix("method-") {
        beta.join("api").join(rest)
    } else if name == "enums.md" {
        beta.join("resources/enums.md")
    } else {
        PathBuf::from(name)
    }
}

fn read_fixture(name: &str) -> (Page, Diagnostics) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    let text = std::fs::read_to_string(&fixture).unwrap();
    let mut diags = Diagnostics::new();
    let page = parse_page(&page_path(&fixture), &text, &mut diags);
    (page, diags)
}

#[derive(serde::Serialize)]
struct Reading {
    diagnostics: Vec<String>,
    page: Page,
}

#[test]
fn fixture_pages() {
    insta::glob!("fixtures/pages/*.md", |fixture| {
        let (page, diags) = read_fixture(fixture.file_name().unwrap().to_str().unwrap());
        let diagnostics = diags.sorted().iter().map(|d| d.to_string()).collect();
        insta::assert_yaml_snapshot!(Reading { diagnostics, page });
    });
}

fn sections(page: &Page) -> Vec<&Section> {
    fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Section>) {
        for s in sections {
            out.push(s);
            walk(&s.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&page.sections, &mut out);
    out
}

fn section<'a>(page: &'a Page, kind: &SectionKind) -> &'a Section {
    sections(page)
        .into_iter()
        .find(|s| &s.kind == kind)
        .unwrap()
}

fn first_table(section: &Section) -> &Table {
    section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap()
}

fn texts(table: &Table, column: usize) -> Vec<&str> {
    table
        .rows
        .iter()
        .map(|r| r.cells.get(column).map_or("<missing>", |c| c.text.as_str()))
        .collect()
}

fn codes(diags: &Diagnostics) -> Vec<(&'static str, usize)> {
    diags
        .sorted()
        .iter()
        .map(|d| (d.code, d.location.line))
        .collect()
}

#[test]
fn tolerant_tables() {
    let (page, diags) = read_fixture("resource-widget.md");
    let table = first_table(section(&page, &SectionKind::Properties));
    assert_eq!(table.columns[..2], [ColumnKind::Property, ColumnKind::Type]);
    assert_eq!(
        texts(table, 0),
        [
            "id", "mode", "pipe", "sizes", "kind", "owner", "extra", "short"
        ]
    );
    assert_eq!(texts(table, 1)[3], "Int32 collection");
    assert_eq!(table.rows[1].cells[2].text, "Possible values are: a|b, c.");
    assert_eq!(
        table.rows[1].cells[2].raw,
        "Possible values are: `a|b`, `c`."
    );
    assert_eq!(table.rows[2].cells[2].text, "Left | right.");
    assert_eq!(table.rows[6].cells[2].text, "First half. | second half.");
    let owner_links: Vec<_> = table.rows[5].cells[1]
        .links
        .iter()
        .map(|l| l.page_stem())
        .collect();
    assert_eq!(
        owner_links,
        [Some("identityset".into()), Some("gadget".into())]
    );
    assert_eq!(table.rows[7].cells.len(), 2);
    assert_eq!(
        codes(&diags),
        [
            ("table-row-cells", 36),
            ("table-row-cells", 37),
            ("metadata-lenient", 47)
        ]
    );
}

#[test]
fn bold_group_rows_in_methods_tables() {
    let (page, _) = read_fixture("resource-widget.md");
    let table = first_table(section(&page, &SectionKind::Methods));
    let bold: Vec<bool> = table.rows.iter().map(|r| r.cells[0].bold).collect();
    assert_eq!(bold, [false, true, false, true]);
    assert_eq!(table.rows[0].cells[1].links[0].target, "widget.md");
    assert_eq!(table.columns[1], ColumnKind::ReturnType);
}

#[test]
fn intro_leaves_out_includes_and_notes() {
    let (page, _) = read_fixture("resource-widget.md");
    let intro: Vec<&str> = page.intro.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        intro,
        [
            "Namespace: microsoft.graph",
            "A widget has a gadget and a name."
        ]
    );
    assert_eq!(page.heading.as_deref(), Some("widget resource type"));
    assert_eq!(
        page.description.as_deref(),
        Some("A **widget** is a small test resource.")
    );
}

#[test]
fn metadata_attaches_across_tab_headings_and_reads_leniently() {
    let (page, diags) = read_fixture("method-widget-spin.md");
    let request = section(&page, &SectionKind::Request);
    let Some(Block::Code(code)) = request.blocks.first() else {
        panic!("request code expected, got {:?}", request.blocks)
    };
    let metadata = code.metadata.as_ref().unwrap();
    assert_eq!(metadata.name.as_deref(), Some("widget-spin"));
    assert_eq!(metadata.block_type, Some(BlockType::Request));
    let response = section(&page, &SectionKind::ResponseExample);
    let Some(Block::Code(code)) = response.blocks.first() else {
        panic!("response code expected")
    };
    assert!(code.metadata.as_ref().unwrap().truncated);
    let Some(Block::Code(json)) = response.blocks.get(1) else {
        panic!("json block expected")
    };
    assert!(json.metadata.is_none());
    assert!(diags.is_empty(), "{:?}", diags.sorted());
    let notification = section(&page, &SectionKind::Notification);
    let Some(Block::Code(interactive)) = notification.blocks.first() else {
        panic!("interactive block expected")
    };
    assert_eq!(interactive.lang, "msgraph-interactive");
}

#[test]
fn method_sections_are_classified() {
    let (page, _) = read_fixture("method-widget-spin.md");
    let kinds: Vec<(u8, SectionKind)> = sections(&page)
        .iter()
        .map(|s| (s.level, s.kind.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (2, SectionKind::Permissions),
            (2, SectionKind::HttpRequest),
            (2, SectionKind::PathParameters),
            (2, SectionKind::RequestHeaders),
            (2, SectionKind::RequestBody),
            (2, SectionKind::Response),
            (2, SectionKind::Examples),
            (3, SectionKind::Examples),
            (5, SectionKind::Request),
            (5, SectionKind::ResponseExample),
            (5, SectionKind::Notification),
        ]
    );
}

#[test]
fn chinese_headers_headings_and_type_words() {
    let (page, diags) = read_fixture("resource-zh-cn.md");
    assert_eq!(page.language, callgen::docs::model::Language::Chinese);
    let properties = first_table(section(&page, &SectionKind::Properties));
    assert_eq!(
        properties.columns,
        [
            ColumnKind::Property,
            ColumnKind::Type,
            ColumnKind::Description
        ]
    );
    assert_eq!(
        texts(properties, 1),
        [
            "String",
            "Boolean",
            "part collection",
            "user or app",
            "user or app",
            "Stream"
        ]
    );
    let methods = first_table(section(&page, &SectionKind::Methods));
    assert_eq!(methods.columns[1], ColumnKind::ReturnType);
    assert_eq!(texts(methods, 1), ["widget collection"]);
    assert_eq!(section(&page, &SectionKind::Relationships).title, "关系");
    assert!(diags.is_empty(), "{:?}", diags.sorted());
}

#[test]
fn side_by_side_gives_english_everywhere_but_code() {
    let (page, diags) = read_fixture("method-sxs.md");
    assert_eq!(page.heading.as_deref(), Some("Spin widget"));
    assert_eq!(page.intro[0].text, "Spins a widget. Second sentence.");
    assert_eq!(page.intro[0].links[0].target, "../resources/widget.md");
    let body = first_table(section(&page, &SectionKind::RequestBody));
    assert_eq!(body.header, ["Parameter", "Type", "Description"]);
    assert_eq!(
        body.rows[0].cells[2].raw,
        "Turns per second. Possible values are `1`, `2`."
    );
    let request = section(&page, &SectionKind::Request);
    let Some(Block::Code(code)) = request.blocks.first() else {
        panic!("request code expected")
    };
    assert_eq!(
        code.metadata.as_ref().unwrap().name.as_deref(),
        Some("spin-widget")
    );
    assert_eq!(codes(&diags), [("sxs-span", 34)]);
}

#[test]
fn enum_values_sections() {
    let (page, _) = read_fixture("enums.md");
    let kinds: Vec<SectionKind> = sections(&page).iter().map(|s| s.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::EnumValues("widgetMode".into()),
            SectionKind::EnumValues("spinDirection".into())
        ]
    );
    let first = first_table(sections(&page)[0]);
    assert_eq!(first.columns, [ColumnKind::Member]);
    assert_eq!(texts(first, 0), ["a", "b", "unknownFutureValue"]);
}

#[test]
fn problems_are_reported_and_reading_carries_on() {
    let (page, diags) = read_fixture("resource-broken.md");
    assert_eq!(
        codes(&diags),
        [
            ("table-delimiter", 10),
            ("unknown-section", 19),
            ("metadata-orphan", 21),
            ("metadata-invalid", 31),
            ("unclosed-comment", 36),
        ]
    );
    let properties = first_table(section(&page, &SectionKind::Properties));
    assert_eq!(texts(properties, 0), ["id"]);
    let remarks = section(&page, &SectionKind::Other("remarks".into()));
    assert!(matches!(&remarks.blocks[..], [Block::Paragraph(p)] if p.text == "Some text"));
    let (_, diags) = read_fixture("method-unclosed.md");
    assert_eq!(codes(&diags), [("unclosed-fence", 11)]);
    let (page, diags) = read_fixture("other-front-matter-unclosed.md");
    assert_eq!(codes(&diags), [("front-matter", 1)]);
    assert_eq!(page.kind, callgen::docs::model::PageKind::Other);
}

#[test]
fn parse_page_survives_arbitrary_text() {
    let samples = [
        "",
        "\u{feff}",
        "|",
        "|\n|-",
        "```",
        "<!--",
        "<!-- {",
        "# <a name=",
        "---\n---",
        "| a |\n|---|\n| `x",
        "<span data-ttu-id=\"1\">",
        "<span data-ttu-id=\"1\">x</span><span class=\"sxs-lookup\">",
        "1. x\n   ```json\n   {",
        "> | a | b |\n> |---|---|\n> | 1 | 2 |",
        "#\n##\n###### x\n####### y",
    ];
    for sample in samples {
        let mut diags = Diagnostics::new();
        let _ = parse_page(Path::new("api-reference/beta/api/x.md"), sample, &mut diags);
    }
}
