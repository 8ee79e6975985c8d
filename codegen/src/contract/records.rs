//! The typed records of the extensions: what the extractor writes next to
//! an object schema, an enum schema, a property schema, an operation and
//! an Example object, and how each is read back.

use super::fields::{ContractProblem, Fields};
use super::keys::*;
use serde_json::{Map, Value, json};

/// A record of extension values, read strictly or leniently.
pub trait Extensions: Sized {
    /// Reads the record from `fields`, noting values of the wrong type.
    fn read(fields: &mut Fields) -> Self;

    /// The record of the object `value` at `pointer`, and every malformed
    /// value in it (read as absent).
    fn strict(value: &Value, pointer: &str) -> (Self, Vec<ContractProblem>) {
        let mut fields = Fields::of(value, pointer);
        let record = Self::read(&mut fields);
        (record, fields.problems)
    }

    /// The record of the object `value`, a malformed value read as absent.
    fn lenient(value: &Value) -> Self {
        Self::read(&mut Fields::of(value, ""))
    }
}

/// The extensions of an object type's schema. Its examples
/// ([`EXAMPLES`]) are Example objects with [`ExampleExtensions`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ObjectExtensions {
    /// [`ABSTRACT`].
    pub is_abstract: bool,
    /// [`OPEN_TYPE`].
    pub open_type: bool,
    /// [`KEY`].
    pub key: Option<String>,
    /// [`PAGE`], always written for an object type.
    pub page: Option<String>,
}

impl Extensions for ObjectExtensions {
    fn read(fields: &mut Fields) -> Self {
        ObjectExtensions {
            is_abstract: fields.flag(ABSTRACT),
            open_type: fields.flag(OPEN_TYPE),
            key: fields.text(KEY),
            page: fields.text(PAGE),
        }
    }
}

impl ObjectExtensions {
    /// Appends the extensions to `schema`, in the contract's key order.
    pub fn write(&self, schema: &mut Map<String, Value>) {
        if self.is_abstract {
            schema.insert(ABSTRACT.into(), json!(true));
        }
        if self.open_type {
            schema.insert(OPEN_TYPE.into(), json!(true));
        }
        if let Some(key) = &self.key {
            schema.insert(KEY.into(), json!(key));
        }
        schema.insert(PAGE.into(), json!(self.page));
    }
}

/// The extensions of an enum schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnumExtensions {
    /// [`INLINE_ENUM`].
    pub inline: bool,
}

impl Extensions for EnumExtensions {
    fn read(fields: &mut Fields) -> Self {
        EnumExtensions {
            inline: fields.flag(INLINE_ENUM),
        }
    }
}

impl EnumExtensions {
    /// Appends the extensions to `schema`.
    pub fn write(&self, schema: &mut Map<String, Value>) {
        if self.inline {
            schema.insert(INLINE_ENUM.into(), json!(true));
        }
    }
}

/// The extensions of a property's (or any type's) schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PropertyExtensions {
    /// [`DOCUMENTED_AS`].
    pub documented_as: Option<String>,
}

impl Extensions for PropertyExtensions {
    fn read(fields: &mut Fields) -> Self {
        PropertyExtensions {
            documented_as: fields.text(DOCUMENTED_AS),
        }
    }
}

impl PropertyExtensions {
    /// Appends the extensions to `schema`.
    pub fn write(&self, schema: &mut Map<String, Value>) {
        if let Some(text) = &self.documented_as {
            schema.insert(DOCUMENTED_AS.into(), json!(text));
        }
    }
}

/// The extensions of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OperationExtensions {
    /// [`PAGE`], always written.
    pub page: Option<String>,
    /// [`DEPRECATED_PATHS`], in document order.
    pub deprecated_paths: Vec<String>,
    /// [`ALTERNATE_PATHS`], in document order.
    pub alternate_paths: Vec<String>,
}

impl Extensions for OperationExtensions {
    fn read(fields: &mut Fields) -> Self {
        OperationExtensions {
            page: fields.text(PAGE),
            deprecated_paths: fields.strings(DEPRECATED_PATHS),
            alternate_paths: fields.strings(ALTERNATE_PATHS),
        }
    }
}

impl OperationExtensions {
    /// Appends the extensions to `operation`, in the contract's key order.
    pub fn write(&self, operation: &mut Map<String, Value>) {
        operation.insert(PAGE.into(), json!(self.page));
        if !self.deprecated_paths.is_empty() {
            operation.insert(DEPRECATED_PATHS.into(), json!(self.deprecated_paths));
        }
        if !self.alternate_paths.is_empty() {
            operation.insert(ALTERNATE_PATHS.into(), json!(self.alternate_paths));
        }
    }
}

/// Where an example was documented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExampleSource {
    /// The docs page, relative to the docs root, with `/` separators.
    pub page: Option<String>,
    /// The first line of the JSON text on the page.
    pub line: Option<u64>,
}

/// The extensions of an Example object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExampleExtensions {
    /// [`NAME`].
    pub name: Option<String>,
    /// [`SOURCE`].
    pub source: Option<ExampleSource>,
    /// [`TRUNCATED`].
    pub truncated: bool,
}

impl Extensions for ExampleExtensions {
    fn read(fields: &mut Fields) -> Self {
        ExampleExtensions {
            name: fields.text(NAME),
            source: fields.record(SOURCE, |source| ExampleSource {
                page: source.text(SOURCE_PAGE),
                line: source.count(SOURCE_LINE),
            }),
            truncated: fields.flag(TRUNCATED),
        }
    }
}

impl ExampleExtensions {
    /// Appends the extensions to `example`, in the contract's key order.
    pub fn write(&self, example: &mut Map<String, Value>) {
        if let Some(name) = &self.name {
            example.insert(NAME.into(), json!(name));
        }
        if let Some(source) = &self.source {
            example.insert(
                SOURCE.into(),
                json!({SOURCE_PAGE: source.page, SOURCE_LINE: source.line}),
            );
        }
        if self.truncated {
            example.insert(TRUNCATED.into(), json!(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_reports_malformed_values_at_their_pointer() {
        let schema = json!({ABSTRACT: "yes", PAGE: "call.md"});
        let (read, problems) = ObjectExtensions::strict(&schema, "/components/schemas/x");
        assert_eq!(read.page.as_deref(), Some("call.md"));
        assert!(!read.is_abstract);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].pointer,
            format!("/components/schemas/x/{ABSTRACT}")
        );
    }

    #[test]
    fn lenient_reads_malformed_values_as_absent() {
        let operation = json!({DEPRECATED_PATHS: ["/a", 1], PAGE: 2});
        let read = OperationExtensions::lenient(&operation);
        assert_eq!(read.deprecated_paths, ["/a"]);
        assert_eq!(read.page, None);
    }

    #[test]
    fn write_then_read_gives_the_record_back() {
        let example = ExampleExtensions {
            name: None,
            source: Some(ExampleSource {
                page: Some("api-reference/beta/api/call-mute.md".into()),
                line: Some(12),
            }),
            truncated: true,
        };
        let mut object = Map::new();
        example.write(&mut object);
        let (read, problems) = ExampleExtensions::strict(&Value::Object(object), "");
        assert!(problems.is_empty());
        assert_eq!(read, example);
    }
}
