//! What a successful call of an operation gives back: nothing (202, 204, or
//! a 200 without content), one value, or a collection page.
//!
//! The documented success is the lowest 2xx response. A response body that
//! is an inline object whose only property is a `value` array is a list
//! answer, read as a collection of the item type (the `@odata.nextLink` and
//! other annotations are kept by the collection type). This module decides;
//! it does not know how the result is decoded.

use std::collections::BTreeSet;

use super::model::*;

/// The result of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationResult {
    /// No body worth reading.
    Nothing,
    /// One JSON value of this type.
    Value(TypeRef),
    /// A collection page whose items have this type.
    Collection(TypeRef),
}

/// The documented success of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Success<'a> {
    /// The response (`201`), when one with a 2xx status is documented.
    pub response: Option<&'a Response>,
    /// What it carries.
    pub result: OperationResult,
}

impl Ir {
    /// The documented success of `op`: its lowest 2xx response and what it
    /// carries.
    pub fn success<'a>(&self, op: &'a Operation) -> Success<'a> {
        let response = op
            .responses
            .iter()
            .filter(|r| r.status.len() == 3 && r.status.starts_with('2'))
            .min_by(|a, b| a.status.cmp(&b.status));
        let result = match response.and_then(|r| r.body.as_ref()) {
            None => OperationResult::Nothing,
            Some(body) => match &body.ty {
                None => OperationResult::Value(TypeRef::Any),
                Some(ty) => match self.list_item(ty) {
                    Some(item) => OperationResult::Collection(item),
                    None => OperationResult::Value(ty.clone()),
                },
            },
        };
        Success { response, result }
    }

    /// The inline `{"value": [item]}` objects that a list answer is read
    /// through (its result is a [`OperationResult::Collection`] instead):
    /// they exist for the schema's examples, not for users.
    pub fn list_envelopes(&self) -> BTreeSet<TypeId> {
        self.operations
            .iter()
            .filter_map(|op| {
                let success = self.success(op);
                let OperationResult::Collection(_) = success.result else {
                    return None;
                };
                match success.response?.body.as_ref()?.ty.as_ref()? {
                    TypeRef::Named(id) => Some(*id),
                    _ => None,
                }
            })
            .collect()
    }

    /// The item type of an inline `{"value": [item]}` object.
    fn list_item(&self, ty: &TypeRef) -> Option<TypeRef> {
        let TypeRef::Named(id) = ty else {
            return None;
        };
        let def = self.get(*id);
        let TypeKind::Struct(st) = &def.kind else {
            return None;
        };
        if def.group != Group::Operations || st.base.is_some() {
            return None;
        }
        match st.fields.as_slice() {
            [field] if field.wire_name == "value" => match &field.ty {
                TypeRef::Array(item) => Some((**item).clone()),
                _ => None,
            },
            _ => None,
        }
    }
}
