//! Reading an OpenAPI document into a [`SchemaView`]: components,
//! property schemas (references, collections, nullability, primitives with
//! formats, inline objects) and operations. Lenient: what it does not
//! understand is recorded as a [`Problem`] with its JSON Pointer.

use super::{
    EnumDef, ObjectDef, OperationDef, Problem, Property, RequestBody, SchemaView, TypeDef, TypeExpr,
};
use crate::contract::{
    self, EnumExtensions, Extensions, NAMESPACE, ObjectExtensions, OperationExtensions,
};
use serde_json::{Map, Value};

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// Reads `document`, recording what it does not understand.
pub(super) fn read(document: &Value) -> SchemaView {
    let mut reader = Reader::default();
    match document.as_object() {
        Some(root) => reader.read_root(root),
        None => reader.problem("", "the document is not a JSON object"),
    }
    reader.view
}

/// Escapes one JSON Pointer reference token.
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` extended by `token`.
fn child(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

/// The short name of a component key or reference target.
fn short_name(qualified: &str) -> &str {
    qualified.strip_prefix(NAMESPACE).unwrap_or(qualified)
}

#[derive(Default)]
struct Reader {
    view: SchemaView,
}

impl Reader {
    fn problem(&mut self, pointer: &str, message: impl Into<String>) {
        self.view.problems.push(Problem {
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }

    fn read_root(&mut self, root: &Map<String, Value>) {
        let schemas = root
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_object);
        let paths = root.get("paths").and_then(Value::as_object);
        if schemas.is_none() && paths.is_none() {
            self.problem("", "neither components.schemas nor paths found");
        }
        for (key, schema) in schemas.into_iter().flatten() {
            self.read_component(key, schema);
        }
        for (path, item) in paths.into_iter().flatten() {
            self.read_path_item(path, item);
        }
    }

    fn read_component(&mut self, key: &str, schema: &Value) {
        let pointer = child("/components/schemas", key);
        let Some(object) = schema.as_object() else {
            return self.problem(&pointer, "a component schema must be a JSON object");
        };
        let definition = if let Some(values) = object.get("enum") {
            TypeDef::Enum(self.read_enum(&pointer, schema, values))
        } else {
            TypeDef::Object(self.read_object(&pointer, schema, object))
        };
        self.view
            .types
            .insert(short_name(key).to_string(), definition);
    }

    fn read_enum(&mut self, pointer: &str, schema: &Value, values: &Value) -> EnumDef {
        let mut names = Vec::new();
        for (index, value) in values.as_array().into_iter().flatten().enumerate() {
            match value.as_str() {
                Some(name) => names.push(name.to_string()),
                None => self.problem(
                    &child(&child(pointer, "enum"), &index.to_string()),
                    "an enumeration value must be a string",
                ),
            }
        }
        if !values.is_array() {
            self.problem(&child(pointer, "enum"), "`enum` must be an array");
        }
        EnumDef {
            values: names,
            inline: EnumExtensions::lenient(schema).inline,
        }
    }

    fn read_object(
        &mut self,
        pointer: &str,
        schema: &Value,
        object: &Map<String, Value>,
    ) -> ObjectDef {
        let extensions = ObjectExtensions::lenient(schema);
        ObjectDef {
            base: self.read_base(pointer, object),
            is_abstract: extensions.is_abstract,
            open_type: extensions.open_type,
            properties: self.read_properties(pointer, object),
        }
    }

    fn read_base(&mut self, pointer: &str, object: &Map<String, Value>) -> Option<String> {
        let all_of = object.get("allOf")?;
        let members = all_of.as_array().map(Vec::as_slice).unwrap_or_default();
        let reference = match members {
            [only] => only.get("$ref").and_then(Value::as_str),
            _ => None,
        };
        match reference.and_then(contract::ref_target) {
            Some(target) => Some(short_name(target).to_string()),
            None => {
                self.problem(
                    &child(pointer, "allOf"),
                    "`allOf` must hold exactly one `$ref` to a component (the base type)",
                );
                None
            }
        }
    }

    /// The `properties` of an object schema, with `required` applied.
    fn read_properties(&mut self, pointer: &str, object: &Map<String, Value>) -> Vec<Property> {
        let required: Vec<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let Some(properties) = object.get("properties") else {
            return Vec::new();
        };
        let pointer = child(pointer, "properties");
        let Some(properties) = properties.as_object() else {
            self.problem(&pointer, "`properties` must be a JSON object");
            return Vec::new();
        };
        properties
            .iter()
            .map(|(name, schema)| {
                let mut property = self.read_property(&child(&pointer, name), name, schema);
                property.required = required.contains(&name.as_str());
                property
            })
            .collect()
    }

    fn read_property(&mut self, pointer: &str, name: &str, schema: &Value) -> Property {
        let (ty, nullable) = self.read_type(pointer, schema);
        Property {
            name: name.to_string(),
            ty,
            nullable,
            read_only: schema.get("readOnly").and_then(Value::as_bool) == Some(true),
            required: false,
            description: schema
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// A schema as a type and whether it admits `null`.
    fn read_type(&mut self, pointer: &str, schema: &Value) -> (TypeExpr, bool) {
        let Some(object) = schema.as_object() else {
            return match schema {
                Value::Bool(true) => (TypeExpr::Any, false),
                _ => (
                    self.unknown(pointer, schema, "a schema must be a JSON object"),
                    false,
                ),
            };
        };
        let declared_nullable = flag(object, "nullable");
        for keyword in ["anyOf", "oneOf"] {
            if let Some(members) = object.get(keyword) {
                let (ty, nullable) = self.read_alternatives(&child(pointer, keyword), members);
                return (ty, nullable || declared_nullable);
            }
        }
        let (ty, nullable) = self.read_plain_type(pointer, object);
        (ty, nullable || declared_nullable)
    }

    fn read_alternatives(&mut self, pointer: &str, members: &Value) -> (TypeExpr, bool) {
        let Some(members) = members.as_array() else {
            return (
                self.unknown(pointer, members, "must be an array of schemas"),
                false,
            );
        };
        let mut nullable = false;
        let mut types = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if member.get("type").and_then(Value::as_str) == Some("null") {
                nullable = true;
                continue;
            }
            let (ty, member_nullable) = self.read_type(&child(pointer, &index.to_string()), member);
            nullable |= member_nullable;
            types.push(ty);
        }
        let ty = match types.len() {
            0 => TypeExpr::Any,
            1 => types.remove(0),
            _ => TypeExpr::Union(types),
        };
        (ty, nullable)
    }

    fn read_plain_type(&mut self, pointer: &str, object: &Map<String, Value>) -> (TypeExpr, bool) {
        if let Some(reference) = object.get("$ref") {
            return (
                self.read_reference(&child(pointer, "$ref"), reference),
                false,
            );
        }
        if let Some(Value::Array(members)) = object.get("allOf") {
            if let [only] = members.as_slice() {
                return self.read_type(&child(&child(pointer, "allOf"), "0"), only);
            }
        }
        let (type_name, nullable) = match object.get("type") {
            None => (None, false),
            Some(Value::String(name)) => (Some(name.as_str()), false),
            Some(Value::Array(names)) => {
                let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
                let nullable = names.contains(&"null");
                let mut non_null = names.into_iter().filter(|n| *n != "null");
                match (non_null.next(), non_null.next()) {
                    (Some(name), None) => (Some(name), nullable),
                    (None, None) => (None, nullable),
                    _ => {
                        let value = Value::Object(object.clone());
                        let message = "several non-null types are not supported";
                        return (self.unknown(pointer, &value, message), nullable);
                    }
                }
            }
            Some(_) => {
                let value = Value::Object(object.clone());
                return (
                    self.unknown(pointer, &value, "`type` must be a string or an array"),
                    false,
                );
            }
        };
        (self.read_typed(pointer, object, type_name), nullable)
    }

    fn read_typed(
        &mut self,
        pointer: &str,
        object: &Map<String, Value>,
        type_name: Option<&str>,
    ) -> TypeExpr {
        let format = object.get("format").and_then(Value::as_str);
        match type_name {
            Some("array") => match object.get("items") {
                Some(items) => {
                    let (item, _) = self.read_type(&child(pointer, "items"), items);
                    TypeExpr::Collection(Box::new(item))
                }
                None => TypeExpr::Collection(Box::new(TypeExpr::Any)),
            },
            Some("object") if object.contains_key("properties") => {
                TypeExpr::InlineObject(self.read_properties(pointer, object))
            }
            Some("object") => TypeExpr::Primitive("Object".to_string()),
            Some(name @ ("string" | "integer" | "number" | "boolean")) => {
                TypeExpr::Primitive(primitive_name(name, format))
            }
            None if object.keys().all(|key| is_annotation(key)) => TypeExpr::Any,
            _ => {
                let value = Value::Object(object.clone());
                self.unknown(pointer, &value, "neither `$ref`, `type` nor `anyOf`")
            }
        }
    }

    fn read_reference(&mut self, pointer: &str, reference: &Value) -> TypeExpr {
        match reference.as_str().and_then(contract::ref_target) {
            Some(target) => TypeExpr::Named(short_name(target).to_string()),
            None => {
                let message = format!("`$ref` must point into {}", contract::SCHEMA_REF_PREFIX);
                self.unknown(pointer, reference, &message)
            }
        }
    }

    fn unknown(&mut self, pointer: &str, value: &Value, message: &str) -> TypeExpr {
        self.problem(pointer, message);
        TypeExpr::Unknown(value.to_string())
    }

    fn read_path_item(&mut self, path: &str, item: &Value) {
        let pointer = child("/paths", path);
        let Some(item) = item.as_object() else {
            return self.problem(&pointer, "a path item must be a JSON object");
        };
        for method in HTTP_METHODS {
            if let Some(operation) = item.get(method) {
                self.read_operation(&child(&pointer, method), path, method, operation);
            }
        }
    }

    fn read_operation(&mut self, pointer: &str, path: &str, method: &str, operation: &Value) {
        let Some(object) = operation.as_object() else {
            return self.problem(pointer, "an operation must be a JSON object");
        };
        let method = method.to_ascii_uppercase();
        let id = match object.get("operationId").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => {
                self.problem(
                    pointer,
                    "no operationId; the operation is named by method and path",
                );
                format!("{method} {path}")
            }
        };
        let (status, response) = self.read_success_response(pointer, object);
        let extensions = OperationExtensions::lenient(operation);
        let definition = OperationDef {
            id: id.clone(),
            method,
            path: path.to_string(),
            deprecated_paths: sorted(extensions.deprecated_paths),
            deprecated: flag(object, "deprecated"),
            status,
            response,
            request_body: self.read_request_body(pointer, object),
            page: extensions.page,
        };
        if self.view.operations.contains_key(&id) {
            let message = format!("operationId `{id}` is used twice; the later one is ignored");
            return self.problem(&child(pointer, "operationId"), message);
        }
        self.view.operations.insert(id, definition);
    }

    fn read_success_response(
        &mut self,
        pointer: &str,
        operation: &Map<String, Value>,
    ) -> (Option<String>, Option<TypeExpr>) {
        let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
            return (None, None);
        };
        let success = responses
            .iter()
            .filter(|(k, _)| k.starts_with('2'))
            .min_by_key(|(k, _)| *k);
        let Some((status, response)) = success else {
            return (None, None);
        };
        let pointer = child(&child(pointer, "responses"), status);
        let ty = self.read_json_content(&pointer, response);
        (Some(status.clone()), ty)
    }

    fn read_request_body(
        &mut self,
        pointer: &str,
        operation: &Map<String, Value>,
    ) -> Option<RequestBody> {
        let body = operation.get("requestBody")?;
        let pointer = child(pointer, "requestBody");
        let ty = self
            .read_json_content(&pointer, body)
            .unwrap_or(TypeExpr::Any);
        Some(RequestBody {
            required: body.get("required").and_then(Value::as_bool) == Some(true),
            ty,
        })
    }

    /// The schema of the JSON media type (or the first one) of a request
    /// body or response; `None` without content.
    fn read_json_content(&mut self, pointer: &str, holder: &Value) -> Option<TypeExpr> {
        let content = holder.get("content")?.as_object()?;
        let (media_type, media) = content
            .get_key_value("application/json")
            .or_else(|| content.iter().next())?;
        let pointer = child(&child(pointer, "content"), media_type);
        let schema = media.get("schema")?;
        Some(self.read_type(&child(&pointer, "schema"), schema).0)
    }
}

/// The docs' spelling of an OpenAPI primitive.
fn primitive_name(type_name: &str, format: Option<&str>) -> String {
    let known = match (type_name, format) {
        ("string", None) => "String",
        ("string", Some("date-time")) => "DateTimeOffset",
        ("string", Some("date")) => "Date",
        ("string", Some("time")) => "TimeOfDay",
        ("string", Some("duration")) => "Duration",
        ("string", Some("uuid")) => "Guid",
        ("string", Some("base64url")) => "Binary",
        ("integer", Some("int32")) => "Int32",
        ("integer", Some("int64")) => "Int64",
        ("integer", Some("int16")) => "Int16",
        ("integer", Some("uint8")) => "Byte",
        ("integer", None) => "Integer",
        ("number", Some("double")) => "Double",
        ("number", Some("float")) => "Single",
        ("number", Some("decimal")) => "Decimal",
        ("number", None) => "Number",
        ("boolean", _) => "Boolean",
        (other, Some(format)) => return format!("{other} ({format})"),
        (other, None) => return other.to_string(),
    };
    known.to_string()
}

/// Keywords that describe a schema without constraining its values: a
/// schema of only these (`{}` with a description and
/// [`contract::DOCUMENTED_AS`], the form of an unknown type) admits any JSON.
fn is_annotation(key: &str) -> bool {
    let annotations = [
        "description",
        "title",
        "readOnly",
        "writeOnly",
        "deprecated",
    ];
    annotations.contains(&key) || key.starts_with("x-") || key.starts_with("example")
}

fn flag(object: &Map<String, Value>, key: &str) -> bool {
    object.get(key).and_then(Value::as_bool) == Some(true)
}

fn sorted(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list.dedup();
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nullable_refs_collections_and_primitives() {
        let doc = json!({"components": {"schemas": {
            "microsoft.graph.a": {"type": "object", "properties": {
                "r": {"anyOf": [{"$ref": "#/components/schemas/microsoft.graph.b"}, {"type": "null"}]},
                "s": {"type": ["string", "null"], "format": "date-time", "readOnly": true},
                "c": {"type": "array", "items": {"type": "integer", "format": "int32"}}
            }},
            "microsoft.graph.b": {"type": "string", "enum": ["x"], contract::INLINE_ENUM: true}
        }}});
        let view = SchemaView::read(&doc);
        assert!(view.problems.is_empty(), "{:?}", view.problems);
        let a = view.object("a").unwrap();
        let described: Vec<String> = a
            .properties
            .iter()
            .map(|p| {
                format!(
                    "{} {} {} {}",
                    p.name,
                    view.describe(&p.ty),
                    p.nullable,
                    p.read_only
                )
            })
            .collect();
        assert_eq!(
            described,
            [
                "r inline enum b true false",
                "s DateTimeOffset true true",
                "c Int32 collection false false"
            ]
        );
    }

    #[test]
    fn reports_what_it_does_not_understand_with_a_pointer() {
        let doc = json!({"components": {"schemas": {
            "microsoft.graph.a/b": {"type": "object", "properties": {"p": {"$ref": "elsewhere"}}}
        }}});
        let view = SchemaView::read(&doc);
        assert_eq!(view.problems.len(), 1);
        assert_eq!(
            view.problems[0].pointer,
            "/components/schemas/microsoft.graph.a~1b/properties/p/$ref"
        );
        assert!(
            SchemaView::read(&json!([1])).problems[0]
                .message
                .contains("not a JSON object")
        );
    }
}
