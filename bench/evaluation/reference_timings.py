#!/usr/bin/env python3
"""Time the reference implementations on a corpus made by make_corpus.py and print JSON.

Usage:  . /work/refs/env.sh && /usr/bin/python3 reference_timings.py CORPUS.jsonl [--repeats 3] [--slow 20]

Each measurement is the best of --repeats runs (time.perf_counter), or a single run when the
first run took longer than --slow seconds. A fresh metric object is built inside every timed
run, so sacreBLEU's per-tokenizer-instance lru_cache cannot serve later runs from the first.

Timed:  sacreBLEU corpus BLEU (13a), chrF (char_order 6, word_order 0), TER (defaults);
        rouge-score rouge1/rouge2/rougeL/rougeLsum per pair (score(reference, prediction)),
        without and with the Porter stemmer;
        jiwer process_words(references, predictions) (WER) and process_characters (CER).
Also printed: the metric values, so another implementation can be compared on the same corpus.
"""
import argparse
import hashlib
import json
import logging
import os
import platform
import sys
import time

import numpy as np
import nltk
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from rouge_score import rouge_scorer
import jiwer
import rapidfuzz

logging.getLogger("sacrebleu").setLevel(logging.ERROR)
TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def timed(fn, repeats, slow):
    best, result, runs = None, None, []
    for i in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        runs.append(dt)
        best = dt if best is None else min(best, dt)
        if i == 0 and dt > slow:
            break
    return best, result, runs


def jiwer_version():
    pp = os.path.join(os.path.dirname(jiwer.__file__), "..", "..", "pyproject.toml")
    try:
        for line in open(pp, encoding="utf-8"):
            if line.startswith("version"):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return getattr(jiwer, "__version__", "unknown")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--slow", type=float, default=20.0, help="single run if the first run exceeds this (s)")
    a = ap.parse_args()

    raw = open(a.corpus, "rb").read()
    rows = [json.loads(l) for l in raw.decode("utf-8").splitlines() if l.strip()]
    hyps = [r["prediction"] for r in rows]
    refs = [r["reference"] for r in rows]

    out = {"corpus": os.path.basename(a.corpus), "corpus_md5": hashlib.md5(raw).hexdigest(), "n_pairs": len(rows)}
    runs = {}
    values = {}

    t, r, runs["sacrebleu_bleu_s"] = timed(lambda: BLEU(tokenize="13a").corpus_score(hyps, [refs]), a.repeats, a.slow)
    out["sacrebleu_bleu_s"] = t
    values["bleu"] = r.score
    values["bleu_detail"] = {"counts": r.counts, "totals": r.totals, "bp": r.bp, "sys_len": r.sys_len,
                             "ref_len": r.ref_len}

    t, r, runs["sacrebleu_chrf_s"] = timed(lambda: CHRF().corpus_score(hyps, [refs]), a.repeats, a.slow)
    out["sacrebleu_chrf_s"] = t
    values["chrf"] = r.score

    t, r, runs["sacrebleu_ter_s"] = timed(lambda: TER().corpus_score(hyps, [refs]), a.repeats, a.slow)
    out["sacrebleu_ter_s"] = t
    values["ter"] = r.score
    values["ter_detail"] = {"num_edits": r.num_edits, "ref_length": r.ref_length}

    def rouge(stem):
        sc = rouge_scorer.RougeScorer(TYPES, use_stemmer=stem)
        return [sc.score(ref, hyp) for hyp, ref in zip(hyps, refs)]

    for stem, key in [(False, "rouge_s"), (True, "rouge_stem_s")]:
        t, r, runs[key] = timed(lambda: rouge(stem), a.repeats, a.slow)
        out[key] = t
        values["rouge_stem_mean_f" if stem else "rouge_mean_f"] = {
            k: float(np.mean([s[k].fmeasure for s in r])) for k in TYPES}

    t, r, runs["jiwer_wer_s"] = timed(lambda: jiwer.process_words(refs, hyps), a.repeats, a.slow)
    out["jiwer_wer_s"] = t
    values["wer"] = r.wer
    values["wer_detail"] = {"hits": r.hits, "substitutions": r.substitutions, "deletions": r.deletions,
                            "insertions": r.insertions, "mer": r.mer, "wil": r.wil, "wip": r.wip}

    t, r, runs["jiwer_cer_s"] = timed(lambda: jiwer.process_characters(refs, hyps), a.repeats, a.slow)
    out["jiwer_cer_s"] = t
    values["cer"] = r.cer
    values["cer_detail"] = {"hits": r.hits, "substitutions": r.substitutions, "deletions": r.deletions,
                            "insertions": r.insertions}

    out["runs_s"] = runs
    out["values"] = values
    out["versions"] = {"python": platform.python_version(), "numpy": np.__version__, "sacrebleu": sacrebleu.__version__,
                       "rouge_score": "0.1.2", "nltk": nltk.__version__, "jiwer": jiwer_version(),
                       "rapidfuzz": rapidfuzz.__version__,
                       "rapidfuzz_implementation": os.environ.get("RAPIDFUZZ_IMPLEMENTATION", "default")}
    out["machine"] = {"cpu_count": os.cpu_count(), "platform": platform.platform()}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    sys.exit(main())
