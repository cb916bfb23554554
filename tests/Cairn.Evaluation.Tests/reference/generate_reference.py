#!/usr/bin/env python3
"""Build reference-values.json for the Cairn metric library from the real reference implementations.

Run (the references live outside this repo, see /work/refs/README.md):

    . /work/refs/env.sh && /usr/bin/python3 generate_reference.py [OUT.json]

Default OUT is reference-values.json next to this script. Output is deterministic (fixed seeds,
inline inputs, sorted case order = creation order); run it twice and diff to confirm.

References used
  classification / regression : scikit-learn (sklearn.metrics, sklearn.calibration)
  bleu / chrf / ter           : sacreBLEU 2.x  (sacrebleu.metrics.BLEU / CHRF / TER)
  rouge                       : Google rouge-score 0.1.2 (rouge_score.rouge_scorer / scoring)
  wer / mer / wil / wip / cer : jiwer 3.x (process_words / process_characters) on rapidfuzz
                                (pure-Python implementation, RAPIDFUZZ_IMPLEMENTATION=python)
  exact_match / token_f1      : SQuAD v1.1 official evaluation logic (squad_v1_compute_score.py
                                from huggingface/evaluate metrics/squad/compute_score.py)
  perplexity, calibration ece : hand formulas with numpy (stated in each case's "reference")
"""
import functools
import os
import random
import sys

import numpy as np
import sklearn
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve

import nltk
import sacrebleu
import jiwer
import rapidfuzz

import reference_cases as rc
from reference_cases import F, L, add, calib_numpy, clf_inputs, run_jiwer_chars, run_jiwer_words, run_squad

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "bench", "evaluation"))
from make_corpus import make_pairs  # noqa: E402  (seeded English-like corpus generator)

# =====================================================================================
# Classification
# =====================================================================================

def rng_labels(rs, n, classes, noise):
    y = rs.choice(classes, size=n)
    p = y.copy()
    flip = rs.random_sample(n) < noise
    p[flip] = rs.choice(classes, size=int(flip.sum()))
    return y, p


def gen_classification():
    rs = np.random.RandomState(20240601)
    # label sets used by several metrics
    sets = {}
    sets["bin-small"] = (np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1]), np.array([0, 1, 0, 0, 1, 1, 0, 1, 1, 0]))
    sets["bin-60"] = rng_labels(rs, 60, [0, 1], 0.3)
    sets["bin-imbalanced"] = (np.array([0] * 45 + [1] * 5), np.array([0] * 40 + [1] * 5 + [1, 1, 0, 0, 1]))
    sets["multi3-40"] = rng_labels(rs, 40, [0, 1, 2], 0.35)
    sets["multi5-100"] = rng_labels(rs, 100, [0, 1, 2, 3, 4], 0.5)
    sets["multi4-gap"] = (np.array([1, 3, 7, 7, 1, 3, 9, 9, 1, 7, 3, 9]), np.array([1, 7, 7, 3, 1, 3, 9, 1, 1, 7, 9, 9]))
    sets["str-multi"] = (np.array(["cat", "dog", "bird", "cat", "dog", "dog", "bird", "cat", "Cat", "dog"]),
                         np.array(["cat", "dog", "dog", "cat", "bird", "dog", "bird", "Cat", "Cat", "cat"]))
    sets["str-bin"] = (np.array(["spam", "ham", "ham", "spam", "ham", "spam", "ham", "ham"]),
                       np.array(["spam", "ham", "spam", "spam", "ham", "ham", "ham", "ham"]))
    sets["perfect"] = (np.array([2, 0, 1, 2, 1, 0]), np.array([2, 0, 1, 2, 1, 0]))
    sets["pred-extra-class"] = (np.array([0, 0, 1, 1, 1, 0]), np.array([0, 2, 1, 1, 2, 0]))

    # accuracy
    for k in ["bin-small", "multi3-40", "str-multi", "perfect", "multi5-100"]:
        y, p = sets[k]
        add(f"accuracy/{k}", "accuracy", {}, clf_inputs(y, p), {"score": F(skm.accuracy_score(y, p))},
            "sklearn.metrics.accuracy_score")
    # balanced accuracy
    for k, adj in [("bin-imbalanced", False), ("bin-imbalanced", True), ("multi5-100", False),
                   ("multi5-100", True), ("str-multi", False), ("multi4-gap", True)]:
        y, p = sets[k]
        add(f"balanced_accuracy/{k}/adj={adj}", "balanced_accuracy", {"adjusted": adj}, clf_inputs(y, p),
            {"score": F(skm.balanced_accuracy_score(y, p, adjusted=adj))},
            "sklearn.metrics.balanced_accuracy_score(adjusted=...)")

    # precision / recall / f1
    prf_cases = [
        ("bin-small", {"average": "binary", "pos_label": 1}),
        ("bin-small", {"average": "binary", "pos_label": 0}),
        ("bin-imbalanced", {"average": "binary", "pos_label": 1}),
        ("multi3-40", {"average": "macro"}),
        ("multi3-40", {"average": "micro"}),
        ("multi5-100", {"average": "weighted"}),
        ("str-multi", {"average": "weighted"}),
        ("str-bin", {"average": "binary", "pos_label": "spam"}),
    ]
    funcs = {"precision": skm.precision_score, "recall": skm.recall_score, "f1": skm.f1_score}
    for name, fn in funcs.items():
        for k, opt in prf_cases:
            y, p = sets[k]
            kw = dict(opt)
            v = fn(y, p, **kw)
            tag = opt["average"] + (f"-pos={opt['pos_label']}" if "pos_label" in opt else "")
            add(f"{name}/{k}/{tag}", name, opt, clf_inputs(y, p), {"score": F(v)},
                f"sklearn.metrics.{fn.__name__}(average=..., pos_label=...)")
    # zero-division situations (explicit zero_division=0)
    zd = [
        ("no-pos-pred", [0, 1, 1, 0, 1], [0, 0, 0, 0, 0], {"average": "binary", "pos_label": 1}),
        ("all-neg", [0, 0, 0, 0], [0, 0, 0, 0], {"average": "binary", "pos_label": 1}),
        ("no-pos-true", [0, 0, 0, 0, 0], [0, 1, 0, 1, 0], {"average": "binary", "pos_label": 1}),
        ("class-never-predicted", [0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 1, 1, 0, 0], {"average": "macro"}),
        ("class-never-true", [0, 1, 1, 0, 1, 0], [0, 2, 1, 2, 1, 0], {"average": "macro"}),
        ("class-never-true-weighted", [0, 1, 1, 0, 1, 0], [0, 2, 1, 2, 1, 0], {"average": "weighted"}),
        ("class-never-predicted-micro", [0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 1, 1, 0, 0], {"average": "micro"}),
    ]
    for name, fn in funcs.items():
        for tag, y, p, opt in zd:
            o = dict(opt, zero_division=0)
            add(f"{name}/zero_division/{tag}", name, o, clf_inputs(y, p), {"score": F(fn(y, p, **o))},
                f"sklearn.metrics.{fn.__name__}(..., zero_division=0)")
    # fbeta
    fb = [
        ("bin-small", {"beta": 0.5, "average": "binary", "pos_label": 1}),
        ("bin-small", {"beta": 2.0, "average": "binary", "pos_label": 1}),
        ("multi3-40", {"beta": 0.5, "average": "macro"}),
        ("multi5-100", {"beta": 2.0, "average": "weighted"}),
        ("multi5-100", {"beta": 3.0, "average": "micro"}),
        ("str-bin", {"beta": 1.5, "average": "binary", "pos_label": "ham"}),
        ("bin-imbalanced", {"beta": 0.25, "average": "macro"}),
    ]
    for k, opt in fb:
        y, p = sets[k]
        add(f"fbeta/{k}/b={opt['beta']}/{opt['average']}", "fbeta", opt, clf_inputs(y, p),
            {"score": F(skm.fbeta_score(y, p, **opt))}, "sklearn.metrics.fbeta_score")
    add("fbeta/zero_division/class-never-predicted", "fbeta",
        {"beta": 2.0, "average": "macro", "zero_division": 0},
        clf_inputs([0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 1, 1, 0, 0]),
        {"score": F(skm.fbeta_score([0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 1, 1, 0, 0], beta=2.0, average="macro",
                                    zero_division=0))}, "sklearn.metrics.fbeta_score(..., zero_division=0)")
    # matthews
    for k in ["bin-small", "bin-60", "multi3-40", "multi5-100", "str-multi"]:
        y, p = sets[k]
        add(f"matthews_corrcoef/{k}", "matthews_corrcoef", {}, clf_inputs(y, p),
            {"score": F(skm.matthews_corrcoef(y, p))}, "sklearn.metrics.matthews_corrcoef")
    y, p = [0, 1, 1, 0, 1], [1, 1, 1, 1, 1]
    add("matthews_corrcoef/constant-prediction", "matthews_corrcoef", {}, clf_inputs(y, p),
        {"score": F(skm.matthews_corrcoef(y, p))}, "sklearn.metrics.matthews_corrcoef (0/0 -> 0.0)")
    # cohen kappa
    for k, w in [("bin-small", None), ("multi3-40", None), ("multi5-100", "linear"), ("multi5-100", "quadratic"),
                 ("multi4-gap", "linear"), ("multi4-gap", "quadratic"), ("str-multi", None)]:
        y, p = sets[k]
        add(f"cohen_kappa/{k}/w={w}", "cohen_kappa", {"weights": w}, clf_inputs(y, p),
            {"score": F(skm.cohen_kappa_score(y, p, weights=w))},
            "sklearn.metrics.cohen_kappa_score(y1=labels, y2=predictions, weights=...)")
    # confusion matrix
    for k in ["bin-small", "multi3-40", "multi4-gap", "str-multi", "pred-extra-class"]:
        y, p = sets[k]
        labs = np.unique(np.concatenate([y, p]))
        cm = skm.confusion_matrix(y, p, labels=labs)
        assert (cm == skm.confusion_matrix(y, p)).all()
        add(f"confusion_matrix/{k}", "confusion_matrix", {}, clf_inputs(y, p),
            {"labels": L(labs), "matrix": L(cm)},
            "sklearn.metrics.confusion_matrix (rows = true label, cols = predicted, labels sorted)")

    # ---------------- score-based
    def bin_scores(n, seed, ties=False, sep=1.0):
        r = np.random.RandomState(seed)
        y = r.randint(0, 2, size=n)
        s = 1 / (1 + np.exp(-(sep * (2 * y - 1) + r.normal(0, 1.2, size=n))))
        s = np.round(s, 1 if ties else 4)
        return y, s

    y1, s1 = bin_scores(40, 1, ties=True)
    y2, s2 = bin_scores(200, 2, ties=False)
    y3, s3 = bin_scores(30, 3, ties=True, sep=0.0)
    y_hand = np.array([0, 0, 1, 1, 0, 1, 1, 0, 1, 0])
    s_hand = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.35, 0.7])
    for tag, y, s in [("hand-ties", y_hand, s_hand), ("40-ties", y1, s1), ("200", y2, s2), ("30-random-ties", y3, s3)]:
        add(f"roc_auc/binary/{tag}", "roc_auc", {}, {"labels": L(y), "scores": L(s)},
            {"score": F(skm.roc_auc_score(y, s))}, "sklearn.metrics.roc_auc_score (1-D scores of the greater label)")
    ys = np.where(y_hand == 1, "pos", "neg")
    add("roc_auc/binary/string-labels", "roc_auc", {}, {"labels": L(ys), "scores": L(s_hand)},
        {"score": F(skm.roc_auc_score(ys, s_hand))},
        "sklearn.metrics.roc_auc_score; positive class = greater label in sorted order ('pos')")
    # multiclass ovr macro
    def probs(n, k, seed):
        r = np.random.RandomState(seed)
        y = r.randint(0, k, size=n)
        logits = r.normal(0, 1.0, size=(n, k))
        logits[np.arange(n), y] += 1.2
        pr = np.exp(logits)
        pr /= pr.sum(1, keepdims=True)
        pr = np.round(pr, 4)
        pr[:, -1] = np.round(1 - pr[:, :-1].sum(1), 4)
        assert (pr >= 0).all()
        return y, pr

    for tag, (y, pr) in [("3class-50", probs(50, 3, 11)), ("4class-120", probs(120, 4, 12))]:
        add(f"roc_auc/ovr-macro/{tag}", "roc_auc", {"multi_class": "ovr", "average": "macro"},
            {"labels": L(y), "scores": L(pr)},
            {"score": F(skm.roc_auc_score(y, pr, multi_class="ovr", average="macro"))},
            "sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro')")
    ystr = np.array(["b", "a", "c", "a", "b", "c", "c", "a", "b", "a"])
    prs = np.array([[0.2, 0.5, 0.3], [0.6, 0.2, 0.2], [0.1, 0.3, 0.6], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4],
                    [0.2, 0.2, 0.6], [0.3, 0.4, 0.3], [0.4, 0.4, 0.2], [0.1, 0.8, 0.1], [0.34, 0.33, 0.33]])
    add("roc_auc/ovr-macro/string-labels", "roc_auc", {"multi_class": "ovr", "average": "macro"},
        {"labels": L(ystr), "scores": L(prs)},
        {"score": F(skm.roc_auc_score(ystr, prs, multi_class="ovr", average="macro"))},
        "sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro'); columns = sorted labels a,b,c")
    # undefined
    try:
        skm.roc_auc_score([1, 1, 1, 1], [0.2, 0.3, 0.9, 0.1])
        raise AssertionError("expected error")
    except ValueError as e:
        add("roc_auc/error/one-class", "roc_auc", {}, {"labels": [1, 1, 1, 1], "scores": [0.2, 0.3, 0.9, 0.1]},
            {"error": str(e)}, "sklearn.metrics.roc_auc_score raises ValueError")
    # average precision
    for tag, y, s, pl in [("hand-ties", y_hand, s_hand, 1), ("40-ties", y1, s1, 1), ("200", y2, s2, 1),
                          ("hand-ties-pos0", y_hand, 1 - s_hand, 0)]:
        add(f"average_precision/{tag}", "average_precision", {"pos_label": pl}, {"labels": L(y), "scores": L(s)},
            {"score": F(skm.average_precision_score(y, s, pos_label=pl))},
            "sklearn.metrics.average_precision_score(pos_label=...)")
    add("average_precision/string-labels", "average_precision", {"pos_label": "pos"},
        {"labels": L(ys), "scores": L(s_hand)},
        {"score": F(skm.average_precision_score(ys, s_hand, pos_label="pos"))},
        "sklearn.metrics.average_precision_score(pos_label='pos')")
    # log loss
    yb = np.array([1, 0, 1, 1, 0, 0, 1, 0])
    pb = np.array([0.9, 0.1, 1.0, 0.0, 0.0, 1.0, 0.6, 0.45])
    ll = [("binary-with-0-and-1", yb, pb), ("binary-40", y1, s1), ("binary-200", y2, s2),
          ("binary-clean", np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.99, 0.01]))]
    for tag, y, p in ll:
        add(f"log_loss/{tag}", "log_loss", {}, {"labels": L(y), "scores": L(p)},
            {"score": F(skm.log_loss(y, p))},
            "sklearn.metrics.log_loss (1-D = P(greater label); clip to [eps,1-eps], eps=float64 eps, rows renormalised)")
    ym = np.array([0, 1, 2, 2, 1, 0])
    pm = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0], [0.1, 0.8, 0.1], [0.25, 0.5, 0.25]])
    add("log_loss/multiclass-with-0-and-1", "log_loss", {}, {"labels": L(ym), "scores": L(pm)},
        {"score": F(skm.log_loss(ym, pm))}, "sklearn.metrics.log_loss (2-D, columns = sorted labels)")
    y4, p4 = probs(120, 4, 12)
    add("log_loss/multiclass-4class-120", "log_loss", {}, {"labels": L(y4), "scores": L(p4)},
        {"score": F(skm.log_loss(y4, p4))}, "sklearn.metrics.log_loss (2-D, columns = sorted labels)")
    # brier
    for tag, y, p, pl in [("binary-with-0-and-1", yb, pb, 1), ("binary-200", y2, s2, 1),
                          ("binary-40-pos0", y1, 1 - s1, 0), ("hand", y_hand, s_hand, 1)]:
        add(f"brier_score/{tag}", "brier_score", {"pos_label": pl}, {"labels": L(y), "scores": L(p)},
            {"score": F(skm.brier_score_loss(y, p, pos_label=pl))},
            "sklearn.metrics.brier_score_loss(pos_label=...) (scores = P(pos_label))")
    add("brier_score/string-labels", "brier_score", {"pos_label": "pos"}, {"labels": L(ys), "scores": L(s_hand)},
        {"score": F(skm.brier_score_loss(ys, s_hand, pos_label="pos"))},
        "sklearn.metrics.brier_score_loss(pos_label='pos')")

    # calibration
    y5, s5 = bin_scores(500, 5)
    cal = [("hand-ties", y_hand, s_hand, 5, "uniform"), ("hand-ties", y_hand, s_hand, 4, "quantile"),
           ("200", y2, s2, 10, "uniform"), ("200", y2, s2, 10, "quantile"), ("40-ties", y1, s1, 10, "uniform"),
           ("40-ties", y1, s1, 5, "quantile"), ("500", y5, s5, 15, "uniform"), ("500", y5, s5, 7, "quantile"),
           ("with-0-and-1", yb, pb, 3, "uniform")]
    for tag, y, p, nb, st in cal:
        pt, pp = calibration_curve(y, p, n_bins=nb, strategy=st)
        pt2, pp2, cnt, ece = calib_numpy(y, p, nb, st)
        assert np.array_equal(pt, pt2) and np.array_equal(pp, pp2), tag
        add(f"calibration/{tag}/{st}-{nb}", "calibration", {"n_bins": nb, "strategy": st},
            {"labels": L(y), "scores": L(p)},
            {"prob_true": L(pt), "prob_pred": L(pp), "counts": L(cnt), "ece": F(ece)},
            "prob_true/prob_pred: sklearn.calibration.calibration_curve; counts/ece: numpy re-implementation of "
            "sklearn's binning (uniform: linspace(0,1,n_bins+1); quantile: np.percentile(scores, linspace(0,100,n_bins+1)); "
            "bin = searchsorted(edges[1:-1], p, side='left'); ece = sum(counts/N * |prob_true-prob_pred|) over non-empty bins), "
            "asserted equal to sklearn's prob_true/prob_pred")


# =====================================================================================
# Regression
# =====================================================================================

def gen_regression():
    rs = np.random.RandomState(777)
    sets = []
    y = np.round(rs.normal(10, 5, 50), 3)
    sets.append(("normal-50", y, np.round(y + rs.normal(0, 2, 50), 3)))
    y = np.round(rs.uniform(-100, 100, 31), 2)
    sets.append(("uniform-31-odd", y, np.round(0.8 * y + rs.normal(0, 20, 31), 2)))
    sets.append(("hand-small", np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])))
    sets.append(("zero-in-labels", np.array([0.0, 1.0, 2.5, -3.0, 4.0, 0.0]), np.array([0.1, 1.2, 2.5, -2.0, 3.0, 0.0])))
    sets.append(("constant-labels-imperfect", np.array([5.0, 5.0, 5.0, 5.0]), np.array([4.0, 5.5, 5.0, 6.0])))
    sets.append(("constant-labels-perfect", np.array([2.5, 2.5, 2.5]), np.array([2.5, 2.5, 2.5])))
    y = np.round(rs.lognormal(8, 2, 40), 2)
    sets.append(("large-magnitude", y, np.round(y * rs.uniform(0.7, 1.3, 40), 2)))
    sets.append(("tiny-values", np.array([1e-9, 2e-9, -3e-9, 4.5e-9]), np.array([1.5e-9, 2e-9, -1e-9, 4e-9])))
    sets.append(("worse-than-mean", np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([5.0, 4.0, 3.0, 2.0, 1.0])))
    fns = {
        "mae": (lambda y, p: skm.mean_absolute_error(y, p), "sklearn.metrics.mean_absolute_error"),
        "mse": (lambda y, p: skm.mean_squared_error(y, p), "sklearn.metrics.mean_squared_error"),
        "rmse": (lambda y, p: np.sqrt(skm.mean_squared_error(y, p)), "numpy.sqrt(sklearn.metrics.mean_squared_error)"),
        "r2": (lambda y, p: skm.r2_score(y, p), "sklearn.metrics.r2_score (force_finite default)"),
        "mape": (lambda y, p: skm.mean_absolute_percentage_error(y, p),
                 "sklearn.metrics.mean_absolute_percentage_error (|y-p|/max(|y|, float64 eps), not x100)"),
        "median_absolute_error": (lambda y, p: skm.median_absolute_error(y, p), "sklearn.metrics.median_absolute_error"),
        "explained_variance": (lambda y, p: skm.explained_variance_score(y, p),
                               "sklearn.metrics.explained_variance_score (force_finite default)"),
    }
    core = {"mae", "r2", "mape"}
    for name, (fn, ref) in fns.items():
        for tag, y, p in sets:
            if name not in core and tag in ("tiny-values", "large-magnitude", "uniform-31-odd") and not (
                    name == "median_absolute_error" and tag == "uniform-31-odd"):
                continue
            add(f"{name}/{tag}", name, {}, {"labels": L(y), "predictions": L(p)}, {"score": F(fn(y, p))}, ref)


# =====================================================================================
# Text corpora
# =====================================================================================

NASTY = [
    # (hypothesis, [ref1, ref2, ref3])
    ("The cat sat on the mat.", ["The cat is sitting on the mat.", "A cat sat on the mat!", "There is a cat on the mat."]),
    ('He said, "Hello!" and left...', ['He said: "Hello" and then left.', "He said hello, and left.", '"Hello," he said, and left.']),
    ("It cost $3,000.50 (about 1.5%) in 2019.", ["It cost 3,000.50 dollars, i.e. 1.5 % in 2019.", "The cost was $3000.50 (roughly 1.5%) in 2019.", "In 2019 it cost $3,000.50."]),
    ("state-of-the-art models don't work; it's O'Neil's fault.", ["State-of-the-art models do not work: it is O'Neil's fault.", "the state of the art models don't work, it's O'Neil's fault", "Modern models don't work; O'Neil is to blame."]),
    ("Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#39;n&#39; crackers", ['Tom & Jerry <3 "cheese" \'n\' crackers', "Tom and Jerry love cheese and crackers", "Tom &amp; Jerry &gt; cheese"]),
    ("我们今天去北京大学参观。", ["我们今天去了北京大学参观，很开心。", "今天我们参观了北京大学。", "我们去北京大学。"]),
    ("東京は日本の首都です。", ["日本の首都は東京です。", "東京は日本の首都である。", "首都は東京。"]),
    ("I love pizza 🍕🍕 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢!", ["I love pizza 🍕 and Unicode!", "I really love 🍕 pizza and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 !", "pizza 🍕🍕🍕 is what I love"]),
    ("Le cafe\u0301 e\u0301tait fermé à Zürich.", ["Le caf\u00e9 \u00e9tait ferm\u00e9 \u00e0 Z\u00fcrich.", "Le café était fermé.", "Le cafe etait ferme a Zurich."]),
    ("Η γρήγορη καφέ αλεπού πηδάει.", ["Η γρήγορη καφέ αλεπού πηδά πάνω από τον σκύλο.", "Η αλεπού πηδάει.", "Μια γρήγορη αλεπού."]),
    ("Быстрая коричневая лиса прыгает через ленивую собаку.", ["Быстрая бурая лиса перепрыгивает через ленивую собаку.", "Лиса прыгает через собаку.", "Быстрая коричневая лиса прыгает."]),
    ("الثعلب البني السريع يقفز فوق الكلب الكسول", ["الثعلب البني السريع قفز فوق الكلب الكسول.", "يقفز الثعلب فوق الكلب", "الثعلب السريع"]),
    ("तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है।", ["तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर से कूद गई।", "लोमड़ी कुत्ते के ऊपर कूदती है।", "भूरी लोमड़ी कूदती है"]),
    ("hello\u00a0world\u2009again\u3000end", ["hello world again end", "hello\u00a0world again\u3000end", "Hello, world - again - end."]),
    ("line one\tcol two\nline  two", ["line one col two line two", "line one\ncol two\nline two", "line\tone col\ttwo"]),
    ("", ["This reference has no matching hypothesis.", "Nothing was produced.", "empty"]),
    ("Short.", ["This is a much longer reference sentence than the hypothesis.", "Short sentence here.", "Short."]),
    ("This hypothesis is considerably longer than its reference , with extra words , padding and more padding at the end .",
     ["This hypothesis is longer.", "A longer hypothesis.", "This hypothesis is considerably longer than its reference."]),
    ("THE Quick BROWN fox", ["the quick brown fox", "The Quick Brown Fox", "the QUICK brown FOX jumps"]),
    ("the the the the the the the", ["the cat is on the mat", "there is a cat on the mat", "the mat"]),
    ("Visit https://example.com/a-b?c=1&d=2 or mail me@x.org.", ["Visit https://example.com/a-b?c=1&d=2 or e-mail me@x.org.", "See example.com or mail me.", "Mail me@x.org"]),
    ("“Curly quotes” — em dash – en dash … ellipsis ‘single’", ['"Curly quotes" - em dash - en dash ... ellipsis \'single\'', "“Curly quotes” — em dash", "ellipsis … and ‘single’ quotes"]),
    ("빠른 갈색 여우가 게으른 개를 뛰어넘는다.", ["빠른 갈색 여우가 게으른 개를 뛰어 넘었다.", "여우가 개를 뛰어넘는다.", "갈색 여우"]),
    ("สวัสดีครับ ยินดีต้อนรับ", ["สวัสดีค่ะ ยินดีต้อนรับ", "ยินดีต้อนรับ", "สวัสดี"]),
    ("Prices rose 12.5% to 1,234,567 units in Q3-2021; analysts expected 10%.", ["Prices rose by 12.5 % to 1234567 units in Q3 2021, while analysts expected 10 %.", "Prices rose 12.5% in Q3-2021.", "Analysts expected 10%; prices rose 12.5%."]),
    ("co-operation is a well-\nknown <skipped> term", ["cooperation is a well-known term", "co-operation is a well-known term", "co-operation is well known"]),
    ("我爱自然语言处理，也爱机器翻译！Deep learning 很有趣。", ["我喜欢自然语言处理和机器翻译。Deep Learning 非常有趣。", "我爱自然语言处理。", "深度学习很有趣。"]),
    ("2023年3月15日，气温为-3.5°C。", ["2023年3月15日，气温是零下3.5摄氏度。", "3月15日气温-3.5°C。", "气温为-3.5°C"]),
]

CJK_IDX = [5, 6, 22, 26, 27]


def nasty(nrefs, idx=None):
    items = NASTY if idx is None else [NASTY[i] for i in idx]
    return [h for h, _ in items], [list(r[:nrefs]) for _, r in items]


def realistic(n, seed, nrefs, words=18):
    pairs = make_pairs(n, seed, words=words, n_refs=nrefs)
    return [h for h, _ in pairs], [list(r) for _, r in pairs]


def multiline_docs(n_docs, seed):
    rng = random.Random(seed)
    pairs = make_pairs(n_docs * 4, seed, words=12, n_refs=1)
    hyps, refs, k = [], [], 0
    for _ in range(n_docs):
        m = rng.randrange(1, 5)
        chunk = pairs[k:k + m]
        k += m
        h = [p[0] for p in chunk]
        if rng.random() < 0.3 and len(h) > 1:
            h = h[::-1]  # sentence order changed
        hyps.append("\n".join(h) + ("\n" if rng.random() < 0.2 else ""))
        refs.append(["\n".join(p[1][0] for p in chunk)])
    return hyps, refs


# =====================================================================================
# sacreBLEU
# =====================================================================================

# Every item here has the same number of references, and this file's "reference" texts (fixed by
# reference-values.json) are worded without the None-padding notes of the shared defaults.
run_bleu = functools.partial(
    rc.run_bleu, corpus_reference="sacrebleu.metrics.BLEU(...).corpus_score(predictions, reference_streams)")
run_chrf = functools.partial(rc.run_chrf, reference="sacrebleu.metrics.CHRF(...).corpus_score / .sentence_score")
run_ter = functools.partial(rc.run_ter, reference="sacrebleu.metrics.TER(...).corpus_score / .sentence_score")


def gen_sacrebleu():
    n1 = nasty(1)
    n2 = nasty(2)
    n3 = nasty(3)
    cjk1 = nasty(1, CJK_IDX)
    cjk2 = nasty(2, CJK_IDX)
    r1 = realistic(200, 101, 1)
    r2 = realistic(200, 202, 2)

    # --- BLEU corpus
    for tok in ["13a", "intl", "char", "none", "zh"]:
        run_bleu(f"bleu/corpus/nasty-1ref/{tok}", *n1, tokenize=tok)
    for tok in ["13a", "intl", "zh"]:
        run_bleu(f"bleu/corpus/nasty-2ref/{tok}", *n2, tokenize=tok)
    run_bleu("bleu/corpus/nasty-3ref/13a", *n3)
    run_bleu("bleu/corpus/nasty-3ref/intl-lowercase", *n3, tokenize="intl", lowercase=True)
    for tok in ["zh", "char", "intl", "13a"]:
        run_bleu(f"bleu/corpus/cjk-2ref/{tok}", *cjk2, tokenize=tok)
    run_bleu("bleu/corpus/nasty-1ref/13a-lowercase", *n1, lowercase=True)
    for sm, sv in [("floor", None), ("floor", 0.5), ("add-k", None), ("add-k", 2), ("none", None)]:
        run_bleu(f"bleu/corpus/nasty-1ref/13a-{sm}-{sv}", *n1, smooth_method=sm, smooth_value=sv)
    run_bleu("bleu/corpus/nasty-1ref/13a-effective-order", *n1, effective_order=True)
    # tiny corpora
    run_bleu("bleu/corpus/identical", ["the quick brown fox jumps over the lazy dog"], [["the quick brown fox jumps over the lazy dog"]])
    run_bleu("bleu/corpus/short-hyp-no-4gram", ["a b c"], [["a b c d"]])
    run_bleu("bleu/corpus/short-hyp-no-4gram-effective", ["a b c"], [["a b c d"]], effective_order=True)
    run_bleu("bleu/corpus/all-empty-hyps", ["", ""], [["some reference text"], ["another one"]])
    run_bleu("bleu/corpus/no-match-floor", ["x y z w"], [["a b c d"]], smooth_method="floor")
    run_bleu("bleu/corpus/clipping", ["the the the the the the the"], [["the cat is on the mat"]])
    # realistic
    for tok, sm, lc, eff in [("13a", "exp", False, False), ("intl", "exp", False, False), ("char", "exp", False, False),
                             ("none", "exp", True, False), ("13a", "floor", False, False), ("13a", "add-k", False, True)]:
        run_bleu(f"bleu/corpus/realistic-200-1ref/{tok}-{sm}-lc{int(lc)}-eff{int(eff)}", *r1, tokenize=tok,
                 smooth_method=sm, lowercase=lc, effective_order=eff)
    for tok in ["13a", "intl"]:
        run_bleu(f"bleu/corpus/realistic-200-2ref/{tok}", *r2, tokenize=tok)
    # --- BLEU sentence
    for tok, sm, sv, eff in [("13a", "exp", None, True), ("13a", "exp", None, False), ("13a", "floor", 0.1, True),
                             ("13a", "add-k", 1, True), ("13a", "none", None, True), ("intl", "exp", None, True),
                             ("char", "exp", None, True), ("zh", "exp", None, True)]:
        run_bleu(f"bleu/sentence/nasty-2ref/{tok}-{sm}-{sv}-eff{int(eff)}", *n2, level="sentence", tokenize=tok,
                 smooth_method=sm, smooth_value=sv, effective_order=eff)
    run_bleu("bleu/sentence/nasty-1ref/none-lowercase", *n1, level="sentence", tokenize="none", lowercase=True,
             effective_order=True)
    run_bleu("bleu/sentence/realistic-200-1ref/13a-exp-eff", *r1, level="sentence", effective_order=True)
    run_bleu("bleu/sentence/realistic-200-2ref/13a-floor-eff", *r2, level="sentence", smooth_method="floor",
             effective_order=True)
    # --- chrF
    for wo in [0, 2]:
        for lc, ws, eps in [(False, False, False), (True, False, False), (False, True, False), (False, False, True)]:
            run_chrf(f"chrf/nasty-2ref/nw{wo}-lc{int(lc)}-ws{int(ws)}-eps{int(eps)}", *n2, word_order=wo,
                     lowercase=lc, whitespace=ws, eps_smoothing=eps)
    run_chrf("chrf/nasty-1ref/nw0", *n1)
    run_chrf("chrf/nasty-3ref/nw2", *n3, word_order=2)
    run_chrf("chrf/cjk-1ref/nw0-ws", *cjk1, whitespace=True)
    run_chrf("chrf/realistic-200-1ref/nw0", *r1)
    run_chrf("chrf/realistic-200-1ref/nw2-lc", *r1, word_order=2, lowercase=True)
    run_chrf("chrf/realistic-200-2ref/nw2-eps", *r2, word_order=2, eps_smoothing=True)
    run_chrf("chrf/tiny/empty-hyp-and-identical", ["", "same text here"], [["nonempty ref"], ["same text here"]])
    # --- TER
    combos = [(False, False, False, False), (True, False, False, False), (False, True, False, False),
              (False, False, True, False), (False, False, False, True), (True, True, True, True)]
    for nm, npct, asn, cs in combos:
        run_ter(f"ter/nasty-2ref/n{int(nm)}-p{int(npct)}-a{int(asn)}-c{int(cs)}", *n2, normalized=nm, no_punct=npct,
                asian_support=asn, case_sensitive=cs)
    run_ter("ter/nasty-1ref/default", *n1)
    run_ter("ter/nasty-3ref/normalized-case", *n3, normalized=True, case_sensitive=True)
    run_ter("ter/cjk-1ref/asian-normalized", *cjk1, normalized=True, asian_support=True)
    run_ter("ter/cjk-1ref/default", *cjk1)
    run_ter("ter/realistic-200-1ref/default", *r1)
    run_ter("ter/realistic-200-1ref/normalized-nopunct-cs", *r1, normalized=True, no_punct=True, case_sensitive=True)
    run_ter("ter/realistic-200-2ref/default", *r2)
    run_ter("ter/tiny/shift", ["d e f a b c"], [["a b c d e f"]])
    run_ter("ter/tiny/empty-hyp", ["", "x"], [["a b c"], ["x"]])


# =====================================================================================
# ROUGE
# =====================================================================================

# This file always bootstraps with 1000 samples and a 95% interval, and its "reference" texts name those values.
BOOT_N_SAMPLES, BOOT_CI = 1000, 0.95
run_rouge = functools.partial(
    rc.run_rouge, bootstrap_call=f"BootstrapAggregator(confidence_interval={BOOT_CI}, n_samples={BOOT_N_SAMPLES})")


def gen_rouge():
    n1 = nasty(1)
    n3 = nasty(3)
    r1 = realistic(200, 101, 1)
    r2 = realistic(200, 202, 2)
    ml = multiline_docs(40, 303)
    for st in [False, True]:
        run_rouge(f"rouge/nasty-1ref/stem{int(st)}", *n1, use_stemmer=st)
        run_rouge(f"rouge/nasty-3ref/stem{int(st)}", *n3, use_stemmer=st)
        run_rouge(f"rouge/realistic-200-1ref/stem{int(st)}", *r1, use_stemmer=st)
        run_rouge(f"rouge/multiline-40/stem{int(st)}", *ml, use_stemmer=st)
    run_rouge("rouge/realistic-200-2ref/stem1", *r2, use_stemmer=True)
    stem_words = (["The runners were running quickly through the flooded fields, jumping happily.",
                   "He has been generously donating to organizations; their generosity is known.",
                   "caresses ponies ties caress cats feed agreed plastered motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate cease controll roll"],
                  [["The runner ran quick through flooded field and jumped happy."],
                   ["He generously donated to an organization and his generosity was known."],
                   ["caress poni ti caress cat feed agre plaster motor sing conflat troubl size hop tan fall hiss fizz fail file happi ski relat condit ration valenc hesit digit conform radic differ vile analog vietnam predic oper feudal decis hope callous formal sensit sensibl triplic form formal electr electr hope good reviv allow infer airlin gyroscop adjust defens irrit replac adjust depend adopt homolog commun activ angular homolog effect bowdler probat rate ceas control roll"]])
    for st in [False, True]:
        run_rouge(f"rouge/stemming-words/stem{int(st)}", *stem_words, use_stemmer=st)
    edge = (["", "the cat", "a b c d e", "one\n\ntwo three\n", "1,000 dollars & 50 cents", "Résumé naïve café"],
            [["nonempty reference"], ["the cat"], ["e d c b a"], ["one two\nthree"], ["1000 dollars and 50 cents"],
             ["resume naive cafe"]])
    run_rouge("rouge/edge/stem0", *edge, use_stemmer=False)
    run_rouge("rouge/edge-only-lsum/stem0", *edge, use_stemmer=False, rouge_types=["rougeLsum"])
    # bootstrap
    run_rouge("rouge/bootstrap/realistic-200-1ref/seed42", *r1, use_stemmer=False, boot=(42, BOOT_N_SAMPLES, BOOT_CI))
    run_rouge("rouge/bootstrap/realistic-200-2ref/seed7-stem", *r2, use_stemmer=True, boot=(7, BOOT_N_SAMPLES, BOOT_CI))
    run_rouge("rouge/bootstrap/multiline-40/seed2024", *ml, use_stemmer=True, boot=(2024, BOOT_N_SAMPLES, BOOT_CI))
    run_rouge("rouge/bootstrap/nasty-1ref/seed0", *n1, use_stemmer=False, boot=(0, BOOT_N_SAMPLES, BOOT_CI))


# =====================================================================================
# jiwer
# =====================================================================================

WER_PAIRS = [  # (hypothesis, reference)
    ("b c", "a b"),
    ("c b a", "a b c"),
    ("b a", "a"),
    ("y z x", "x y z"),
    ("cat the", "the cat"),
    ("a b b", "a a b"),
    ("a", "a b a"),
    ("x a x b x", "a b"),
    ("the cat sat on the mat", "the cat sat on the mat"),
    ("  leading and trailing  ", "leading and trailing"),
    ("multiple   spaces    here", "multiple spaces here"),
    ("tab\tseparated words", "tab separated words"),
    ("tab\t\tdouble tab", "tab double tab"),
    ("new\nline", "new line"),
    ("new\n\nline", "new line"),
    ("", "this is not empty"),
    ("non\u00a0breaking space", "non breaking space"),
    ("non\u00a0\u00a0breaking", "non breaking"),
    ("ideographic\u3000space", "ideographic space"),
    ("thin\u2009space  here", "thin space here"),
    ("héllo wörld café", "hello world café"),
    ("cafe\u0301", "caf\u00e9"),
    ("🍕 pizza 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "pizza 🍕 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"),
    ("我们 今天 去 北京", "我们 今天 去了 北京"),
    ("我们今天去北京", "我们今天去了北京"),
    ("Быстрая лиса", "быстрая лиса прыгает"),
    ("HELLO World", "hello world"),
    ("one two three four five six seven eight nine ten", "one two four five six seven eight ten eleven"),
    ("a b c d e f g h", "h g f e d c b a"),
    ("it's don't", "it is do not"),
]


def gen_jiwer():
    # single tie-breaking / whitespace pairs: one case per pair for wer (all four measures for the first few)
    for i, (h, r) in enumerate(WER_PAIRS):
        ms = ("wer", "mer", "wil", "wip") if i in (0, 1, 2, 5) or h == "" else ("wer",)
        run_jiwer_words(f"pair-{i:02d}", [h], [r], metrics=ms)
    hyps = [h for h, _ in WER_PAIRS]
    refs = [r for _, r in WER_PAIRS]
    run_jiwer_words("all-pairs", hyps, refs)
    for i in [0, 1, 2, 3, 5, 9, 11, 15, 16, 18, 21, 22, 24]:
        run_jiwer_chars(f"pair-{i:02d}", [WER_PAIRS[i][0]], [WER_PAIRS[i][1]])
    run_jiwer_chars("all-pairs", hyps, refs)
    n1h, n1r = nasty(1)
    run_jiwer_words("nasty", n1h, [r[0] for r in n1r])
    run_jiwer_chars("nasty", n1h, [r[0] for r in n1r])
    for seed in (101, 202):
        h, r = realistic(200, seed, 1)
        run_jiwer_words(f"realistic-200-s{seed}", h, [x[0] for x in r])
        run_jiwer_chars(f"realistic-200-s{seed}", h, [x[0] for x in r])
    run_jiwer_words("all-hyps-empty", ["", "", ""], ["a b", "c", "d e f"])
    run_jiwer_chars("all-hyps-empty", ["", "   "], ["ab", "c d"])
    # reference errors
    for tag, h, r in [("empty-reference", ["a"], [""]), ("whitespace-only-reference", ["a"], ["   "])]:
        try:
            jiwer.process_words(r, h)
            raise AssertionError("expected error")
        except ValueError as e:
            add(f"wer/error/{tag}", "wer", {}, {"predictions": h, "references": [[x] for x in r]},
                {"error": str(e)}, "jiwer.process_words raises ValueError")


# =====================================================================================
# SQuAD
# =====================================================================================

SQUAD = [
    ("Denver Broncos", ["Denver Broncos", "The Denver Broncos", "Broncos"]),
    ("the Denver Broncos!", ["Denver Broncos"]),
    ("An apple a day", ["apple day", "an apple"]),
    ("Santa Clara, California", ["Santa Clara", "Levi's Stadium in Santa Clara, California"]),
    ("Levis Stadium", ["Levi's Stadium"]),
    ("3,000.50", ["3000.50", "3,000.50 dollars"]),
    ("1.5 million", ["15 million"]),
    ("", ["something"]),
    ("the", ["a"]),
    ("the the cat", ["cat cat"]),
    ("Theater", ["the ater"]),
    ("co-operation", ["cooperation", "co operation"]),
    ("“quoted” answer", ['"quoted" answer']),
    ("CAFÉ\u00a0au lait", ["café au lait"]),
    ("Zürich", ["Zurich"]),
    ("北京大学", ["北京 大学", "北京大学"]),
    ("Москва", ["москва"]),
    ("  spaced\tout\nanswer  ", ["spaced out answer"]),
    ("a an the", ["An the a"]),
    ("Nikola Tesla and Thomas Edison", ["Tesla", "Thomas Edison", "Nikola Tesla"]),
    ("in 1856", ["1856", "10 July 1856"]),
    ("his father's", ["father"]),
]


def gen_squad():
    run_squad("nasty", SQUAD)
    for i in range(0, len(SQUAD), 6):
        run_squad(f"nasty-slice-{i}", SQUAD[i:i + 6])
    h, r = realistic(200, 404, 2, words=6)
    run_squad("realistic-200-short-2ref", list(zip(h, r)))


# =====================================================================================
# Perplexity
# =====================================================================================

def gen_perplexity():
    rs = np.random.RandomState(99)
    sets = [
        ("hand", [[-0.5, -1.2, -0.1], [-2.0], [-0.7, -0.7, -0.7, -0.7]]),
        ("with-zero-logprobs", [[0.0, 0.0, -1.0], [0.0]]),
        ("very-negative", [[-30.5, -0.01, -12.25], [-45.0, -0.5]]),
        ("random-20-items", [L(np.round(np.log(rs.uniform(1e-4, 1.0, rs.randint(1, 40))), 6)) for _ in range(20)]),
    ]
    for tag, lps in sets:
        allv = np.concatenate([np.asarray(x, dtype=float) for x in lps])
        score = np.exp(-allv.sum() / allv.size)
        per = [F(np.exp(-np.mean(np.asarray(x, dtype=float)))) for x in lps]
        add(f"perplexity/{tag}", "perplexity", {}, {"log_probs": lps}, {"score": F(score), "per_item": per},
            "numpy hand formula: score = exp(-(sum of all log_probs)/(total tokens)); per_item = exp(-mean(log_probs_i))")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "reference-values.json")
    gen_classification()
    gen_regression()
    gen_sacrebleu()
    gen_rouge()
    gen_jiwer()
    gen_squad()
    gen_perplexity()
    rc.write_cases(out, "generate_reference.py", {
        "sklearn": sklearn.__version__, "numpy": np.__version__, "sacrebleu": sacrebleu.__version__,
        "rouge_score": "0.1.2", "nltk": nltk.__version__, "jiwer": rc.jiwer_version(),
        "rapidfuzz": rapidfuzz.__version__, "rapidfuzz_implementation": rc.rapidfuzz_implementation()})

if __name__ == "__main__":
    main()
