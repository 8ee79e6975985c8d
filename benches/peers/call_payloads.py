#!/usr/bin/env python3
"""Writes every documented example of a `microsoft.graph.call` (request
bodies and responses of the committed schema's operations) as a JSON list
of [name, payload] pairs, for the decode comparison of typify.sh.

Usage: call_payloads.py SCHEMA.json OUT.json
"""

import json
import sys

CALL = "#/components/schemas/microsoft.graph.call"


def examples(node, found):
    if isinstance(node, dict):
        schema = node.get("schema")
        if isinstance(schema, dict) and schema.get("$ref") == CALL:
            for name, example in node.get("examples", {}).items():
                found.append([name, example.get("value")])
        for value in node.values():
            examples(value, found)
    elif isinstance(node, list):
        for value in node:
            examples(value, found)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        document = json.load(f)
    found = []
    examples(document["paths"], found)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(found, f)
    print(f"{len(found)} documented call payloads -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
