#!/usr/bin/env bash
# Serving benchmark, all in one run on this machine (wrk shares the cores with the servers):
#   1. the floor: OnnxSession.Run on one row in process (bench/serving/RunFloor);
#   2. Cairn's POST /v2/models/bc/infer over loopback at 1, 8 and 64 connections (release build, SQLite,
#      API key checked on every request) — the breast-cancer logistic regression, one row;
#   3. the peer: the same model in onnxruntime-node 1.30.0 behind node:http, a single process and a
#      cluster of two workers (bench/serving/node-peer), same requests, same wrk settings;
#   4. dynamic batching on the digits MLP at 64 connections: off, then max_batch_size 64.
# The three servers run side by side and are measured in turn, round after round (interleaved, so a
# noisy neighbour hits them alike); each row is the median of the rounds.
# Usage: bench/serving/serving.sh [seconds per measurement] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
rounds="${2:-3}"
port=5097
node_port=8091
cluster_port=8092
url="http://127.0.0.1:$port"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

dotnet build src/Cairn.Cli -c Release --nologo -v q >/dev/null
dotnet build bench/serving/RunFloor -c Release --nologo -v q >/dev/null
if [ ! -d bench/serving/node-peer/node_modules/onnxruntime-node ]; then
  # The package's install script fetches a CUDA add-on from nuget.org, which is not reachable here;
  # the CPU library ships inside the package, so the script is skipped.
  (cd bench/serving/node-peer && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --silent >/dev/null)
fi
bin=src/Cairn.Cli/bin/Release/net10.0/cairn.dll
export KEY="cairn_bench$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
dotnet "$bin" db upgrade --data-dir "$work/data" >/dev/null
CAIRN_ADMIN_KEY="$KEY" dotnet "$bin" server --data-dir "$work/data" --urls "$url" --Cairn:Http:AccessLog=false >"$work/server.log" 2>&1 &
pids+=($!)
until curl -sf "$url/readyz" >/dev/null 2>&1; do sleep 0.05; done
cairn() { dotnet "$bin" "$@" --url "$url" --key "$KEY" >/dev/null; }
cairn deploy create bc --onnx models/sklearn/breast_cancer_logreg.onnx
cairn deploy create mlp --onnx models/sklearn/digits_mlp.onnx
cairn deploy create mlp-batched --model mlp --version 1 --max-batch-size 64 --max-queue-delay-ms 1

python3 - "$work" <<'PY'
import json, sys
for name, model in (("bc", "breast_cancer_logreg"), ("mlp", "digits_mlp")):
    row = json.load(open(f"models/sklearn/{model}.expected.json"))["inputs"][0]
    body = {"inputs": [{"name": "input", "shape": [1, len(row)], "datatype": "FP32", "data": row}]}
    open(f"{sys.argv[1]}/{name}.json", "w").write(json.dumps(body))
PY
check() { # $1 url, $2 expected first label
  local label
  label=$(curl -sf -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" --data-binary @"$work/bc.json" "$1" \
    | python3 -c 'import sys,json; print([o for o in json.load(sys.stdin)["outputs"] if o["name"]=="label"][0]["data"][0])')
  [ "$label" = "$2" ] || { echo "wrong answer from $1: label $label, expected $2" >&2; exit 1; }
}
expected_label=$(python3 -c 'import json; print(json.load(open("models/sklearn/breast_cancer_logreg.expected.json"))["labels"][0])')

wrk_row() { # $1 url, $2 body, $3 connections, $4 key; prints "requests/s p50 p99 non-2xx"
  local threads=2
  [ "$3" = 1 ] && threads=1
  KEY="$4" BODY="$2" wrk -t"$threads" -c"$3" -d"${duration}s" --latency -s bench/serving/post.lua "$1" > "$work/out.txt"
  awk '/Requests\/sec/ {r=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {e=$4} END {printf "%.0f %s %s %s\n", r, p50, p99, (e == "" ? 0 : e)}' "$work/out.txt"
}
median_row() { # $1 label, $2 connections, $3 file of "requests/s p50 p99 non-2xx" lines; prints a table row (median by requests/s)
  sort -n "$3" | awk -v label="$1" -v c="$2" '{a[NR]=$0} END {split(a[int((NR+1)/2)], m, " "); all=""; for (i=1; i<=NR; i++) {split(a[i], x, " "); all=all (i>1?", ":"") x[1]}; printf "| %s | %s | %s | %s | %s | %s | %s |\n", label, c, m[1], m[2], m[3], m[4], all}'
}

echo "## In-process floor: OnnxSession.Run, breast-cancer logistic regression, one row"
floor=$(dotnet bench/serving/RunFloor/bin/Release/net10.0/RunFloor.dll models/sklearn/breast_cancer_logreg.onnx models/sklearn/breast_cancer_logreg.expected.json)
echo "- $floor"
echo
start_node() { # $1 script, $2 port
  MODEL="$PWD/models/sklearn/breast_cancer_logreg.onnx" PORT=$2 WORKERS=2 node "bench/serving/node-peer/$1" >"$work/node-$2.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$2/v2/health/ready" >/dev/null 2>&1; do sleep 0.05; done
}
start_node server.js $node_port
start_node cluster.js $cluster_port
sleep 1   # the cluster's second worker
check "$url/v2/models/bc/infer" "$expected_label"
check "http://127.0.0.1:$node_port/v2/models/m/infer" "$expected_label"
check "http://127.0.0.1:$cluster_port/v2/models/m/infer" "$expected_label"
targets=("Cairn|$url/v2/models/bc/infer|$KEY" "onnxruntime-node, 1 process|http://127.0.0.1:$node_port/v2/models/m/infer|" "onnxruntime-node, cluster of 2|http://127.0.0.1:$cluster_port/v2/models/m/infer|")
for t in "${targets[@]}"; do IFS='|' read -r _ u k <<<"$t"; KEY="$k" BODY="$work/bc.json" wrk -t2 -c8 -d2s -s bench/serving/post.lua "$u" >/dev/null; done   # warm-up

echo "## POST /v2/models/{m}/infer, one row: median of $rounds interleaved rounds of ${duration}s (wrk -t1 at 1 connection, -t2 above)"
echo "| server | connections | requests/s | p50 | p99 | non-2xx | requests/s of the rounds, sorted |"
echo "|---|---|---|---|---|---|---|"
for c in 1 8 64; do
  for r in $(seq "$rounds"); do
    for i in "${!targets[@]}"; do
      IFS='|' read -r _ u k <<<"${targets[$i]}"
      wrk_row "$u" "$work/bc.json" "$c" "$k" >> "$work/rows-$i-$c.txt"
    done
  done
  for i in "${!targets[@]}"; do
    IFS='|' read -r label _ _ <<<"${targets[$i]}"
    median_row "$label" "$c" "$work/rows-$i-$c.txt"
  done
done

echo
echo "## Dynamic batching: digits MLP (64 → 100 → 10), one row a request, 64 connections, median of $rounds interleaved rounds"
echo "| deployment | connections | requests/s | p50 | p99 | non-2xx | requests/s of the rounds, sorted |"
echo "|---|---|---|---|---|---|---|"
for d in mlp mlp-batched; do KEY="$KEY" BODY="$work/mlp.json" wrk -t2 -c64 -d2s -s bench/serving/post.lua "$url/v2/models/$d/infer" >/dev/null; done
for r in $(seq "$rounds"); do
  wrk_row "$url/v2/models/mlp/infer" "$work/mlp.json" 64 "$KEY" >> "$work/mlp-off.txt"
  wrk_row "$url/v2/models/mlp-batched/infer" "$work/mlp.json" 64 "$KEY" >> "$work/mlp-on.txt"
done
median_row "mlp, batching off" 64 "$work/mlp-off.txt"
median_row "mlp-batched, max_batch_size 64, max_queue_delay_ms 1" 64 "$work/mlp-on.txt"
curl -sf -H "Authorization: Bearer $KEY" "$url/metrics" | awk '/^cairn_inference_batch_size_(sum|count)\{.*deployment="mlp-batched"/ {split($0, a, " "); v[substr($1, 1, index($1, "{") - 1)] = a[2]} END {printf "- mean rows per run of mlp-batched: %.1f\n", v["cairn_inference_batch_size_sum"] / v["cairn_inference_batch_size_count"]}'
