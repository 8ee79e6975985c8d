//! The state shared by the IR passes: the type arena under construction,
//! the component index, name hints and the problems found so far.

use super::model::*;
use super::naming::{self, NameHint};
use super::{IrError, SchemaProblem, cycles};
use crate::contract::Extensions;
use serde_json::Value;
use std::collections::BTreeMap;

/// Own properties of a struct before inheritance is flattened.
#[derive(Debug, Clone, Default)]
pub(super) struct OwnFields {
    pub fields: Vec<FieldDef>,
}

pub(super) struct Builder<'a> {
    pub doc: &'a Value,
    pub types: Vec<TypeDef>,
    pub hints: Vec<NameHint>,
    /// Own fields per struct id, before flattening.
    pub own_fields: BTreeMap<TypeId, OwnFields>,
    /// Component qualified name -> struct or enum id.
    pub components: BTreeMap<String, TypeId>,
    /// Base qualified name -> family id.
    pub families: BTreeMap<String, TypeId>,
    pub operations: Vec<Operation>,
    pub problems: Vec<SchemaProblem>,
    /// Values typed as any JSON though the schema says more.
    pub untyped: Vec<SchemaProblem>,
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a Value) -> Self {
        Builder {
            doc,
            types: Vec::new(),
            hints: Vec::new(),
            own_fields: BTreeMap::new(),
            components: BTreeMap::new(),
            families: BTreeMap::new(),
            operations: Vec::new(),
            problems: Vec::new(),
            untyped: Vec::new(),
        }
    }

    /// Records a problem at `pointer`.
    pub fn problem(&mut self, pointer: &str, message: impl Into<String>) {
        self.problems.push(SchemaProblem {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Records that the value at `pointer` is typed as any JSON value,
    /// looser than the schema states, and why.
    pub fn untyped(&mut self, pointer: &str, why: impl Into<String>) {
        self.untyped.push(SchemaProblem {
            pointer: pointer.to_owned(),
            message: format!(
                "typed as any JSON value (`serde_json::Value`): {}",
                why.into()
            ),
        });
    }

    /// Reads the contract record of the object `value` at `pointer`
    /// strictly, recording every malformed value.
    pub fn extensions<T: Extensions>(&mut self, value: &Value, pointer: &str) -> T {
        let (record, problems) = T::strict(value, pointer);
        for problem in problems {
            self.problem(&problem.pointer, problem.message);
        }
        record
    }

    /// Allocates a type whose kind is filled in later.
    pub fn allocate(
        &mut self,
        schema_name: String,
        group: Group,
        kind: TypeKind,
        hint: NameHint,
    ) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            id,
            schema_name,
            rust_name: String::new(),
            module: String::new(),
            group,
            docs: None,
            page: None,
            kind,
        });
        self.hints.push(hint);
        id
    }

    /// Decides names, breaks cycles and returns the IR, or every problem.
    pub fn finish(mut self) -> Result<Ir, IrError> {
        if !self.problems.is_empty() {
            let mut problems = self.problems;
            problems.sort();
            problems.dedup();
            return Err(IrError { problems });
        }
        naming::assign(&mut self.types, &self.hints, &mut self.operations);
        cycles::break_cycles(&mut self.types);
        self.operations
            .sort_by(|a, b| a.operation_id.cmp(&b.operation_id));
        self.untyped.sort();
        self.untyped.dedup();
        Ok(Ir {
            types: self.types,
            operations: self.operations,
            untyped: self.untyped,
        })
    }
}

/// Escapes one JSON pointer segment (`~` and `/`).
pub(super) fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The string at `key` of an object, if it is one.
pub(super) fn str_at<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

/// The text at `key`, trimmed, when it is a non-empty string.
pub(super) fn text_at(value: &Value, key: &str) -> Option<String> {
    str_at(value, key).and_then(trimmed_str)
}

/// `text` trimmed, when that leaves something.
pub(super) fn trimmed(text: Option<String>) -> Option<String> {
    text.as_deref().and_then(trimmed_str)
}

fn trimmed_str(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Whether `key` is `true`.
pub(super) fn flag_at(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}
