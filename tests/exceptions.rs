//! The reviewed list of documented examples that cannot round-trip, each
//! with the defect of the docs that prevents it. Nothing else may fail; an
//! entry whose example now round-trips is an error too, so the list stays
//! exact.

/// One example that cannot round-trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    /// Which examples: `schema`, `en-2021-07`, `en-2019-09`, `zh-CN-2019-09`, `seed`.
    pub corpus: &'static str,
    /// The page, relative to the docs root.
    pub page: &'static str,
    /// The first line of the example's JSON on the page.
    pub line: u64,
    /// The defect of the docs, stated precisely.
    pub reason: &'static str,
}

/// Every exception.
pub const EXCEPTIONS: &[Exception] = &[];

/// The exception for an example, if it is listed.
pub fn find(corpus: &str, page: &str, line: u64) -> Option<&'static Exception> {
    EXCEPTIONS
        .iter()
        .find(|e| e.corpus == corpus && e.page == page && e.line == line)
}
