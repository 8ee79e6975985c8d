//! The changelog as data: every change kind, whether it breaks users of
//! the generated crate (the rules are explained in the [`crate::diff`]
//! module doc and applied in [`ChangeKind::is_breaking`] only), and the
//! summary counts. Serializes to the JSON of `callgen diff --format json`.
//! Knows nothing of how documents are read or compared.

use serde::Serialize;
use std::collections::BTreeMap;

/// Everything that changed between two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changelog {
    /// Changes of component types, sorted by type name.
    pub types: Vec<TypeChanges>,
    /// Changes of operations, sorted by (old) `operationId`.
    pub operations: Vec<OperationChanges>,
    /// Counts of changes by kind.
    pub summary: Summary,
    /// Parts of either document that were not understood (`old: /pointer: message`).
    pub warnings: Vec<String>,
}

/// The changes of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeChanges {
    /// The short type name (`call`).
    pub name: String,
    /// The changes, in a stable order.
    pub changes: Vec<Change>,
}

/// The changes of one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationChanges {
    /// The `operationId` in the old document (or the new one when added).
    pub operation: String,
    /// The changes, in a stable order.
    pub changes: Vec<Change>,
}

/// One change and its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Whether code using the crate generated from the old document may
    /// stop compiling or stop accepting payloads it accepted.
    pub breaking: bool,
    /// What changed.
    #[serde(flatten)]
    pub kind: ChangeKind,
}

impl Change {
    /// A change with its verdict from [`ChangeKind::is_breaking`].
    pub fn new(kind: ChangeKind) -> Change {
        Change {
            breaking: kind.is_breaking(),
            kind,
        }
    }
}

/// A property rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rename {
    /// The old name.
    pub old_name: String,
    /// The new name.
    pub new_name: String,
    /// The old type.
    pub old_type: String,
    /// The new type (may differ: renamed and retyped).
    pub new_type: String,
    /// How sure the detection is.
    pub confidence: Confidence,
    /// Why the two are taken as one property.
    pub evidence: Vec<String>,
}

/// How sure a rename detection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// One signal besides a related schema (e.g. overlapping names of two enums).
    Medium,
    /// Several independent signals, or names that differ only in case.
    High,
}

/// What changed. Type strings are in the docs' words (`participantInfo
/// collection`, `enum callState`, `Int32`). Property kinds also describe
/// inline request-body parameters when they appear under an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A new type.
    TypeAdded {
        /// `object`, `abstract object extending x`, `enumeration of 3 values`.
        shape: String,
    },
    /// A type that is gone.
    TypeRemoved {
        /// What it was.
        shape: String,
        /// Types that took its place in the properties that used it.
        replaced_by: Vec<String>,
    },
    /// An object type became an enumeration or the reverse.
    TypeKindChanged {
        /// `object` or `enumeration`.
        old: String,
        /// `object` or `enumeration`.
        new: String,
    },
    /// The base type (`allOf`) changed, appeared or went away.
    BaseTypeChanged {
        /// The old base.
        old: Option<String>,
        /// The new base.
        new: Option<String>,
    },
    /// [`crate::contract::ABSTRACT`] changed.
    AbstractChanged {
        /// Whether it was abstract.
        old: bool,
        /// Whether it is abstract.
        new: bool,
    },
    /// [`crate::contract::OPEN_TYPE`] changed.
    OpenTypeChanged {
        /// Whether it was open.
        old: bool,
        /// Whether it is open.
        new: bool,
    },
    /// A new property.
    PropertyAdded {
        /// Its name.
        property: String,
        /// Its type.
        #[serde(rename = "type")]
        ty: String,
        /// Whether a request body requires it.
        required: bool,
    },
    /// A property that is gone.
    PropertyRemoved {
        /// Its name.
        property: String,
        /// Its type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A property removed and one added that are evidently the same.
    PropertyRenamed(Rename),
    /// A property kept its name and changed its type.
    PropertyRetyped {
        /// Its name.
        property: String,
        /// The old type.
        old_type: String,
        /// The new type.
        new_type: String,
        /// The generated Rust type stays the same (an inline enumeration
        /// became the declared enumeration of the same name, or the reverse;
        /// or a union of object types gained members: same enum, more variants).
        same_rust_type: bool,
    },
    /// A property left the type and is now declared by one of its bases.
    PropertyMovedToBase {
        /// Its name.
        property: String,
        /// The base that declares it now.
        base: String,
    },
    /// `readOnly` changed.
    ReadOnlyChanged {
        /// The property.
        property: String,
        /// Whether it was read-only.
        old: bool,
        /// Whether it is read-only.
        new: bool,
    },
    /// Whether `null` is allowed changed.
    NullableChanged {
        /// The property.
        property: String,
        /// Whether it was nullable.
        old: bool,
        /// Whether it is nullable.
        new: bool,
    },
    /// A request-body parameter became required or optional.
    RequiredChanged {
        /// The parameter.
        property: String,
        /// Whether it was required.
        old: bool,
        /// Whether it is required.
        new: bool,
    },
    /// A new enumeration value.
    EnumValueAdded {
        /// The value.
        value: String,
    },
    /// An enumeration value that is gone.
    EnumValueRemoved {
        /// The value.
        value: String,
    },
    /// An enumeration value whose spelling changed only in case
    /// (`Sharer` -> `sharer`): same Rust variant, different wire value.
    EnumValueRenamed {
        /// The old spelling.
        old: String,
        /// The new spelling.
        new: String,
    },
    /// A new operation.
    OperationAdded {
        /// Its HTTP method.
        method: String,
        /// Its path.
        path: String,
    },
    /// An operation that is gone.
    OperationRemoved {
        /// Its HTTP method.
        method: String,
        /// Its path.
        path: String,
    },
    /// The operation is evidently the same but its `operationId` changed.
    OperationRenamed {
        /// The new `operationId`.
        new_id: String,
        /// Why the two are taken as one operation.
        evidence: Vec<String>,
    },
    /// The HTTP method changed.
    HttpMethodChanged {
        /// The old method.
        old: String,
        /// The new method.
        new: String,
    },
    /// The current path changed.
    PathChanged {
        /// The old path.
        old: String,
        /// The new path.
        new: String,
        /// The old path is listed among the new deprecated paths.
        old_kept_as_deprecated: bool,
        /// The number of path parameters differs.
        parameter_count_changed: bool,
    },
    /// A deprecated path was recorded.
    DeprecatedPathAdded {
        /// The path.
        path: String,
    },
    /// A deprecated path is no longer recorded.
    DeprecatedPathRemoved {
        /// The path.
        path: String,
    },
    /// The operation became deprecated or stopped being so.
    DeprecationChanged {
        /// Whether it was deprecated.
        old: bool,
        /// Whether it is deprecated.
        new: bool,
    },
    /// The documented success status changed.
    StatusChanged {
        /// The old status.
        old: Option<String>,
        /// The new status.
        new: Option<String>,
    },
    /// The operation now takes a request body.
    RequestBodyAdded {
        /// Its type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// The operation no longer takes a request body.
    RequestBodyRemoved {
        /// Its old type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// The request body's type changed (other than parameter by parameter).
    RequestBodyRetyped {
        /// The old type.
        old_type: String,
        /// The new type.
        new_type: String,
    },
    /// The success response's type changed, appeared or went away.
    ResponseChanged {
        /// The old type, `None` for no content.
        old_type: Option<String>,
        /// The new type, `None` for no content.
        new_type: Option<String>,
    },
}

impl ChangeKind {
    /// Whether this change breaks users of the generated crate; the rules
    /// are explained in the [`crate::diff`] module doc.
    pub fn is_breaking(&self) -> bool {
        use ChangeKind::*;
        match self {
            TypeAdded { .. } | OpenTypeChanged { .. } | PropertyMovedToBase { .. } => false,
            AbstractChanged { .. } | RequiredChanged { .. } | PropertyAdded { .. } => false,
            ReadOnlyChanged { .. } | NullableChanged { .. } | EnumValueAdded { .. } => false,
            OperationAdded { .. } | HttpMethodChanged { .. } => false,
            DeprecatedPathAdded { .. } | DeprecatedPathRemoved { .. } => false,
            DeprecationChanged { .. } | StatusChanged { .. } => false,
            TypeRemoved { .. } | TypeKindChanged { .. } | BaseTypeChanged { .. } => true,
            PropertyRemoved { .. } | PropertyRenamed(_) => true,
            EnumValueRemoved { .. } | EnumValueRenamed { .. } => true,
            OperationRemoved { .. } | OperationRenamed { .. } => true,
            RequestBodyAdded { .. } | RequestBodyRemoved { .. } | RequestBodyRetyped { .. } => true,
            ResponseChanged { .. } => true,
            PropertyRetyped { same_rust_type, .. } => !same_rust_type,
            PathChanged {
                parameter_count_changed,
                ..
            } => *parameter_count_changed,
        }
    }

    /// The kebab-case name of the kind, as in the JSON `kind` field.
    pub fn name(&self) -> &'static str {
        self.descriptor().0
    }

    /// Sort key inside a group: the type's or operation's own changes by
    /// kind, then property changes by property, then enum values by value.
    pub fn sort_key(&self) -> (u8, u8, &str, u8) {
        let (_, rank) = self.descriptor();
        match self.subject() {
            (0, subject) => (0, rank, subject, 0),
            (section, subject) => (section, 0, subject, rank),
        }
    }

    /// The kind's name and its rank in a group's listing.
    fn descriptor(&self) -> (&'static str, u8) {
        use ChangeKind::*;
        match self {
            TypeAdded { .. } => ("type-added", 0),
            TypeRemoved { .. } => ("type-removed", 1),
            TypeKindChanged { .. } => ("type-kind-changed", 2),
            BaseTypeChanged { .. } => ("base-type-changed", 3),
            AbstractChanged { .. } => ("abstract-changed", 4),
            OpenTypeChanged { .. } => ("open-type-changed", 5),
            OperationAdded { .. } => ("operation-added", 6),
            OperationRemoved { .. } => ("operation-removed", 7),
            OperationRenamed { .. } => ("operation-renamed", 8),
            HttpMethodChanged { .. } => ("http-method-changed", 9),
            PathChanged { .. } => ("path-changed", 10),
            DeprecatedPathAdded { .. } => ("deprecated-path-added", 11),
            DeprecatedPathRemoved { .. } => ("deprecated-path-removed", 12),
            DeprecationChanged { .. } => ("deprecation-changed", 13),
            StatusChanged { .. } => ("status-changed", 14),
            RequestBodyAdded { .. } => ("request-body-added", 15),
            RequestBodyRemoved { .. } => ("request-body-removed", 16),
            RequestBodyRetyped { .. } => ("request-body-retyped", 17),
            ResponseChanged { .. } => ("response-changed", 18),
            PropertyAdded { .. } => ("property-added", 19),
            PropertyRemoved { .. } => ("property-removed", 20),
            PropertyRenamed(_) => ("property-renamed", 21),
            PropertyRetyped { .. } => ("property-retyped", 22),
            PropertyMovedToBase { .. } => ("property-moved-to-base", 23),
            ReadOnlyChanged { .. } => ("read-only-changed", 24),
            NullableChanged { .. } => ("nullable-changed", 25),
            RequiredChanged { .. } => ("required-changed", 26),
            EnumValueAdded { .. } => ("enum-value-added", 27),
            EnumValueRemoved { .. } => ("enum-value-removed", 28),
            EnumValueRenamed { .. } => ("enum-value-renamed", 29),
        }
    }

    /// Section (0: the type or operation itself, 1: properties, 2: enum
    /// values) and the property or value the change is about.
    fn subject(&self) -> (u8, &str) {
        use ChangeKind::*;
        match self {
            PropertyAdded { property, .. }
            | PropertyRemoved { property, .. }
            | PropertyRetyped { property, .. }
            | PropertyMovedToBase { property, .. }
            | ReadOnlyChanged { property, .. }
            | NullableChanged { property, .. }
            | RequiredChanged { property, .. } => (1, property),
            PropertyRenamed(rename) => (1, &rename.old_name),
            EnumValueAdded { value } | EnumValueRemoved { value } => (2, value),
            EnumValueRenamed { old, .. } => (2, old),
            DeprecatedPathAdded { path } | DeprecatedPathRemoved { path } => (0, path),
            _ => (0, ""),
        }
    }
}

/// Counts of changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// All changes.
    pub total: usize,
    /// Breaking changes.
    pub breaking: usize,
    /// By kind name, sorted.
    pub by_kind: BTreeMap<&'static str, KindCount>,
}

/// The count of one kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct KindCount {
    /// Changes of this kind.
    pub total: usize,
    /// Of which breaking.
    pub breaking: usize,
}

impl Summary {
    /// Counts `changes`.
    pub fn of<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Summary {
        let mut summary = Summary::default();
        for change in changes {
            let count = summary.by_kind.entry(change.kind.name()).or_default();
            count.total += 1;
            summary.total += 1;
            if change.breaking {
                count.breaking += 1;
                summary.breaking += 1;
            }
        }
        summary
    }
}

/// Sorts a group's changes into their listing order.
pub fn sort_changes(changes: &mut [Change]) {
    changes.sort_by(|a, b| a.kind.sort_key().cmp(&b.kind.sort_key()));
}
