#!/usr/bin/env python3
"""Merges the team's hand-written injection and benign texts and splits them, once and for good, into
train.jsonl (75 %) and heldout.jsonl (25 %) by the SHA-256 of each text, so a text never moves between the
two and adding texts does not reshuffle the others. Usage: python3 split.py attacks.jsonl benign.jsonl"""
import hashlib
import json
import sys

rows = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        rows += [json.loads(line) for line in f if line.strip()]
seen = set()
train, heldout = [], []
for r in rows:
    if r["text"] in seen:
        continue
    seen.add(r["text"])
    digest = hashlib.sha256(r["text"].encode("utf-8")).digest()
    (heldout if digest[0] < 64 else train).append({"text": r["text"], "label": r["label"], "lang": r["lang"], "kind": r["kind"]})
for name, part in (("train.jsonl", train), ("heldout.jsonl", heldout)):
    with open(name, "w", encoding="utf-8", newline="\n") as f:
        for r in part:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(name, len(part), sum(r["label"] == "injection" for r in part), "injections", file=sys.stderr)
