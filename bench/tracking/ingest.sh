#!/usr/bin/env bash
# Tracking ingest benchmark against a Release build on SQLite, load driver (wrk) on the same machine.
#   log-batch: 1,000 metric values per request, 4 connections  -> metric values per second
#   log-metric: one value per request, 8 connections           -> requests per second
# Usage: bench/tracking/ingest.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
port=5098
url="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
dotnet build src/Cairn.Cli -c Release --nologo -v q >/dev/null
export KEY="cairn_bench$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
CAIRN_ADMIN_KEY="$KEY" dotnet src/Cairn.Cli/bin/Release/net10.0/cairn.dll server --data-dir "$work/data" --urls "$url" --Cairn:Http:AccessLog=false >"$work/server.log" 2>&1 &
pid=$!
until curl -sf "$url/readyz" >/dev/null 2>&1; do sleep 0.05; done

new_run() {
  curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"experiment_id":"0","start_time":1}' \
    "$url/api/2.0/mlflow/runs/create" | python3 -c 'import sys,json; print(json.load(sys.stdin)["run"]["info"]["run_id"])'
}

echo "## log-batch, 1,000 metrics per request, 4 connections, ${duration}s"
RUN_ID=$(new_run) wrk -t2 -c4 -d"${duration}s" --latency -s bench/tracking/log-batch.lua "$url" > "$work/batch.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/batch.txt")
echo "- requests/s: $rps -> metric values/s: $(python3 -c "print(round($rps*1000))")"
grep -E "Non-2xx|50%|99%" "$work/batch.txt" | sed 's/^/  /'

# One client, one call at a time: the setting of the MLflow figures in shared/MLFLOW-COMPAT.md
# (MLflow 2.12: 10,000 values in 10 log-batch calls ~0.85 s; 10,000 log-metric calls 66-104 s).
echo "## log-batch, 1,000 metrics per request, 1 connection, ${duration}s"
RUN_ID=$(new_run) wrk -t1 -c1 -d"${duration}s" --latency -s bench/tracking/log-batch.lua "$url" > "$work/batch1.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/batch1.txt")
echo "- requests/s: $rps -> metric values/s: $(python3 -c "print(round($rps*1000))") (MLflow 2.12 recorded: ~11,800)"
grep -E "50%|99%" "$work/batch1.txt" | sed 's/^/  /'

echo "## log-metric, 1 connection, ${duration}s"
RUN_ID=$(new_run) wrk -t1 -c1 -d"${duration}s" --latency -s bench/tracking/log-metric.lua "$url" > "$work/metric1.txt"
echo "- requests/s: $(awk '/Requests\/sec/ {print $2}' "$work/metric1.txt") (MLflow 2.12 recorded: 96-152)"
grep -E "50%|99%" "$work/metric1.txt" | sed 's/^/  /'

echo "## log-metric, 8 connections, ${duration}s"
RUN_ID=$(new_run) wrk -t2 -c8 -d"${duration}s" --latency -s bench/tracking/log-metric.lua "$url" > "$work/metric.txt"
echo "- requests/s: $(awk '/Requests\/sec/ {print $2}' "$work/metric.txt")"
grep -E "Non-2xx|50%|99%" "$work/metric.txt" | sed 's/^/  /'
