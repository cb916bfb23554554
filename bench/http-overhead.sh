#!/usr/bin/env bash
# Foundation benchmark: start-up time, idle memory, and the overhead of an authenticated no-op
# route (GET /api/v1/me: key check through the per-replica cache, no database read) under load,
# measured side by side with the anonymous GET /healthz in the same run.
# Needs wrk (apt-get install wrk). Usage: bench/http-overhead.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
port=5099
url="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
dotnet build src/Cairn.Cli -c Release --nologo -v q >/dev/null
bin=src/Cairn.Cli/bin/Release/net10.0/cairn.dll
key="cairn_bench$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"

start_server() { # $1 = data dir; sets pid and start_ms
  local t0; t0=$(date +%s%N)
  CAIRN_ADMIN_KEY="$key" dotnet "$bin" server --data-dir "$1" --urls "$url" >"$work/server.log" 2>&1 &
  pid=$!
  until curl -sf "$url/readyz" >/dev/null 2>&1; do sleep 0.01; done
  start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

echo "## Start-up (process launch to /readyz 200)"
for kind in fresh existing; do
  times=()
  for i in 1 2 3 4 5; do
    dir="$work/data-$kind"
    [ "$kind" = fresh ] && rm -rf "$dir"
    start_server "$dir"; times+=("$start_ms"); kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "- $kind data directory: median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p) ms (runs: $sorted)"
done

start_server "$work/data-load"
for i in $(seq 1 50); do curl -sf -H "Authorization: Bearer $key" "$url/api/v1/me" >/dev/null; done
sleep 3
echo
echo "## Idle memory after start and 50 requests"
echo "- RSS: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"

run_wrk() { # $1 path, $2 connections, $3 extra header
  local out; out=$(wrk -t1 -c"$2" -d"${duration}s" --latency ${3:+-H "$3"} "$url$1" 2>&1)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  echo "| $1 | $2 | $rps | $p50 | $p99 | ${non2xx:-0} |"
}

echo
echo "## Under load: wrk -t1 -d${duration}s --latency, loopback, same 2-core machine as the server"
echo "| route | connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
for c in 1 8 64; do
  run_wrk /healthz "$c" ""
  run_wrk /api/v1/me "$c" "Authorization: Bearer $key"
done
echo
echo "- RSS after load: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"
