"""Helpers shared by the two oracle generators, generate_reference.py and generate_extra.py.

Each generator builds its own list of cases and ids; this module holds what they have in common: the case
list and add(), number conversion, the input layouts, the runners that call the reference implementations
(sacreBLEU BLEU / chrF / TER, rouge-score, jiwer, the SQuAD v1.1 logic) and turn their answers into cases,
the version look-up and the writer of the JSON document.

Every case is {"id", "metric", "options", "inputs", "expected", "reference"}; "reference" says which call
produced "expected". Where the two generators describe the same call in different words, the runner takes
the wording as a keyword argument (its default is generate_extra.py's), because the committed JSON files fix
those strings.

jiwer is imported when this module loads. A generator that needs a jiwer other than the one on PYTHONPATH
(generate_extra.py runs 4.0.0) must change sys.path before it imports this module.
"""
import json
import logging
import math
import os
import platform
import sys
import warnings

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER
from rouge_score import rouge_scorer, scoring
import jiwer
import squad_v1_compute_score as squad

warnings.filterwarnings("ignore")
logging.getLogger("sacrebleu").setLevel(logging.ERROR)

CASES = []
_IDS = set()


def add(cid, metric, options, inputs, expected, reference):
    """Append one case; ids must be unique within a generator run."""
    assert cid not in _IDS, cid
    _IDS.add(cid)
    CASES.append({"id": cid, "metric": metric, "options": options, "inputs": inputs,
                  "expected": expected, "reference": reference})


def F(x):
    """Plain Python float (numpy scalar -> float)."""
    x = float(x)
    assert math.isfinite(x), x
    return x


def N(x):
    """int if integral (counts), else float."""
    x = float(x)
    assert math.isfinite(x), x
    return int(x) if x.is_integer() else x


def L(a):
    """Nested Python lists from anything numpy can make an array of."""
    return np.asarray(a).tolist()


def text_inputs(preds, refs):
    return {"predictions": list(preds), "references": [list(r) for r in refs]}


def clf_inputs(y, p, scores=None):
    d = {"labels": L(y), "predictions": L(p)}
    if scores is not None:
        d["scores"] = L(scores)
    return d


def calib_numpy(y, p, n_bins, strategy):
    """sklearn's calibration binning redone with numpy, to get the per-bin counts and the ECE.

    uniform: edges linspace(0, 1, n_bins + 1); quantile: np.percentile(scores, linspace(0, 100, n_bins + 1));
    bin = searchsorted(edges[1:-1], p, side='left'); empty bins are dropped;
    ece = sum(counts / N * |prob_true - prob_pred|). Returns prob_true, prob_pred, counts, ece.
    """
    y = np.asarray(y) == 1
    p = np.asarray(p, dtype=float)
    if strategy == "quantile":
        bins = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        bins = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(bins[1:-1], p)
    sums = np.bincount(ids, weights=p, minlength=len(bins))
    trues = np.bincount(ids, weights=y, minlength=len(bins))
    tot = np.bincount(ids, minlength=len(bins))
    nz = tot != 0
    pt, pp, cnt = trues[nz] / tot[nz], sums[nz] / tot[nz], tot[nz]
    ece = float(np.sum(cnt / len(p) * np.abs(pt - pp)))
    return pt, pp, cnt, ece


# =====================================================================================
# sacreBLEU
# =====================================================================================

def streams(refs):
    """Per-item reference lists -> sacreBLEU reference streams (stream k holds every item's k-th reference).

    Items may have different numbers of references: the missing entries are None, which sacreBLEU skips
    (its signature then says nrefs:var).
    """
    n = max(len(r) for r in refs)
    assert all(len(r) >= 1 for r in refs)
    return [[r[k] if k < len(r) else None for r in refs] for k in range(n)]


BLEU_CORPUS_REFERENCE = (
    "sacrebleu.metrics.BLEU(...).corpus_score(predictions, reference_streams); segments with fewer "
    "references get None in the missing streams (-> nrefs:var); with add-k, counts/totals of orders > 1 "
    "include +smooth_value as sacreBLEU reports them")
CHRF_REFERENCE = "sacrebleu.metrics.CHRF(...).corpus_score (reference streams, None-padded) / .sentence_score"
TER_REFERENCE = "sacrebleu.metrics.TER(...).corpus_score (reference streams, None-padded) / .sentence_score"


def run_bleu(cid, preds, refs, level="corpus", tokenize="13a", smooth_method="exp", smooth_value=None,
             lowercase=False, effective_order=False, max_ngram_order=4, corpus_reference=BLEU_CORPUS_REFERENCE):
    """One "bleu" case: corpus statistics (level="corpus") or one sentence_score per item."""
    opts = {"level": level, "tokenize": tokenize, "smooth_method": smooth_method, "smooth_value": smooth_value,
            "lowercase": lowercase, "effective_order": effective_order, "max_ngram_order": max_ngram_order}
    bleu = BLEU(lowercase=lowercase, tokenize=tokenize, smooth_method=smooth_method, smooth_value=smooth_value,
                effective_order=effective_order, max_ngram_order=max_ngram_order)
    if level == "corpus":
        r = bleu.corpus_score(list(preds), streams(refs))
        # with add-k smoothing, sacreBLEU adds smooth_value to counts/totals, so they need not be integers
        exp = {"score": F(r.score), "counts": [N(c) for c in r.counts], "totals": [N(t) for t in r.totals],
               "precisions": [F(p) for p in r.precisions], "bp": F(r.bp), "sys_len": int(r.sys_len),
               "ref_len": int(r.ref_len), "signature": bleu.get_signature().format()}
        ref = corpus_reference
    else:
        exp = {"scores": [F(bleu.sentence_score(h, list(rs)).score) for h, rs in zip(preds, refs)]}
        ref = "sacrebleu.metrics.BLEU(...).sentence_score(prediction_i, references_i) per item"
    add(cid, "bleu", opts, text_inputs(preds, refs), exp, ref)


def run_chrf(cid, preds, refs, char_order=6, word_order=0, beta=2, lowercase=False, whitespace=False,
             eps_smoothing=False, reference=CHRF_REFERENCE):
    """One "chrf" case: corpus score and signature, plus sentence_score per item."""
    opts = {"char_order": char_order, "word_order": word_order, "beta": beta, "lowercase": lowercase,
            "whitespace": whitespace, "eps_smoothing": eps_smoothing}
    m = CHRF(char_order=char_order, word_order=word_order, beta=beta, lowercase=lowercase,
             whitespace=whitespace, eps_smoothing=eps_smoothing)
    r = m.corpus_score(list(preds), streams(refs))
    # take the signature now: every sentence_score call below resets the metric's reference count (nrefs)
    sig = m.get_signature().format()
    sent = [F(m.sentence_score(h, list(rs)).score) for h, rs in zip(preds, refs)]
    add(cid, "chrf", opts, text_inputs(preds, refs), {"score": F(r.score), "sentence_scores": sent, "signature": sig},
        reference)


def run_ter(cid, preds, refs, normalized=False, no_punct=False, asian_support=False, case_sensitive=False,
            reference=TER_REFERENCE):
    """One "ter" case: corpus score, edits and reference length, signature, plus sentence_score per item."""
    opts = {"normalized": normalized, "no_punct": no_punct, "asian_support": asian_support,
            "case_sensitive": case_sensitive}
    m = TER(normalized=normalized, no_punct=no_punct, asian_support=asian_support, case_sensitive=case_sensitive)
    r = m.corpus_score(list(preds), streams(refs))
    sig = m.get_signature().format()  # before sentence_score, as in run_chrf
    exp = {"score": F(r.score), "num_edits": F(r.num_edits), "ref_length": F(r.ref_length)}
    # per-segment statistics (same as sentence_score per item); cheap, so always included
    exp["sentence_scores"] = [F(m.sentence_score(h, list(rs)).score) for h, rs in zip(preds, refs)]
    exp["signature"] = sig
    add(cid, "ter", opts, text_inputs(preds, refs), exp, reference)


# =====================================================================================
# ROUGE
# =====================================================================================

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def score_dict(s):
    """rouge-score's {type: Score} -> plain dicts of floats."""
    return {k: {"precision": F(v.precision), "recall": F(v.recall), "fmeasure": F(v.fmeasure)} for k, v in s.items()}


def run_rouge(cid, preds, refs, use_stemmer, rouge_types=ROUGE_TYPES, boot=None,
              bootstrap_call="BootstrapAggregator(confidence_interval, n_samples)"):
    """One "rouge" case: per-item scores, and with boot=(seed, n_samples, confidence_interval) the bootstrap
    aggregate as well. bootstrap_call is how the case's "reference" text names the aggregator."""
    rouge_types = list(rouge_types)
    scorer = rouge_scorer.RougeScorer(rouge_types, use_stemmer=use_stemmer)
    per, raw = [], []
    for h, rs in zip(preds, refs):
        s = scorer.score(rs[0], h) if len(rs) == 1 else scorer.score_multi(list(rs), h)
        raw.append(s)
        per.append(score_dict(s))
    opts = {"rouge_types": rouge_types, "use_stemmer": use_stemmer}
    ref = ("rouge_score.rouge_scorer.RougeScorer(rouge_types, use_stemmer).score(references_i[0], prediction_i) "
           "(score_multi(references_i, prediction_i) when >1 reference)")
    exp = {"per_item": per}
    if boot is not None:
        seed, ns, ci = boot
        opts.update({"aggregate": "bootstrap", "n_samples": ns, "confidence_interval": ci, "seed": seed})
        agg = scoring.BootstrapAggregator(confidence_interval=ci, n_samples=ns)
        for s in raw:
            agg.add_scores(s)
        np.random.seed(seed)  # the aggregator resamples with numpy's global generator
        res = agg.aggregate()
        exp["aggregate"] = {k: {b: {"precision": F(getattr(v, b).precision), "recall": F(getattr(v, b).recall),
                                    "fmeasure": F(getattr(v, b).fmeasure)} for b in ("low", "mid", "high")}
                            for k, v in res.items()}
        ref += (f"; aggregate: {bootstrap_call} with add_scores per item, "
                "numpy.random.seed(seed) immediately before aggregate(); types resampled in rouge_types order")
    add(cid, "rouge", opts, text_inputs(preds, refs), exp, ref)


# =====================================================================================
# jiwer
# =====================================================================================

def run_jiwer_words(cid_base, hyps, refs, metrics=("wer", "mer", "wil", "wip"), jiwer_label="jiwer."):
    """One case per measure in metrics, all from a single jiwer.process_words call (one reference per item).
    jiwer_label starts the "reference" text ("jiwer." or e.g. "jiwer 4.0.0 ")."""
    out = jiwer.process_words(list(refs), list(hyps))
    for m in metrics:
        add(f"{m}/{cid_base}", m, {}, {"predictions": list(hyps), "references": [[r] for r in refs]},
            {"score": F(getattr(out, m)), "hits": out.hits, "substitutions": out.substitutions,
             "deletions": out.deletions, "insertions": out.insertions},
            f"{jiwer_label}process_words(references, predictions).{m} (default transforms: RemoveMultipleSpaces, "
            f"Strip, ReduceToListOfListOfWords(' ')); counts summed over items")


def run_jiwer_chars(cid_base, hyps, refs, jiwer_label="jiwer."):
    """One "cer" case from jiwer.process_characters (one reference per item)."""
    out = jiwer.process_characters(list(refs), list(hyps))
    add(f"cer/{cid_base}", "cer", {}, {"predictions": list(hyps), "references": [[r] for r in refs]},
        {"score": F(out.cer), "hits": out.hits, "substitutions": out.substitutions,
         "deletions": out.deletions, "insertions": out.insertions},
        f"{jiwer_label}process_characters(references, predictions).cer (default transforms: Strip, "
        "ReduceToListOfListOfChars; characters = Python code points)")


# =====================================================================================
# SQuAD
# =====================================================================================

def run_squad(cid, items):
    """An "exact_match" and a "token_f1" case over items = [(prediction, [answers...]), ...]."""
    preds = [p for p, _ in items]
    refs = [list(r) for _, r in items]
    em = [F(squad.metric_max_over_ground_truths(squad.exact_match_score, p, r)) for p, r in zip(preds, refs)]
    f1 = [F(squad.metric_max_over_ground_truths(squad.f1_score, p, r)) for p, r in zip(preds, refs)]
    # the corpus score comes from compute_score itself (100 * sum / total) over a one-paragraph dataset
    dataset = [{"paragraphs": [{"qas": [{"id": str(i), "answers": [{"text": t} for t in r]}
                                        for i, r in enumerate(refs)]}]}]
    tot = squad.compute_score(dataset, {str(i): p for i, p in enumerate(preds)})
    ref = ("SQuAD v1.1 official logic (normalize_answer, metric_max_over_ground_truths, compute_score); "
           "per_item in [0,1], score = 100 * mean")
    add(f"exact_match/{cid}", "exact_match", {}, text_inputs(preds, refs),
        {"score": F(tot["exact_match"]), "per_item": em}, ref)
    add(f"token_f1/{cid}", "token_f1", {}, text_inputs(preds, refs), {"score": F(tot["f1"]), "per_item": f1}, ref)


# =====================================================================================
# Versions and output
# =====================================================================================

def pyproject_version(pp):
    """The `version = "..."` line of a pyproject.toml."""
    for line in open(pp, encoding="utf-8"):
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    raise RuntimeError(pp)


def jiwer_version():
    """Version of the jiwer that was imported (jiwer 3.x has no __version__, so it is read from the
    pyproject.toml of the source tree it was loaded from: <tree>/src/jiwer/__init__.py)."""
    return pyproject_version(os.path.join(os.path.dirname(jiwer.__file__), "..", "..", "pyproject.toml"))


def rapidfuzz_implementation():
    return os.environ.get("RAPIDFUZZ_IMPLEMENTATION", "default")


def write_cases(out, generated_by, versions):
    """Write {"generated_by", "python", "versions", "cases"} to out and report the case counts on stderr."""
    doc = {
        "generated_by": generated_by,
        "python": platform.python_version(),
        "versions": versions,
        "cases": CASES,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write("\n")
    counts = {}
    for c in CASES:
        counts[c["metric"]] = counts.get(c["metric"], 0) + 1
    print(f"wrote {out}: {len(CASES)} cases, {os.path.getsize(out)} bytes", file=sys.stderr)
    print(json.dumps(counts, indent=0), file=sys.stderr)
