#!/usr/bin/env bash
# Read benchmarks on SQLite over HTTP (wrk on the same machine): runs/search with a metric filter and
# a metric order-by over 100,000 runs, and metrics/get-history of 100,000 points.
# Usage: bench/tracking/read.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
port=5097
url="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/Cairn.Cli -c Release --nologo -v q >/dev/null
bin=src/Cairn.Cli/bin/Release/net10.0/cairn.dll
export KEY="cairn_bench$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
dotnet "$bin" db upgrade --data-dir "$work/data" >/dev/null
CAIRN_ADMIN_KEY="$KEY" dotnet "$bin" server --data-dir "$work/data" --urls "$url" --Cairn:Http:AccessLog=false >"$work/server.log" 2>&1 &
pid=$!
until curl -sf "$url/readyz" >/dev/null 2>&1; do sleep 0.05; done
history_run=$(python3 bench/tracking/seed.py "$work/data/cairn.db" 100000 100000)

search() { # $1 label, $2 body
  BODY="$2" wrk -t1 -c1 -d"${duration}s" --latency -s bench/tracking/search.lua "$url" > "$work/out.txt"
  local count; count=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2" "$url/api/2.0/mlflow/runs/search" | python3 -c 'import sys,json; print(len(json.load(sys.stdin).get("runs",[])))')
  echo "| $1 | $count | $(awk '$1=="50%" {print $2}' "$work/out.txt") | $(awk '$1=="99%" {print $2}' "$work/out.txt") | $(awk '/Non-2xx/ {print $4}' "$work/out.txt") |"
}

echo "## runs/search over 100,000 runs (one connection, ${duration}s each)"
echo "| query | runs returned | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
search "metrics.acc > 0.5, order by metrics.acc DESC, max_results 100" '{"experiment_ids":["1"],"filter":"metrics.acc > 0.5","order_by":["metrics.acc DESC"],"max_results":100}'
search "same, max_results 1000 (the client default)" '{"experiment_ids":["1"],"filter":"metrics.acc > 0.5","order_by":["metrics.acc DESC"],"max_results":1000}'
search "params.lr = '0.01' and metrics.loss < 1, order by metrics.loss" "{\"experiment_ids\":[\"1\"],\"filter\":\"params.lr = '0.01' and metrics.loss < 1\",\"order_by\":[\"metrics.loss\"],\"max_results\":100}"

echo
echo "## metrics/get-history of 100,000 points (one request, all points)"
for i in 1 2 3 4 5 6 7 8 9 10 11; do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $KEY" "$url/api/2.0/mlflow/metrics/get-history?run_id=$history_run&metric_key=loss"
done | sort -n | awk '{a[NR]=$1*1000} END {printf "- median %.1f ms, min %.1f ms, max %.1f ms over %d requests\n", a[int((NR+1)/2)], a[1], a[NR], NR}'

timed() { # $1 label, $2 url, $3 accept
  for i in 1 2 3 4 5 6 7 8 9 10 11; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $KEY" -H "Accept: $3" "$url$2"
  done | sort -n | awk -v label="$1" '{a[NR]=$1*1000} END {printf "| %s | %.1f ms | %.1f ms |\n", label, a[int((NR+1)/2)], a[NR]}'
}

echo
echo "## Web UI and chart data over the same data (11 requests each, server time including HTML rendering)"
echo "| page or call | median | max |"
echo "|---|---|---|"
timed "runs page of the 100,000-run experiment (first 50, newest first)" "/experiments/1" "text/html"
timed "same, filtered and sorted: metrics.acc > 0.9, order by metrics.acc DESC" "/experiments/1?filter=metrics.acc%20%3E%200.9&order=metrics.acc%20DESC" "text/html"
timed "same, sorted by a metric without a filter" "/experiments/1?order=metrics.acc%20DESC" "text/html"
timed "chart data: 100,000-point history thinned to 1,000 points" "/api/v1/runs/$history_run/metrics?key=loss&points=1000" "application/json"
points=$(curl -s -H "Authorization: Bearer $KEY" "$url/api/2.0/mlflow/metrics/get-history?run_id=$history_run&metric_key=loss" | python3 -c 'import sys,json; print(len(json.load(sys.stdin)["metrics"]))')
echo "- points returned: $points"
