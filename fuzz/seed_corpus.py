#!/usr/bin/env python3
"""Builds the fuzz seed corpora from the docs corpora (never committed).

Writes fuzz/corpus/<target>/ (gitignored):
  page/          every page of the small corpora and the seed page, prefixed
                 with the selector byte the `page` target reads (0 single
                 file, 1 resource page, 2 method page)
  lenient_json/  every ```json block of those pages
  http_block/    every ```http block of those pages
  comms_notifications/, call/
                 every example value of the committed schema, one per file
                 (both targets start from all of them)

Usage: python3 fuzz/seed_corpus.py [DOCS_DIR]
(default: env GRAPH_DOCS_DIR, else ../shared/graph-docs relative to the
workspace root).
"""

import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOCS = (sys.argv[1] if len(sys.argv) > 1 else None) or os.environ.get("GRAPH_DOCS_DIR") \
    or os.path.join(ROOT, "..", "shared", "graph-docs")
CORPORA = ["en-2021-07", "en-2019-09", "zh-CN-2019-09"]
SEED_PAGE = os.path.join(DOCS, "..", "seed", "create-call.zh-CN.sxs.md")
FENCE = re.compile(r"^[ \t]*```[ \t]*(\w[\w-]*)?[^\n]*\n(.*?)^[ \t]*```", re.M | re.S)


def put(target, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def pages():
    for corpus in CORPORA:
        for folder, _, files in os.walk(os.path.join(DOCS, corpus)):
            for name in sorted(files):
                if name.endswith(".md"):
                    yield os.path.join(folder, name)
    if os.path.isfile(SEED_PAGE):
        yield SEED_PAGE


def selector(path):
    parts = path.replace(os.sep, "/").split("/")
    if "resources" in parts:
        return b"\x01"
    if "api" in parts:
        return b"\x02"
    return b"\x00"


def payload_examples(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-callgen-examples" and isinstance(value, list):
                for example in value:
                    if isinstance(example, dict) and "value" in example:
                        yield example["value"]
            elif key == "examples" and isinstance(value, dict):
                for example in value.values():
                    if isinstance(example, dict) and "value" in example:
                        yield example["value"]
            else:
                yield from payload_examples(value)
    elif isinstance(node, list):
        for item in node:
            yield from payload_examples(item)


def main():
    counts = {}
    for path in pages():
        with open(path, "rb") as f:
            raw = f.read()
        put("page", selector(path) + raw)
        counts["page"] = counts.get("page", 0) + 1
        text = raw.decode("utf-8", errors="replace")
        for match in FENCE.finditer(text):
            lang = (match.group(1) or "").lower()
            target = {"json": "lenient_json", "http": "http_block"}.get(lang)
            if target:
                put(target, match.group(2).encode("utf-8"))
                counts[target] = counts.get(target, 0) + 1
    schema = os.path.join(ROOT, "schema", "graph-calls.beta.json")
    with open(schema, encoding="utf-8") as f:
        document = json.load(f)
    for value in payload_examples(document):
        for target in ("comms_notifications", "call"):
            put(target, json.dumps(value).encode("utf-8"))
            counts[target] = counts.get(target, 0) + 1
    for target, count in sorted(counts.items()):
        print(f"{target}: {count} seeds")


main()
