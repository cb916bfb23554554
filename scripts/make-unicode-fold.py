#!/usr/bin/env python3
"""Writes src/Cairn.Guardrails/Injection/unicode-fold.txt: for every code point whose compatibility
decomposition (NFKD) with combining marks removed differs from itself, that folded form.

The injection detector folds text with this table (the runtime runs with invariant globalization,
where .NET's string.Normalize does nothing beyond ASCII). Hangul syllables are left out (their
decomposition is algorithmic and irrelevant to the detector). Regenerate with:
    python3 scripts/make-unicode-fold.py
"""
import os
import sys
import unicodedata

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "Cairn.Guardrails", "Injection", "unicode-fold.txt")


def fold(ch):
    d = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in d if not unicodedata.combining(c))


def main():
    rows = []
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
            continue
        ch = chr(cp)
        f = fold(ch)
        if f != ch:
            rows.append("%X\t%s" % (cp, " ".join("%X" % ord(c) for c in f)))
    with open(OUT, "w", encoding="ascii", newline="\n") as fh:
        fh.write("# NFKD minus combining marks, Unicode %s (Python unicodedata); scripts/make-unicode-fold.py\n" % unicodedata.unidata_version)
        fh.write("\n".join(rows))
        fh.write("\n")
    print("%d rows, Unicode %s" % (len(rows), unicodedata.unidata_version), file=sys.stderr)


if __name__ == "__main__":
    main()
