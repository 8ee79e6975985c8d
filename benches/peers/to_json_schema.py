#!/usr/bin/env python3
"""Converts the component schemas of a callgen OpenAPI 3.1 document
(schema/graph-calls.beta.json) to one JSON Schema (2020-12) document with
the components as `$defs`, for JSON Schema code generators such as typify.

- `#/components/schemas/microsoft.graph.call` becomes `#/$defs/call`
  (the `microsoft.graph.` namespace is dropped; any other dot becomes `_`).
- OpenAPI-only keywords are dropped: `discriminator`, `readOnly`, and the
  `x-callgen-*` extensions (typify would ignore them or reject them).
- Everything else (types, `anyOf` with `null`, `allOf` inheritance, enums,
  descriptions, formats) is kept as written: OpenAPI 3.1 schemas are JSON
  Schema 2020-12.

Usage: to_json_schema.py SCHEMA.json OUT.json
"""

import json
import sys

PREFIX = "#/components/schemas/"
DROPPED = {"discriminator", "readOnly", "example", "examples"}


def def_name(component):
    name = component.removeprefix("microsoft.graph.")
    return name.replace(".", "_").replace("#", "_")


def convert(node):
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in DROPPED or key.startswith("x-"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(PREFIX):
            out[key] = "#/$defs/" + def_name(value[len(PREFIX):])
        elif key == "properties":
            out[key] = {name: convert(schema) for name, schema in value.items()}
        else:
            out[key] = convert(value)
    return out


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        document = json.load(f)
    schemas = document["components"]["schemas"]
    defs = {def_name(name): convert(schema) for name, schema in schemas.items()}
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "graph-calls components",
        "$defs": defs,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(defs)} component schemas -> {target}")


if __name__ == "__main__":
    main()
