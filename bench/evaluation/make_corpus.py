#!/usr/bin/env python3
"""Deterministic generator of English-like sentence pairs (reference + noisy hypothesis).

Usage:  python3 make_corpus.py N SEED OUT.jsonl [WORDS]
Writes N lines {"prediction": ..., "reference": ...}; sentences have about WORDS (default 25)
words with punctuation attached to words, quotes, parentheses, hyphenated compounds,
apostrophes/possessives and numbers such as "3,000.50", "1.5", "12%", "$7.25", "2019".
The hypothesis is the reference with random word edits (substitution, deletion, insertion,
adjacent swaps / chunk moves, dropped or changed punctuation, case changes, number reformatting).

The output depends only on (N, SEED, WORDS) and Python's `random.Random` (Mersenne Twister),
which is stable across CPython 3.x versions. `make_pairs()` is also imported by
../generate_reference.py for its "realistic" corpora.
"""
import json
import random
import sys

FUNC = ("the the the a a an of of to to in in and and for on with by at from that is was it "
        "as be are has have will not this its their which after over more than about into "
        "but or if they we he she you our new also").split()
NOUNS = ("government company market report year week people city council school water energy "
         "price plan policy system court police team game season player study data research "
         "model network bank rate tax budget election vote party leader minister president "
         "director family child children student teacher hospital patient doctor health "
         "country region border trade deal agreement project program service customer product "
         "industry factory worker job union strike island river bridge road train station "
         "airport flight weather storm temperature village farmer crop museum painting "
         "festival concert music film book author library website software computer phone "
         "camera battery engine car bicycle document letter meeting committee decision "
         "question answer problem solution result evidence witness judge lawyer prison "
         "army soldier officer border league cup final goal match coach fan stadium").split()
VERBS = ("said says announced reported expected wanted needed found showed made took gave "
         "told asked called helped started stopped opened closed raised cut increased "
         "reduced approved rejected signed launched won lost played visited built moved "
         "bought sold paid spent received sent wrote read met joined left returned warned "
         "agreed denied confirmed suggested improved changed followed described released "
         "published criticised supported blocked delayed completed expanded").split()
ADJS = ("new old big small large local national international public private early late "
        "major minor recent current former final main key strong weak high low long short "
        "young senior annual daily open free full empty quick slow important possible "
        "economic political financial social digital green red blue british european "
        "chinese russian indian african").split()
ADVS = "quickly slowly recently already still only almost nearly really finally again also".split()
NAMES = ("Smith O'Neil McDonald Zhang Müller García Dubois Kowalski Nguyen Johnson Rossi "
         "Andersson Okafor Tanaka Petrov Haddad Silva D'Angelo Brown Lee").split()
PLACES = ("London Paris Berlin Tokyo New-York São-Paulo Zürich Kraków Lagos Mumbai Sydney "
          "Toronto Madrid Oslo Cairo Seoul").split()
COMPOUNDS = ("state-of-the-art long-term well-known five-year-old so-called high-speed "
             "low-cost e-mail co-operation follow-up year-on-year").split()
CONTRACTIONS = "don't doesn't it's won't can't isn't wasn't they're we've I'm".split()
SYLL = "ka lo mi ra ten su vo pel dar in ex tra mon gu li bor sen ta".split()


def _number(rng):
    k = rng.randrange(9)
    if k == 0:
        return "{:,}.{:02d}".format(rng.randrange(1000, 99999), rng.randrange(100))  # 3,000.50
    if k == 1:
        return "{}.{}".format(rng.randrange(0, 20), rng.randrange(1, 10))  # 1.5
    if k == 2:
        return "{}%".format(rng.randrange(1, 100))
    if k == 3:
        return "${}.{:02d}".format(rng.randrange(1, 500), rng.randrange(100))
    if k == 4:
        return str(rng.randrange(1990, 2031))
    if k == 5:
        return "{:,}".format(rng.randrange(1000, 10_000_000))
    return str(rng.randrange(2, 100))


def _word(rng):
    r = rng.random()
    if r < 0.30:
        return rng.choice(FUNC)
    if r < 0.55:
        return rng.choice(NOUNS)
    if r < 0.67:
        return rng.choice(VERBS)
    if r < 0.77:
        return rng.choice(ADJS)
    if r < 0.80:
        return rng.choice(ADVS)
    if r < 0.84:
        return rng.choice(NAMES) + ("'s" if rng.random() < 0.3 else "")
    if r < 0.87:
        return rng.choice(PLACES)
    if r < 0.89:
        return rng.choice(COMPOUNDS)
    if r < 0.91:
        return rng.choice(CONTRACTIONS)
    if r < 0.93:  # rare synthetic word
        return "".join(rng.choice(SYLL) for _ in range(rng.randrange(2, 4)))
    if r < 0.95:
        return rng.choice(NOUNS) + "s"
    return _number(rng)


def _make_tokens(rng, n_words):
    """List of [word, trailing_punct, leading_punct] items."""
    n = max(3, int(rng.gauss(n_words, n_words * 0.2)))
    toks = [[_word(rng), "", ""] for _ in range(n)]
    toks[0][0] = toks[0][0][:1].upper() + toks[0][0][1:]
    for t in toks[1:-1]:
        if rng.random() < 0.08:
            t[1] = rng.choice([",", ",", ",", ";", ":"])
    if rng.random() < 0.25 and n > 6:  # quoted span
        i = rng.randrange(1, n - 3)
        j = min(n - 2, i + rng.randrange(1, 4))
        toks[i][2] = '"'
        toks[j][1] = '"' + toks[j][1]
    elif rng.random() < 0.15 and n > 6:  # parenthesis
        i = rng.randrange(1, n - 3)
        j = min(n - 2, i + rng.randrange(0, 3))
        toks[i][2] = "("
        toks[j][1] = ")" + toks[j][1]
    toks[-1][1] += rng.choice([".", ".", ".", ".", "?", "!", "..."])
    return toks


def _render(toks):
    return " ".join(lead + w + trail for w, trail, lead in toks)


def _edit(rng, toks, rate):
    out = []
    for w, trail, lead in toks:
        r = rng.random()
        if r < rate * 0.45:  # substitution
            w2 = _word(rng)
            if w[:1].isupper():
                w2 = w2[:1].upper() + w2[1:]
            out.append([w2, trail, lead])
        elif r < rate * 0.70:  # deletion (keep punctuation sometimes)
            if trail and out and rng.random() < 0.5:
                out[-1][1] += trail
        elif r < rate * 0.95:  # insertion after the word
            out.append([w, "", lead])
            out.append([_word(rng), trail, ""])
        else:
            if any(c.isdigit() for c in w) and rng.random() < 0.5:
                w = w.replace(",", "") if "," in w else (w + ".0" if w.isdigit() else w)
            elif rng.random() < 0.1:
                w = w.lower() if w[:1].isupper() else w.capitalize()
            out.append([w, trail, lead])
    if not out:
        out = [[_word(rng), ".", ""]]
    if rng.random() < 0.3 and len(out) > 3:  # swap adjacent words
        i = rng.randrange(len(out) - 1)
        out[i][0], out[i + 1][0] = out[i + 1][0], out[i][0]
    if rng.random() < 0.1 and len(out) > 8:  # move a chunk
        i = rng.randrange(len(out) - 4)
        k = rng.randrange(2, 4)
        chunk = out[i:i + k]
        del out[i:i + k]
        j = rng.randrange(len(out))
        out[j:j] = chunk
    r = rng.random()
    if r < 0.1:
        out[-1][1] = out[-1][1].rstrip(".?!")
    elif r < 0.15:
        out[-1][1] = out[-1][1].rstrip(".?!") + "!"
    return out


def make_pairs(n, seed, words=25, n_refs=1, rate=0.25):
    """Return a list of (hypothesis, [references...]) tuples.

    references[0] is the original sentence; extra references (n_refs > 1) are lighter
    edits of it. The hypothesis is an edit of the original with the given rate.
    """
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        toks = _make_tokens(rng, words)
        refs = [_render(toks)]
        for _k in range(n_refs - 1):
            refs.append(_render(_edit(rng, [list(t) for t in toks], rate * 0.5)))
        r = rng.random()
        eff_rate = rate * (0.2 if r < 0.15 else (2.0 if r > 0.9 else 1.0))
        hyp = _render(_edit(rng, [list(t) for t in toks], eff_rate))
        pairs.append((hyp, refs))
    return pairs


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    n, seed, out = int(argv[1]), int(argv[2]), argv[3]
    words = int(argv[4]) if len(argv) > 4 else 25
    with open(out, "w", encoding="utf-8") as f:
        for hyp, refs in make_pairs(n, seed, words=words):
            f.write(json.dumps({"prediction": hyp, "reference": refs[0]}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
