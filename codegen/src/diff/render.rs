//! Rendering a [`Changelog`]: a plain-text changelog for people (one line
//! per change, `breaking` or `compatible` first, grouped by type and by
//! operation, counts by kind at the end), Markdown for a pull-request
//! description, and pretty JSON for tools. Knows
//! nothing of how the changelog was computed.

use super::change::{Change, ChangeKind, Changelog, Confidence, Rename};
use std::fmt::Write;

const BREAKING: &str = "breaking  ";
const COMPATIBLE: &str = "compatible";

/// The changelog as JSON (the serde form of [`Changelog`]), ending in a newline.
pub fn render_json(changelog: &Changelog) -> String {
    let mut json = serde_json::to_string_pretty(changelog)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    json.push('\n');
    json
}

/// The changelog as text for people.
pub fn render_text(changelog: &Changelog) -> String {
    let mut out = String::new();
    if changelog.summary.total == 0 {
        out.push_str("No changes.\n");
    } else {
        render_groups(&mut out, changelog);
        render_summary(&mut out, changelog);
    }
    if !changelog.warnings.is_empty() {
        out.push_str("\nNot understood (compared as opaque schemas):\n");
        for warning in &changelog.warnings {
            let _ = writeln!(out, "  {warning}");
        }
    }
    out
}

/// The changelog as Markdown, for a pull-request description: the
/// breaking changes first, then the compatible ones, each line naming its
/// type or operation, and the counts by kind as a table.
pub fn render_markdown(changelog: &Changelog) -> String {
    let summary = &changelog.summary;
    let mut out = format!(
        "## Schema changes: {} {}, {} breaking\n",
        summary.total,
        changes_word(summary.total),
        summary.breaking
    );
    for (heading, breaking) in [("Breaking", true), ("Compatible", false)] {
        let lines = markdown_lines(changelog, breaking);
        if !lines.is_empty() {
            let _ = write!(out, "\n### {heading} ({})\n\n", lines.len());
            for line in lines {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
    if summary.total > 0 {
        out.push_str("\n| kind | total | breaking |\n|---|---:|---:|\n");
        for (kind, count) in &summary.by_kind {
            let _ = writeln!(out, "| {kind} | {} | {} |", count.total, count.breaking);
        }
    }
    if !changelog.warnings.is_empty() {
        out.push_str("\n### Not understood (compared as opaque schemas)\n\n");
        for warning in &changelog.warnings {
            let _ = writeln!(out, "- {warning}");
        }
    }
    out
}

/// One Markdown line per change of the given verdict, types first.
fn markdown_lines(changelog: &Changelog, breaking: bool) -> Vec<String> {
    let types = changelog
        .types
        .iter()
        .map(|group| (&group.name, &group.changes, Subject::Type));
    let operations = changelog
        .operations
        .iter()
        .map(|group| (&group.operation, &group.changes, Subject::Operation));
    types
        .chain(operations)
        .flat_map(|(name, changes, subject)| {
            changes
                .iter()
                .filter(move |change| change.breaking == breaking)
                .map(move |change| format!("`{name}`: {}", describe(&change.kind, subject)))
        })
        .collect()
}

/// `change` or `changes`, for `count` of them.
fn changes_word(count: usize) -> &'static str {
    if count == 1 { "change" } else { "changes" }
}

fn render_groups(out: &mut String, changelog: &Changelog) {
    if !changelog.types.is_empty() {
        let _ = writeln!(out, "Types ({} changed)", changelog.types.len());
        for group in &changelog.types {
            render_group(out, &group.name, &group.changes, Subject::Type);
        }
    }
    if !changelog.operations.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "Operations ({} changed)", changelog.operations.len());
        for group in &changelog.operations {
            render_group(out, &group.operation, &group.changes, Subject::Operation);
        }
    }
}

fn render_group(out: &mut String, name: &str, changes: &[Change], subject: Subject) {
    let _ = writeln!(out, "\n{name}");
    for change in changes {
        let verdict = if change.breaking {
            BREAKING
        } else {
            COMPATIBLE
        };
        let _ = writeln!(out, "  {verdict}  {}", describe(&change.kind, subject));
    }
}

fn render_summary(out: &mut String, changelog: &Changelog) {
    let summary = &changelog.summary;
    let _ = writeln!(
        out,
        "\nSummary: {} {}, {} breaking",
        summary.total,
        changes_word(summary.total),
        summary.breaking
    );
    let width = summary
        .by_kind
        .keys()
        .map(|k| k.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "  {:<width$}  {:>5}  {:>8}",
        "kind", "total", "breaking"
    );
    for (kind, count) in &summary.by_kind {
        let _ = writeln!(
            out,
            "  {kind:<width$}  {:>5}  {:>8}",
            count.total, count.breaking
        );
    }
}

/// Whose properties a property change is about.
#[derive(Clone, Copy)]
enum Subject {
    Type,
    Operation,
}

impl Subject {
    fn property_word(self) -> &'static str {
        match self {
            Subject::Type => "property",
            Subject::Operation => "request body parameter",
        }
    }
}

fn describe(kind: &ChangeKind, subject: Subject) -> String {
    use ChangeKind::*;
    let word = subject.property_word();
    match kind {
        TypeAdded { shape } => format!("type added: {shape}"),
        TypeRemoved { shape, replaced_by } => describe_removed_type(shape, replaced_by),
        TypeKindChanged { old, new } => format!("changed from {old} to {new}"),
        BaseTypeChanged { old, new } => {
            format!("base type changed: {} -> {}", or_none(old), or_none(new))
        }
        AbstractChanged { new, .. } => became(*new, "abstract"),
        OpenTypeChanged { new, .. } => became(*new, "an open type"),
        PropertyAdded {
            property,
            ty,
            required,
        } => {
            let required = if *required { " (required)" } else { "" };
            format!("{word} added: {property}: {ty}{required}")
        }
        PropertyRemoved { property, ty } => format!("{word} removed: {property}: {ty}"),
        PropertyRenamed(rename) => describe_rename(rename, word),
        PropertyRetyped {
            property,
            old_type,
            new_type,
            same_rust_type,
        } => {
            let note = if *same_rust_type {
                " (same generated type)"
            } else {
                ""
            };
            format!("{word} retyped: {property}: {old_type} -> {new_type}{note}")
        }
        PropertyMovedToBase { property, base } => {
            format!("{word} moved to base type {base}: {property}")
        }
        ReadOnlyChanged { property, new, .. } => {
            format!("{word} {property} {}", became(*new, "read-only"))
        }
        NullableChanged { property, new, .. } => {
            format!("{word} {property} {}", became(*new, "nullable"))
        }
        RequiredChanged { property, new, .. } => {
            format!(
                "{word} {property} became {}",
                if *new { "required" } else { "optional" }
            )
        }
        EnumValueAdded { value } => format!("enum value added: {value}"),
        EnumValueRemoved { value } => format!("enum value removed: {value}"),
        EnumValueRenamed { old, new } => {
            format!("enum value renamed: {old} -> {new} (differs only in case)")
        }
        OperationAdded { method, path } => format!("operation added: {method} {path}"),
        OperationRemoved { method, path } => format!("operation removed: {method} {path}"),
        OperationRenamed { new_id, evidence } => {
            format!("operation renamed to {new_id} ({})", evidence.join("; "))
        }
        HttpMethodChanged { old, new } => format!("HTTP method changed: {old} -> {new}"),
        PathChanged {
            old,
            new,
            old_kept_as_deprecated,
            parameter_count_changed,
        } => {
            let kept = if *old_kept_as_deprecated {
                " (old path kept as deprecated)"
            } else {
                ""
            };
            let count = if *parameter_count_changed {
                " (number of path parameters changed)"
            } else {
                ""
            };
            format!("path changed: {old} -> {new}{kept}{count}")
        }
        DeprecatedPathAdded { path } => format!("deprecated path added: {path}"),
        DeprecatedPathRemoved { path } => format!("deprecated path removed: {path}"),
        DeprecationChanged { new, .. } => format!("operation {}", became(*new, "deprecated")),
        StatusChanged { old, new } => {
            format!(
                "success status changed: {} -> {}",
                or_none(old),
                or_none(new)
            )
        }
        RequestBodyAdded { ty } => format!("request body added: {ty}"),
        RequestBodyRemoved { ty } => format!("request body removed: {ty}"),
        RequestBodyRetyped { old_type, new_type } => {
            format!("request body retyped: {old_type} -> {new_type}")
        }
        ResponseChanged { old_type, new_type } => format!(
            "response changed: {} -> {}",
            old_type.as_deref().unwrap_or("no content"),
            new_type.as_deref().unwrap_or("no content")
        ),
    }
}

fn describe_removed_type(shape: &str, replaced_by: &[String]) -> String {
    if replaced_by.is_empty() {
        return format!("type removed: {shape}");
    }
    format!(
        "type removed: {shape}; replaced by {}",
        replaced_by.join(", ")
    )
}

fn describe_rename(rename: &Rename, word: &str) -> String {
    let mut text = format!("{word} renamed: {} -> {}", rename.old_name, rename.new_name);
    if rename.old_type != rename.new_type {
        let _ = write!(text, ", retyped {} -> {}", rename.old_type, rename.new_type);
    }
    let confidence = match rename.confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
    };
    let _ = write!(
        text,
        " ({confidence} confidence: {})",
        rename.evidence.join("; ")
    );
    text
}

fn became(now: bool, what: &str) -> String {
    if now {
        format!("became {what}")
    } else {
        format!("is no longer {what}")
    }
}

fn or_none(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("none")
}
