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
pub const EXCEPTIONS: &[Exception] = &[
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/resources/commsoperation.md",
        line: 62,
        reason: "resultInfo.code is shown as the string \"200\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md), so the string does not fit the current Int32 field",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 50,
        reason: "code is shown as the string \"100\"; the 2019-09 page types code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md), so the string does not fit the current Int32 field",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 64,
        reason: "code is shown as the string \"200\"; same String-for-Int32 typing error of the 2019-09 page as line 50",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 78,
        reason: "code is shown as the string \"200\"; same String-for-Int32 typing error of the 2019-09 page as line 50",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/resources/commsoperation.md",
        line: 67,
        reason: "the zh-CN copy of en-2019-09 resources/commsoperation.md:62: resultInfo.code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 55,
        reason: "the zh-CN copy of en-2019-09 resources/resultinfo.md:50: code shown as the string \"100\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 69,
        reason: "the zh-CN copy of en-2019-09 resources/resultinfo.md:64: code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/resources/resultinfo.md",
        line: 83,
        reason: "the zh-CN copy of en-2019-09 resources/resultinfo.md:78: code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-updatemetadata.md",
        line: 64,
        reason: "documents call.updateMetadata, an action the current docs no longer have (no api/call-updatemetadata.md in en-2021-07): the current bindings have no request type to read it as",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-updatemetadata.md",
        line: 69,
        reason: "documents call.updateMetadata, an action the current docs no longer have (no api/call-updatemetadata.md in en-2021-07): the current bindings have no request type to read it as",
    },
    Exception {
        corpus: "schema",
        page: "api-reference/beta/api/call-delete.md",
        line: 131,
        reason: "the terminated notification gives resourceData.resultInfo.code as the string \"0\"; resultInfo.code is Int32 (resources/resultinfo.md), so the string does not fit the typed call",
    },
    Exception {
        corpus: "en-2021-07",
        page: "api-reference/beta/api/call-delete.md",
        line: 131,
        reason: "the terminated notification gives resourceData.resultInfo.code as the string \"0\"; resultInfo.code is Int32 (resources/resultinfo.md), so the string does not fit the typed call",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-delete.md",
        line: 127,
        reason: "the terminated notification gives resourceData.resultInfo.code as the string \"0\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md)",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 125,
        reason: "the transfer notification gives resourceData.resultInfo.code as the string \"200\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md)",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 159,
        reason: "the transfer notification gives resourceData.resultInfo.code as the string \"200\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md)",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 263,
        reason: "the transfer notification gives resourceData.resultInfo.code as the string \"200\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md)",
    },
    Exception {
        corpus: "en-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 297,
        reason: "the transfer notification gives resourceData.resultInfo.code as the string \"200\"; the 2019-09 docs type resultInfo.code as String, the service's type is Int32 (corrected in en-2021-07 resources/resultinfo.md)",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-delete.md",
        line: 132,
        reason: "the zh-CN copy of en-2019-09 api/call-delete.md:127: resultInfo.code shown as the string \"0\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 130,
        reason: "the zh-CN copy of en-2019-09 api/call-transfer.md:125: resultInfo.code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 164,
        reason: "the zh-CN copy of en-2019-09 api/call-transfer.md:159: resultInfo.code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 268,
        reason: "the zh-CN copy of en-2019-09 api/call-transfer.md:263: resultInfo.code shown as the string \"200\" where the service's type is Int32",
    },
    Exception {
        corpus: "zh-CN-2019-09",
        page: "api-reference/beta/api/call-transfer.md",
        line: 302,
        reason: "the zh-CN copy of en-2019-09 api/call-transfer.md:297: resultInfo.code shown as the string \"200\" where the service's type is Int32",
    },
];

/// The exception for an example, if it is listed.
pub fn find(corpus: &str, page: &str, line: u64) -> Option<&'static Exception> {
    EXCEPTIONS
        .iter()
        .find(|e| e.corpus == corpus && e.page == page && e.line == line)
}

/// Operations whose docs page changed the operation's name between the
/// corpora: (old operationId, current operationId, what the docs say).
pub const OPERATION_RENAMES: &[(&str, &str, &str)] = &[(
    "call.record",
    "call.recordResponse",
    "the same page api/call-record.md documents POST .../calls/{id}/record in 2019-09 and .../recordResponse in 2021-07",
)];

/// The role an old example has in the current schema (renamed operations
/// under their current name).
pub fn current_role(role: &callgen::ir::ExampleRole) -> callgen::ir::ExampleRole {
    use callgen::ir::ExampleRole;
    let rename = |id: &String| {
        OPERATION_RENAMES
            .iter()
            .find(|(old, _, _)| old == id)
            .map(|(_, new, _)| (*new).to_owned())
            .unwrap_or_else(|| id.clone())
    };
    match role {
        ExampleRole::Resource { .. } => role.clone(),
        ExampleRole::Request { operation_id } => ExampleRole::Request {
            operation_id: rename(operation_id),
        },
        ExampleRole::Response {
            operation_id,
            status,
        } => ExampleRole::Response {
            operation_id: rename(operation_id),
            status: status.clone(),
        },
        ExampleRole::Callback { operation_id, name } => ExampleRole::Callback {
            operation_id: rename(operation_id),
            name: name.clone(),
        },
    }
}
