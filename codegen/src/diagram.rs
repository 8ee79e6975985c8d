//! A Mermaid `classDiagram` of a schema's type graph, for the README and
//! for reviewers.
//!
//! Every component becomes a class: object types list their own properties
//! as `name: type` (`[]` marks a collection, `?` a nullable property) and
//! carry `<<abstract>>` when abstract; enumerations are `<<enumeration>>`
//! classes listing their values. Inheritance is drawn as `Base <|-- Derived`.
//! A property whose type is (or contains) an object type is drawn as an
//! association `owner --> target : property`; several properties of one
//! type pointing at the same target share one arrow, with their names
//! joined (`call --> participantInfo : answeredBy, source`).
//!
//! Arrows to enumerations are deliberately left out: at ~80 types they
//! double the number of edges without adding information, since the
//! property line already names the enumeration and the enumeration's class
//! is drawn next to it. The output is deterministic (classes and edges
//! sorted by name). This module reads the document through
//! [`crate::diff::schema::SchemaView`] and knows nothing of Rust or markdown.

use crate::diff::schema::{ObjectDef, Property, SchemaView, TypeDef, TypeExpr};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The Mermaid class diagram of `document`'s component types.
pub fn mermaid(document: &Value) -> String {
    mermaid_of(&SchemaView::read(document))
}

/// The Mermaid class diagram of a schema already read.
pub fn mermaid_of(view: &SchemaView) -> String {
    let mut out = String::from("classDiagram\n");
    if view.types.is_empty() {
        out.push_str("    note \"The schema has no component types\"\n");
        return out;
    }
    for (name, definition) in &view.types {
        match definition {
            TypeDef::Object(object) => write_object(&mut out, name, object),
            TypeDef::Enum(enumeration) => {
                let values: Vec<String> =
                    enumeration.values.iter().map(|v| member_text(v)).collect();
                write_class(&mut out, name, Some("enumeration"), &values);
            }
        }
    }
    for (name, object) in objects(view) {
        if let Some(base) = &object.base {
            let _ = writeln!(out, "    {} <|-- {}", class_id(base), class_id(name));
        }
    }
    for ((owner, target), labels) in associations(view) {
        let _ = writeln!(
            out,
            "    {} --> {} : {}",
            class_id(owner),
            class_id(target),
            labels.join(", ")
        );
    }
    out
}

fn objects(view: &SchemaView) -> impl Iterator<Item = (&String, &ObjectDef)> {
    view.types
        .iter()
        .filter_map(|(name, definition)| match definition {
            TypeDef::Object(object) => Some((name, object)),
            TypeDef::Enum(_) => None,
        })
}

fn write_object(out: &mut String, name: &str, object: &ObjectDef) {
    let members: Vec<String> = object.properties.iter().map(property_line).collect();
    let annotation = object.is_abstract.then_some("abstract");
    write_class(out, name, annotation, &members);
}

fn write_class(out: &mut String, name: &str, annotation: Option<&str>, members: &[String]) {
    let id = class_id(name);
    let label = if id == name {
        String::new()
    } else {
        format!("[\"{}\"]", label_text(name))
    };
    if annotation.is_none() && members.is_empty() {
        let _ = writeln!(out, "    class {id}{label}");
        return;
    }
    let _ = writeln!(out, "    class {id}{label} {{");
    if let Some(annotation) = annotation {
        let _ = writeln!(out, "        <<{annotation}>>");
    }
    for member in members {
        let _ = writeln!(out, "        {member}");
    }
    out.push_str("    }\n");
}

fn property_line(property: &Property) -> String {
    let nullable = if property.nullable { "?" } else { "" };
    member_text(&format!(
        "{}: {}{nullable}",
        property.name,
        type_text(&property.ty)
    ))
}

/// A type as shown in a class box: `participantInfo[]`, `String`.
fn type_text(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Primitive(name) | TypeExpr::Named(name) => name.clone(),
        TypeExpr::Collection(item) => format!("{}[]", type_text(item)),
        TypeExpr::Union(members) => {
            let parts: Vec<String> = members.iter().map(type_text).collect();
            parts.join(" or ")
        }
        TypeExpr::InlineObject(_) => "object".to_string(),
        TypeExpr::Any => "any".to_string(),
        TypeExpr::Unknown(_) => "unknown".to_string(),
    }
}

/// (owner, target) -> property labels, for properties referencing object
/// types; `[]` marks a collection.
fn associations(view: &SchemaView) -> BTreeMap<(&str, &str), Vec<String>> {
    let mut edges: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for (owner, object) in objects(view) {
        for property in &object.properties {
            let suffix = if property.ty.is_collection() {
                "[]"
            } else {
                ""
            };
            let mut targets = property.ty.named_types();
            targets.sort_unstable();
            targets.dedup();
            for target in targets.into_iter().filter(|t| view.object(t).is_some()) {
                let label = edge_text(&format!("{}{suffix}", property.name));
                edges
                    .entry((owner.as_str(), target))
                    .or_default()
                    .push(label);
            }
        }
    }
    for labels in edges.values_mut() {
        labels.sort();
    }
    edges
}

/// Words Mermaid's class-diagram lexer takes as keywords where a class id
/// is expected (checked against Mermaid 11's parser).
const MERMAID_KEYWORDS: [&str; 17] = [
    "_blank",
    "_parent",
    "_self",
    "_top",
    "call",
    "callback",
    "class",
    "classDef",
    "classDiagram",
    "click",
    "cssClass",
    "href",
    "link",
    "namespace",
    "note",
    "o",
    "style",
];

/// A Mermaid class id: letters, digits, `_` and `-` only, and never a
/// keyword (`call` becomes `call_`, shown as `call` through its label).
fn class_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let is_keyword = MERMAID_KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(&id));
    if id.is_empty() || is_keyword {
        format!("{id}_")
    } else {
        id
    }
}

/// A class label inside `["..."]`.
fn label_text(name: &str) -> String {
    name.replace('"', "'")
}

/// A member line: no braces, generics markers or leading visibility signs
/// that Mermaid would interpret.
fn member_text(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '{' | '}' | '~' | '"' | '\n' | '\r' => '_',
            other => other,
        })
        .collect();
    match cleaned.chars().next() {
        Some('+' | '-' | '#' | '$' | '*') => format!("_{cleaned}"),
        _ => cleaned,
    }
}

/// An edge label: kept to characters Mermaid accepts after `:`.
fn edge_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || "_-.@[]".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn odd_names_become_safe_ids_with_labels() {
        assert_eq!(class_id("a.b c"), "a_b_c");
        let doc = json!({"components": {"schemas": {
            "microsoft.graph.we\"ird name": {"type": "object", "properties": {"-x": {"type": "string"}}}
        }}});
        let diagram = mermaid(&doc);
        assert!(
            diagram.contains("class we_ird_name[\"we'ird name\"] {"),
            "{diagram}"
        );
        assert!(diagram.contains("        _-x: String\n"), "{diagram}");
    }

    #[test]
    fn keywords_get_a_safe_id_and_their_name_as_label() {
        assert_eq!(class_id("call"), "call_");
        assert_eq!(class_id("callState"), "callState");
        let doc = json!({"components": {"schemas": {
            "microsoft.graph.call": {"type": "object", "properties": {
                "source": {"$ref": "#/components/schemas/microsoft.graph.note"}}},
            "microsoft.graph.note": {"type": "object"}
        }}});
        let diagram = mermaid(&doc);
        assert!(
            diagram.contains("    class call_[\"call\"] {\n"),
            "{diagram}"
        );
        assert!(
            diagram.contains("    call_ --> note_ : source\n"),
            "{diagram}"
        );
    }

    #[test]
    fn anything_that_is_not_a_document_gives_a_diagram_saying_so() {
        let diagram = mermaid(&json!("nothing"));
        assert_eq!(
            diagram,
            "classDiagram\n    note \"The schema has no component types\"\n"
        );
    }
}
