#!/usr/bin/env bash
# Text metrics, Cairn against the reference implementations, on the same corpus in the same run.
#
#   bench/evaluation/evaluation.sh [pairs] [repeats]
#
# 1. make_corpus.py writes <pairs> (default 10,000) deterministic sentence pairs of about 25 words.
# 2. TextMetricsBench times Cairn's BLEU, chrF, TER, ROUGE-1/2/L/Lsum (with and without stemming), WER and CER,
#    best of <repeats> (default 5) after a warm-up run.
# 3. When the references are installed (REFS, default /work/refs, holding sacreBLEU, rouge-score, jiwer and
#    RapidFuzz sources and an env.sh; see tests/Cairn.Evaluation.Tests/reference/README.md), reference_timings.py
#    times them on the same corpus, best of 3; then Cairn runs once more, and the better of its two runs counts.
# 4. Prints one table: seconds, the ratio, and whether the values agree (to 1e-12 relative).
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=${1:-10000}
repeats=${2:-5}
refs=${REFS:-/work/refs}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/evaluation/make_corpus.py "$pairs" 12345 "$work/corpus.jsonl" >/dev/null
dotnet build bench/evaluation/TextMetricsBench -c Release --nologo -v q >/dev/null
bench() { dotnet bench/evaluation/TextMetricsBench/bin/Release/net10.0/TextMetricsBench.dll "$work/corpus.jsonl" "$repeats"; }
bench > "$work/cairn1.json"
if [[ -f "$refs/env.sh" ]]; then
  (. "$refs/env.sh" && /usr/bin/python3 bench/evaluation/reference_timings.py "$work/corpus.jsonl" --repeats 3) > "$work/reference.json"
  bench > "$work/cairn2.json"
else
  echo "references not found under $refs: Cairn's figures only" >&2
  cp "$work/cairn1.json" "$work/cairn2.json"
fi

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
c1, c2 = (json.load(open(os.path.join(w, f))) for f in ("cairn1.json", "cairn2.json"))
ref = json.load(open(os.path.join(w, "reference.json"))) if os.path.exists(os.path.join(w, "reference.json")) else None
rows = [("BLEU (sacreBLEU)", "bleu", "sacrebleu_bleu_s", "bleu"), ("chrF (sacreBLEU)", "chrf", "sacrebleu_chrf_s", "chrf"),
        ("TER (sacreBLEU)", "ter", "sacrebleu_ter_s", "ter"), ("ROUGE-1/2/L/Lsum (rouge-score)", "rouge", "rouge_s", "rouge_mean_f"),
        ("same, Porter stemmer", "rouge_stem", "rouge_stem_s", "rouge_stem_mean_f"), ("WER (jiwer)", "wer", "jiwer_wer_s", "wer"),
        ("CER (jiwer)", "cer", "jiwer_cer_s", "cer")]
def same(a, b):
    if isinstance(a, dict):
        return all(same(a[k], b[k]) for k in b)
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))
print(f"pairs: {c1['n_pairs']}, cores: {c1['cores']}" + (f", references: {ref['versions']}" if ref else ""))
print(f"| metric | reference s | Cairn s | ratio | same values |")
print(f"|---|---:|---:|---:|---|")
for label, key, rkey, vkey in rows:
    cs = min(c1[f"cairn_{key}_s"], c2[f"cairn_{key}_s"])
    if ref:
        rs = ref[rkey]
        agree = "yes" if same(c1["values"][key], ref["values"][vkey]) else f"NO: {c1['values'][key]} vs {ref['values'][vkey]}"
        print(f"| {label} | {rs:.3f} | {cs:.4f} | {rs / cs:.1f}x | {agree} |")
    else:
        print(f"| {label} | - | {cs:.4f} | - | - |")
PY
