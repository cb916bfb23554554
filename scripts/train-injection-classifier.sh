#!/usr/bin/env bash
# Trains the prompt-injection classifier shipped with Cairn on the team's labelled set and measures it on the
# held-out split (never trained on). Deterministic: the same data and seed write the same model, byte for byte.
#   scripts/train-injection-classifier.sh            # writes src/Cairn.Guardrails/Injection/injection-model.bin
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Cairn.Cli -c Release -- guard train-injection \
  --train datasets/injection/train.jsonl --heldout datasets/injection/heldout.jsonl \
  --out src/Cairn.Guardrails/Injection/injection-model.bin "$@"
