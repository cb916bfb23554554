#!/usr/bin/env bash
# PII analysis speed: bench/guardrails/pii.sh [seconds of warm-up]
# Analyzes a 1 KB text dense with personal data of every built-in type, and a 1 KB text of plain prose,
# with all recognizers, call by call after the warm-up; prints median and p90 in microseconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build bench/guardrails/PiiBench -c Release --nologo -v q >/dev/null
dotnet bench/guardrails/PiiBench/bin/Release/net10.0/PiiBench.dll "${1:-5}"
