#!/usr/bin/env bash
# Registry benchmarks on SQLite over loopback (wrk and curl on the same machine):
#   1. digest verification of a 100 MB version: GET …/verify re-reads and re-hashes every file;
#      the server reports bytes and seconds. sha256sum over the same bytes, in the same run, is the peer.
#   2. get-by-alias at 200 concurrent connections, through MLflow's route and Cairn's own.
# Usage: bench/registry/registry.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
port=5098
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
auth=(-H "Authorization: Bearer $KEY")
json=(-H "Content-Type: application/json")

run=$(curl -sf "${auth[@]}" "${json[@]}" -d '{"experiment_id": 0, "name": "big"}' "$url/api/v1/runs" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
head -c 100000000 /dev/urandom > "$work/weights.bin"
curl -sf "${auth[@]}" -T "$work/weights.bin" "$url/api/v1/runs/$run/artifacts/model/weights.bin" >/dev/null
curl -sf "${auth[@]}" "${json[@]}" -d '{"name": "big"}' "$url/api/v1/models" >/dev/null
curl -sf "${auth[@]}" "${json[@]}" -d "{\"source\": \"runs:/$run/model\"}" "$url/api/v1/models/big/versions" >/dev/null
curl -sf "${auth[@]}" "${json[@]}" -d '{"alias": "champion", "version": 1}' "$url/api/v1/models/big/promotions" >/dev/null

echo "## Digest verification of a 100 MB version (re-read and re-hash every file; 7 runs, page cache warm)"
echo "| what | median MB/s | min MB/s | max MB/s |"
echo "|---|---|---|---|"
for i in 1 2 3 4 5 6 7; do
  curl -sf "${auth[@]}" "$url/api/v1/models/big/versions/1/verify" | python3 -c 'import sys,json; d=json.load(sys.stdin); assert d["intact"] and d["bytes_verified"]==100000000, d; print("%.0f" % d["megabytes_per_second"])'
done | sort -n | awk '{a[NR]=$1} END {printf "| Cairn verify (server-side, in process) | %d | %d | %d |\n", a[4], a[1], a[7]}'
for i in 1 2 3 4 5 6 7; do
  python3 -c '
import subprocess,sys,time
t=time.perf_counter(); subprocess.run(["sha256sum", sys.argv[1]], check=True, capture_output=True); print("%.0f" % (100/(time.perf_counter()-t)))' "$work/weights.bin"
done | sort -n | awk '{a[NR]=$1} END {printf "| sha256sum (coreutils) over the same file | %d | %d | %d |\n", a[4], a[1], a[7]}'
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$url/api/v1/models/big/versions/1/verify"
done | sort -n | awk '{a[NR]=$1} END {printf "- end to end over HTTP (request, verification, answer): median %.0f ms\n", a[2]*1000}'

echo
alias_bench() { # $1 label | clients, $2 path, $3 extra wrk arguments
  wrk -t2 -c200 -d"${duration}s" --latency ${3:-} -H "Authorization: Bearer $KEY" "$url$2" > "$work/out.txt"
  echo "| $1 | $(awk '/Requests\/sec/ {print $2}' "$work/out.txt") | $(awk '$1=="50%" {print $2}' "$work/out.txt") | $(awk '$1=="90%" {print $2}' "$work/out.txt") | $(awk '$1=="99%" {print $2}' "$work/out.txt") | $(awk '/Non-2xx/ {print $4}' "$work/out.txt") |"
}
echo "## get-by-alias, 200 concurrent clients, ${duration}s each (wrk -t2 -c200)"
echo "| route | clients | requests/s | p50 | p90 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|"
mlflow_alias="/api/2.0/mlflow/registered-models/alias?name=big&alias=champion"
native_alias="/api/v1/models/big/aliases/champion"
alias_bench "warm-up | 200" "$mlflow_alias" >/dev/null
alias_bench "MLflow GET registered-models/alias | 200, each thinking 50 ms on average (exponential)" "$mlflow_alias" "-s bench/registry/think.lua"
alias_bench "native GET …/aliases/champion | 200, each thinking 50 ms on average (exponential)" "$native_alias" "-s bench/registry/think.lua"
alias_bench "MLflow GET registered-models/alias | 200, each waiting exactly 50 ms (in lock-step bursts)" "$mlflow_alias" "-s bench/registry/think-fixed.lua"
alias_bench "MLflow GET registered-models/alias | 200, back to back (saturated)" "$mlflow_alias"
alias_bench "native GET …/aliases/champion | 200, back to back (saturated)" "$native_alias"
