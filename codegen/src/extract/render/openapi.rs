//! [`Api`] -> the OpenAPI 3.1 document, in a fixed key order.
//!
//! Writes what ARCHITECTURE.md's schema conventions specify and nothing
//! else: components keyed `microsoft.graph.<name>` in name order, paths in
//! path order with methods in the order get, put, post, patch, delete, and
//! every object's keys in the order listed there, so that a docs change is
//! a small diff. It decides nothing; every choice was made before.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::contract::{
    EXAMPLES, EnumExtensions, ExampleExtensions, ExampleSource, NAMESPACE, ObjectExtensions,
    OperationExtensions, PropertyExtensions, component_ref,
};

use super::api::{Api, Body, EnumType, ObjectType, Operation, Property, Response, ResponseContent};
use crate::extract::closure::is_stopped;
use crate::extract::decide::inferred;
use crate::extract::decide::inheritance::Hierarchy;
use crate::extract::decide::names::Resolved;
use crate::extract::decide::paths::slash_path;
use crate::extract::read::examples::ExampleDoc;
use crate::extract::read::type_expr::Primitive;

/// Writes the document. The API is consumed: example payloads move into
/// the document instead of being copied. Example keys are given in
/// document order first; operations and types are then written in
/// parallel (rayon) and put together in order.
pub(crate) fn render(api: Api, hierarchy: &Hierarchy) -> Value {
    let Api {
        mut types,
        enums,
        mut operations,
    } = api;
    let operations = operations_in_order(&mut operations);
    let mut keys = ExampleKeys::default();
    let operation_keys: Vec<Vec<String>> =
        operations.iter().map(|o| keys.of_operation(o)).collect();
    let type_keys: Vec<Vec<String>> = types.values().map(|t| keys.of_all(&t.examples)).collect();

    let mut document = Map::new();
    document.insert("openapi".into(), json!("3.1.0"));
    document.insert(
        "info".into(),
        json!({
            "title": "Microsoft Graph beta: cloud communications calls",
            "version": "beta",
            "description": "Extracted by callgen from the Microsoft Graph beta reference documentation."
        }),
    );
    document.insert(
        "jsonSchemaDialect".into(),
        json!("https://spec.openapis.org/oas/3.1/dialect/base"),
    );
    document.insert(
        "servers".into(),
        json!([{"url": "https://graph.microsoft.com/beta"}]),
    );
    document.insert(
        "paths".into(),
        Value::Object(paths(operations, operation_keys)),
    );
    let descendants = hierarchy.all_descendants();
    let schemas: Vec<(String, Value)> = types
        .values_mut()
        .zip(type_keys)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(ty, keys)| {
            let derived = descendants.get(&ty.name).map_or(&[][..], Vec::as_slice);
            (ty.name.clone(), object_schema(ty, derived, keys))
        })
        .collect();
    let mut components: BTreeMap<String, Value> = schemas.into_iter().collect();
    for e in enums.values() {
        components.insert(e.name.clone(), enum_schema(e));
    }
    let schemas: Map<String, Value> = components
        .into_iter()
        .map(|(name, schema)| (format!("{NAMESPACE}{name}"), schema))
        .collect();
    document.insert(
        "components".into(),
        json!({ "schemas": Value::Object(schemas) }),
    );
    Value::Object(document)
}

/// Pretty JSON text with a final newline.
pub(crate) fn to_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// An object type's schema; `descendants` are its transitive subtypes.
fn object_schema(ty: &mut ObjectType, descendants: &[String], keys: Vec<String>) -> Value {
    let mut schema = Map::new();
    schema.insert("title".into(), json!(ty.name));
    if let Some(description) = &ty.description {
        schema.insert("description".into(), json!(description));
    }
    schema.insert("type".into(), json!("object"));
    if let Some(base) = &ty.base {
        schema.insert("allOf".into(), json!([{ "$ref": component_ref(base) }]));
    }
    let properties: Map<String, Value> = ty
        .properties
        .iter()
        .map(|p| (p.name.clone(), property_schema(p)))
        .collect();
    schema.insert("properties".into(), Value::Object(properties));
    if !descendants.is_empty() {
        let mapping: Map<String, Value> = descendants
            .iter()
            .map(|d| (format!("#{NAMESPACE}{d}"), json!(component_ref(d))))
            .collect();
        schema.insert(
            "discriminator".into(),
            json!({"propertyName": "@odata.type", "mapping": Value::Object(mapping)}),
        );
    }
    let extensions = ObjectExtensions {
        is_abstract: ty.is_abstract,
        open_type: ty.open_type,
        key: ty.key.clone(),
        page: Some(ty.page.clone()),
    };
    extensions.write(&mut schema);
    if !ty.examples.is_empty() {
        let examples: Vec<Value> = std::mem::take(&mut ty.examples)
            .into_iter()
            .zip(keys)
            .map(|(e, key)| example_object(e, key).1)
            .collect();
        schema.insert(EXAMPLES.into(), Value::Array(examples));
    }
    Value::Object(schema)
}

fn enum_schema(e: &EnumType) -> Value {
    let mut schema = Map::new();
    schema.insert("title".into(), json!(e.name));
    schema.insert("type".into(), json!("string"));
    schema.insert("enum".into(), json!(e.values));
    if let Some(description) = &e.description {
        schema.insert("description".into(), json!(description));
    }
    EnumExtensions { inline: e.inline }.write(&mut schema);
    Value::Object(schema)
}

/// A property's schema: its type, then description, readOnly, documented-as.
pub(crate) fn property_schema(property: &Property) -> Value {
    let mut schema = match type_schema(&property.ty, property.nullable) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if let Some(description) = &property.description {
        schema.insert("description".into(), json!(description));
    }
    if property.read_only {
        schema.insert("readOnly".into(), json!(true));
    }
    let extensions = PropertyExtensions {
        documented_as: property.documented_as.clone(),
    };
    extensions.write(&mut schema);
    Value::Object(schema)
}

/// The schema of a resolved type (see ARCHITECTURE.md's table).
pub(crate) fn type_schema(ty: &Resolved, nullable: bool) -> Value {
    match ty {
        Resolved::Primitive(p) => primitive_schema(*p, nullable),
        Resolved::Object(name) | Resolved::Enum(name) => {
            let reference = json!({ "$ref": component_ref(name) });
            if nullable {
                json!({ "anyOf": [reference, {"type": "null"}] })
            } else {
                reference
            }
        }
        Resolved::Collection(inner) => {
            let kind = if nullable {
                json!(["array", "null"])
            } else {
                json!("array")
            };
            json!({ "type": kind, "items": type_schema(inner, false) })
        }
        Resolved::Union(members) => {
            let mut alternatives: Vec<Value> =
                members.iter().map(|m| type_schema(m, false)).collect();
            if nullable {
                alternatives.push(json!({"type": "null"}));
            }
            json!({ "anyOf": alternatives })
        }
        // A hub entity the closure stops at is an object; anything else
        // unknown is any value. `contract::DOCUMENTED_AS` keeps the name.
        Resolved::Unresolved(name) if is_stopped(name) => json!({"type": "object"}),
        Resolved::Unresolved(_) => json!({}),
    }
}

fn primitive_schema(primitive: Primitive, nullable: bool) -> Value {
    let (kind, format) = primitive.json_type_and_format();
    let mut schema = Map::new();
    let kind = if nullable {
        json!([kind, "null"])
    } else {
        json!(kind)
    };
    schema.insert("type".into(), kind);
    if let Some(format) = format {
        schema.insert("format".into(), json!(format));
    }
    Value::Object(schema)
}

const METHOD_ORDER: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// The operations in document order: by path, then get, put, post,
/// patch, delete.
fn operations_in_order(operations: &mut [Operation]) -> Vec<&mut Operation> {
    let mut by_path: BTreeMap<String, Vec<&mut Operation>> = BTreeMap::new();
    for operation in operations {
        by_path
            .entry(operation.path.clone())
            .or_default()
            .push(operation);
    }
    let mut ordered = Vec::new();
    for (_, mut operations) in by_path {
        operations.sort_by_key(|o| {
            METHOD_ORDER
                .iter()
                .position(|m| *m == o.method)
                .unwrap_or(9)
        });
        ordered.extend(operations);
    }
    ordered
}

/// The paths object: each path item's operations, written in parallel.
fn paths(operations: Vec<&mut Operation>, keys: Vec<Vec<String>>) -> Map<String, Value> {
    let written: Vec<(String, String, Value)> = operations
        .into_iter()
        .zip(keys)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(o, keys)| {
            let object = operation_object(o, &mut keys.into_iter());
            (o.path.clone(), o.method.clone(), object)
        })
        .collect();
    let mut out = Map::new();
    for (path, method, object) in written {
        match out.get_mut(&path) {
            Some(Value::Object(item)) => {
                item.insert(method, object);
            }
            _ => {
                let mut item = Map::new();
                item.insert(method, object);
                out.insert(path, Value::Object(item));
            }
        }
    }
    out
}

/// Placeholders of the operation's path that no key parameter declares,
/// such as `{address}` in `range(address={address})`, in path order: every
/// placeholder of an OpenAPI path must be a declared path parameter.
fn undeclared_placeholders(operation: &Operation) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in crate::placeholders::names(&operation.path) {
        let declared = operation.parameters.iter().any(|p| p.name == name);
        if !declared && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

fn operation_object(operation: &mut Operation, keys: &mut Keys) -> Value {
    let mut object = Map::new();
    object.insert("operationId".into(), json!(operation.operation_id));
    if let Some(summary) = &operation.summary {
        object.insert("summary".into(), json!(summary));
    }
    if let Some(description) = &operation.description {
        object.insert("description".into(), json!(description));
    }
    let mut parameters: Vec<Value> = operation
        .parameters
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "in": "path",
                "required": true,
                "description": format!("The key of the {}", p.item_type),
                "schema": {"type": "string"}
            })
        })
        .collect();
    for name in undeclared_placeholders(operation) {
        parameters.push(json!({
            "name": name,
            "in": "path",
            "required": true,
            "description": format!("The value the docs write as `{{{name}}}` in the path"),
            "schema": {"type": "string"}
        }));
    }
    if !parameters.is_empty() {
        object.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = request_body(operation, keys) {
        object.insert("requestBody".into(), body);
    }
    object.insert("responses".into(), responses(&mut operation.response, keys));
    if !operation.notifications.is_empty() {
        object.insert("callbacks".into(), callbacks(operation, keys));
    }
    let extensions = OperationExtensions {
        page: Some(operation.page.clone()),
        deprecated_paths: operation.deprecated_paths.clone(),
        alternate_paths: operation.alternate_paths.clone(),
    };
    extensions.write(&mut object);
    Value::Object(object)
}

fn request_body(operation: &mut Operation, keys: &mut Keys) -> Option<Value> {
    let schema = match &operation.body {
        Some(Body::Type(ty)) => type_schema(ty, false),
        Some(Body::Parameters(parameters)) => parameters_schema(parameters),
        None if operation.request_examples.is_empty() => return None,
        None => json!({"type": "object"}),
    };
    Some(json!({
        "required": true,
        "content": {"application/json": media(schema, &mut operation.request_examples, keys)}
    }))
}

/// The inline object of a parameter table.
pub(crate) fn parameters_schema(parameters: &[Property]) -> Value {
    let properties: Map<String, Value> = parameters
        .iter()
        .map(|p| (p.name.clone(), property_schema(p)))
        .collect();
    json!({"type": "object", "properties": Value::Object(properties)})
}

fn responses(response: &mut Response, keys: &mut Keys) -> Value {
    let mut object = Map::new();
    object.insert("description".into(), json!(reason_phrase(response.status)));
    let schema = match &response.content {
        Some(ResponseContent::Single(ty)) => Some(type_schema(ty, false)),
        Some(ResponseContent::List(ty)) => Some(json!({
            "type": "object",
            "properties": {"value": {"type": "array", "items": type_schema(ty, false)}}
        })),
        None if response.examples.is_empty() => None,
        None => Some(json!({})),
    };
    if let Some(schema) = schema {
        object.insert(
            "content".into(),
            json!({"application/json": media(schema, &mut response.examples, keys)}),
        );
    }
    let mut responses = Map::new();
    responses.insert(response.status.to_string(), Value::Object(object));
    Value::Object(responses)
}

fn callbacks(operation: &mut Operation, keys: &mut Keys) -> Value {
    // A payload type no page documents: inferred from the examples (and
    // reported by `inferred::report_inferred_payloads`), never `{}`.
    let schema = match inferred::payload_schema(operation) {
        Some(inferred) => inferred,
        None => operation
            .notification_type
            .as_ref()
            .map_or_else(|| json!({}), |t| type_schema(t, false)),
    };
    let post = json!({
        "requestBody": {
            "required": true,
            "content": {"application/json": media(schema, &mut operation.notifications, keys)}
        },
        "responses": {"202": {"description": "Accepted"}}
    });
    let mut expression = Map::new();
    expression.insert(operation.callback_key.clone(), json!({ "post": post }));
    json!({ "notifications": Value::Object(expression) })
}

/// A media object; the examples move into it.
fn media(schema: Value, examples: &mut Vec<ExampleDoc>, keys: &mut Keys) -> Value {
    let mut media = Map::new();
    media.insert("schema".into(), schema);
    if !examples.is_empty() {
        let map: Map<String, Value> = std::mem::take(examples)
            .into_iter()
            .zip(keys)
            .map(|(e, key)| example_object(e, key))
            .collect();
        media.insert("examples".into(), Value::Object(map));
    }
    Value::Object(media)
}

/// An Example object with provenance, under its key.
fn example_object(example: ExampleDoc, key: String) -> (String, Value) {
    let mut object = Map::new();
    object.insert("summary".into(), Value::String(example.summary));
    object.insert("value".into(), Arc::unwrap_or_clone(example.value));
    let extensions = ExampleExtensions {
        name: None,
        source: Some(ExampleSource {
            page: Some(slash_path(&example.page)),
            line: Some(example.line as u64),
        }),
        truncated: example.truncated,
    };
    extensions.write(&mut object);
    (key, Value::Object(object))
}

/// Example keys: the metadata name, else `<page-stem>-<n>` (n counting the
/// page's examples in document order), unique in the document.
#[derive(Default)]
struct ExampleKeys {
    used: BTreeSet<String>,
}

/// The keys of one operation's examples, in the order they are written:
/// request examples, response examples, notifications.
type Keys = std::vec::IntoIter<String>;

impl ExampleKeys {
    /// The keys of an operation's examples, in the order they are written.
    fn of_operation(&mut self, operation: &Operation) -> Vec<String> {
        let mut keys = self.of_all(&operation.request_examples);
        keys.extend(self.of_all(&operation.response.examples));
        keys.extend(self.of_all(&operation.notifications));
        keys
    }

    fn of_all(&mut self, examples: &[ExampleDoc]) -> Vec<String> {
        examples.iter().map(|e| self.key_for(e)).collect()
    }

    fn key_for(&mut self, example: &ExampleDoc) -> String {
        let stem = example
            .page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = example
            .name
            .clone()
            .unwrap_or_else(|| format!("{stem}-{}", example.ordinal));
        let mut key = base.clone();
        let mut n = 2;
        while !self.used.insert(key.clone()) {
            key = format!("{base}-{n}");
            n += 1;
        }
        key
    }
}

/// The standard reason phrase of a status code.
pub(crate) fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        _ => "Success",
    }
}
