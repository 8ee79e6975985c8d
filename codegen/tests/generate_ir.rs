//! The IR of every fixture schema, as a readable outline: names chosen,
//! inheritance flattened, families, boxing, operations. One snapshot per
//! fixture in `fixtures/schemas/`.

use callgen::ir::{self, Ir, OperationResult, TypeKind, TypeRef};
use std::fmt::Write;

fn type_text(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(id) => ir.get(*id).rust_name.clone(),
        TypeRef::Array(item) => format!("[{}]", type_text(ir, item)),
        TypeRef::Nullable(item) => format!("{}?", type_text(ir, item)),
        TypeRef::Any => "any".to_owned(),
    }
}

fn outline(ir: &Ir) -> String {
    let mut out = String::new();
    for def in &ir.types {
        let group = format!("{:?}", def.group).to_lowercase();
        let _ = write!(
            out,
            "{} {}::{}::{}",
            def.schema_name, group, def.module, def.rust_name
        );
        match &def.kind {
            TypeKind::Struct(st) => {
                let _ = writeln!(out, " struct odata_type={:?}", st.odata_type);
                for f in &st.fields {
                    let flags = [
                        (f.boxed, "boxed"),
                        (f.nullable, "nullable"),
                        (f.read_only, "read-only"),
                        (f.inherited_from.is_some(), "inherited"),
                    ];
                    let flags: Vec<&str> = flags
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, n)| *n)
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {:?} -> {}: {} {}",
                        f.wire_name,
                        f.rust_name,
                        type_text(ir, &f.ty),
                        flags.join(" ")
                    );
                }
            }
            TypeKind::Enum(en) => {
                let members: Vec<String> = en
                    .members
                    .iter()
                    .map(|m| format!("{:?}={}", m.wire_name, m.rust_name))
                    .collect();
                let _ = writeln!(out, " enum [{}] + {}", members.join(", "), en.catch_all);
            }
            TypeKind::Family(family) => {
                let members: Vec<String> = family
                    .members
                    .iter()
                    .map(|m| {
                        format!(
                            "{}={}{}",
                            m.type_name,
                            m.rust_name,
                            if m.boxed { " boxed" } else { "" }
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    " family [{}] + {}",
                    members.join(", "),
                    family.unrecognized
                );
            }
            TypeKind::Union(union) => {
                let alternatives: Vec<String> = union
                    .alternatives
                    .iter()
                    .map(|a| {
                        let ty = ir.get(a.ty).rust_name.clone();
                        let ty = if a.collection { format!("[{ty}]") } else { ty };
                        format!("{ty}={}", a.rust_name)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    " union [{}] + {}",
                    alternatives.join(", "),
                    union.unrecognized
                );
            }
        }
    }
    for op in &ir.operations {
        let _ = writeln!(
            out,
            "operation {} {} {} fn {} type operations::{}::{} pieces {:?} result {}",
            op.operation_id,
            op.method,
            op.path,
            op.rust_name,
            op.module,
            op.type_name,
            op.path_pieces,
            match ir.success(op).result {
                OperationResult::Nothing => "nothing".to_owned(),
                OperationResult::Value(ty) => type_text(ir, &ty),
                OperationResult::Collection(item) =>
                    format!("collection of {}", type_text(ir, &item)),
            }
        );
        for p in &op.parameters {
            let _ = writeln!(
                out,
                "  param {:?} {:?} -> {}: {}",
                p.location,
                p.wire_name,
                p.rust_name,
                type_text(ir, &p.ty)
            );
        }
        let body = |b: &Option<callgen::ir::Body>| match b {
            Some(b) => format!(
                "{} ({} examples)",
                b.ty.as_ref().map(|t| type_text(ir, t)).unwrap_or_default(),
                b.examples.len()
            ),
            None => "-".to_owned(),
        };
        let _ = writeln!(out, "  request {}", body(&op.request_body));
        for r in &op.responses {
            let _ = writeln!(out, "  response {} {}", r.status, body(&r.body));
        }
        for c in &op.callbacks {
            let _ = writeln!(out, "  callback {} {} {}", c.name, c.method, body(&c.body));
        }
    }
    out
}

#[test]
fn ir_outline_of_every_fixture_schema() {
    insta::glob!("fixtures/schemas/*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ir = ir::from_openapi(&document).unwrap();
        insta::assert_snapshot!(outline(&ir));
    });
}

/// The IR reads the schema contract strictly: an extension value of the
/// wrong JSON type is a problem at its JSON pointer, reported with the
/// others, never a silent default.
#[test]
fn malformed_extensions_are_problems_at_their_pointer() {
    let document = serde_json::json!({
        "openapi": "3.1.0",
        "paths": {"/calls/{id}": {"get": {
            "operationId": "call.get",
            "responses": {"200": {"description": "OK"}},
            "x-callgen-deprecated-paths": "/app/calls/{id}"
        }}},
        "components": {"schemas": {"microsoft.graph.call": {
            "type": "object",
            "properties": {"id": {"type": "string"}},
            "x-callgen-abstract": "yes",
            "x-callgen-examples": [{"value": {}, "x-callgen-source": {"page": "call.md", "line": -1}}]
        }}}
    });
    let error = ir::from_openapi(&document).unwrap_err();
    let found: Vec<String> = error.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        found,
        [
            "schema /components/schemas/microsoft.graph.call/x-callgen-abstract: `x-callgen-abstract` must be a boolean",
            "schema /components/schemas/microsoft.graph.call/x-callgen-examples/0/x-callgen-source/line: `line` must be a non-negative integer",
            "schema /paths/~1calls~1{id}/get/x-callgen-deprecated-paths: `x-callgen-deprecated-paths` must be an array of strings",
        ]
    );
}
