//! Extraction speed on the real documentation corpora.
//!
//! - `calls_domain`: the calls domain from `en-2021-07` with the default
//!   roots, as `callgen extract` runs it (extraction and the document's
//!   JSON text). Target: under 50 ms.
//! - `whole_reference`: the whole beta reference `en-full-2021-07` with
//!   every resource page and every method page as a root (every type and
//!   every method, not only the calls closure). Target: under 2 s on 2
//!   cores.
//!
//! Before the timed benchmarks, one whole-reference extraction runs with
//! the heap counted: its peak (the most bytes allocated at once, over
//! what was allocated when it started) is printed. The process's maximum
//! resident set is the other memory figure: `/usr/bin/time -v callgen
//! extract --all-pages ...` (see BENCHMARKS.md).
//!
//! The corpora come from `GRAPH_DOCS_DIR`, else `../shared/graph-docs`
//! seen from the workspace root. Without them the benchmarks say so and
//! run nothing. Run with `cargo bench -p callgen-benches --bench extract`.

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use callgen::diag::Diagnostics;
use callgen::extract::all_pages::every_page_root;
use callgen::extract::{ExtractConfig, document_text, extract};
use callgen_benches::workspace::docs_dir;

/// The CLI's allocator (mimalloc), counting the heap while [`COUNTING`]
/// is on.
struct CountingAllocator;

/// Whether allocations are being counted (only during [`peak_heap`]).
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated and not freed since counting started.
static IN_USE: AtomicIsize = AtomicIsize::new(0);
/// The most of [`IN_USE`] seen since counting started.
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn count(delta: isize) {
    if COUNTING.load(Ordering::Relaxed) {
        let now = IN_USE.fetch_add(delta, Ordering::Relaxed) + delta;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to mimalloc unchanged; the
// counting only reads sizes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the allocator's.
        let pointer = unsafe { MiMalloc.alloc(layout) };
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { MiMalloc.dealloc(pointer, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let pointer = unsafe { MiMalloc.alloc_zeroed(layout) };
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let moved = unsafe { MiMalloc.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() {
    let Some(corpus) = docs_dir() else {
        return;
    };
    for tree in ["en-2021-07", "en-full-2021-07"] {
        if !corpus.join(tree).is_dir() {
            eprintln!(
                "skipping the extraction benchmarks: {} is missing",
                corpus.join(tree).display()
            );
            return;
        }
    }
    let docs = corpus.join("en-full-2021-07");
    let config = config("en-full-2021-07", all_pages(&docs));
    let peak = peak_heap(|| run(&config));
    eprintln!(
        "whole_reference peak heap: {:.1} MB ({peak} bytes)",
        peak as f64 / 1e6
    );
    divan::main();
}

/// The peak heap of one call of `work`, in bytes.
fn peak_heap(work: impl FnOnce() -> usize) -> isize {
    IN_USE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    std::hint::black_box(work());
    COUNTING.store(false, Ordering::Relaxed);
    PEAK.load(Ordering::Relaxed)
}

/// The calls domain: default roots over en-2021-07.
#[divan::bench(sample_count = 50)]
fn calls_domain(bencher: divan::Bencher) {
    let config = config("en-2021-07", Vec::new());
    bencher.bench(|| run(&config));
}

/// The whole reference: every resource and method page as a root, as
/// `callgen extract --all-pages` runs it.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_reference(bencher: divan::Bencher) {
    let docs = docs_dir().unwrap_or_default().join("en-full-2021-07");
    let config = config("en-full-2021-07", all_pages(&docs));
    bencher.bench(|| run(&config));
}

/// One extraction as the CLI does it: the document and its JSON text.
fn run(config: &ExtractConfig) -> usize {
    let mut diags = Diagnostics::new();
    match extract(config, &mut diags) {
        Ok(extraction) => document_text(&extraction).len(),
        Err(error) => panic!("extraction failed: {error}"),
    }
}

fn config(tree: &str, roots: Vec<String>) -> ExtractConfig {
    ExtractConfig {
        docs: Some(docs_dir().unwrap_or_default().join(tree)),
        roots,
    }
}

/// Every resource page and every method page of the tree, as roots.
fn all_pages(docs: &Path) -> Vec<String> {
    match every_page_root(docs) {
        Ok(roots) => roots,
        Err(error) => panic!("cannot list the pages of {}: {error}", docs.display()),
    }
}
