//! Full-scale generation: every resource page and every method page of the
//! whole beta reference (en-full-2021-07) as a root, extracted and generated
//! in memory. Every generated Rust file must parse with syn; the test prints
//! what was generated and what, if anything, the extraction or the generator
//! left out, with the reason. Skips when the corpus is absent unless
//! `CALLGEN_REQUIRE_CORPUS=1`.

use callgen::diag::{Diagnostics, Severity};
use callgen::emit::EmitConfig;
use callgen::extract::all_pages::every_page_root;
use callgen::extract::{ExtractConfig, extract};
use callgen::generate::generate_files_leaving_out_operations;
use std::collections::BTreeMap;
use std::time::Instant;

mod extract_support;
use extract_support::corpus_root;

fn full_scale_config() -> EmitConfig {
    EmitConfig {
        crate_name: "graph-beta-full".to_owned(),
        schema_label: "en-full-2021-07 (every page a root)".to_owned(),
        regenerate_command: "cargo bench -p callgen-benches --bench full_scale".to_owned(),
        readme_example: None,
        conformance_feature: false,
    }
}

#[test]
fn every_type_of_the_full_reference_generates_valid_rust() {
    let Some(corpus) = corpus_root() else { return };
    let tree = corpus.join("en-full-2021-07");
    let config = ExtractConfig {
        docs: Some(tree.clone()),
        roots: every_page_root(&tree).unwrap(),
    };
    let mut diags = Diagnostics::new();
    let start = Instant::now();
    let extraction = extract(&config, &mut diags).unwrap();
    let extracting = start.elapsed();
    let errors: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let start = Instant::now();
    let (generated, left_out) =
        generate_files_leaving_out_operations(&extraction.document, &full_scale_config())
            .unwrap_or_else(|e| panic!("full-scale generation failed: {e}"));
    let generating = start.elapsed();
    let mut unparsable = Vec::new();
    for file in generated
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
    {
        if let Err(error) = syn::parse_file(&file.contents) {
            unparsable.push(format!("{}: {error}", file.path.display()));
        }
    }
    assert!(unparsable.is_empty(), "{}", unparsable.join("\n"));
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    for diag in diags.sorted() {
        *warnings.entry(diag.code.to_owned()).or_default() += 1;
    }
    let stats = generated.stats;
    eprintln!(
        "full scale: {} pages, {} types ({} structs, {} enums, {} families), {} operations, {} files, {} lines",
        extraction.pages.len(),
        stats.types(),
        stats.structs,
        stats.enums,
        stats.families,
        stats.operations,
        stats.files,
        stats.lines
    );
    eprintln!("extracted in {extracting:?}, generated in {generating:?}");
    eprintln!("extraction warnings by code: {warnings:?}");
    eprintln!("generator warnings: {:?}", generated.warnings);
    eprintln!(
        "{} operations left out (no request function can be built from their paths):",
        left_out.len()
    );
    for problem in &left_out {
        eprintln!("  {problem}");
    }
    assert!(
        left_out.len() < 200,
        "too many operations left out: {}",
        left_out.len()
    );
    assert!(stats.types() > 2000, "{stats:?}");
    assert!(stats.operations > 1000, "{stats:?}");
}
