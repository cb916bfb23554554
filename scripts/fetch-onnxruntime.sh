#!/usr/bin/env bash
# Obtains ONNX Runtime's native library (the C API, libonnxruntime.so.1) for Cairn.Onnx.
# The official NuGet packages are not reachable here; the same library ships in the npm package
# onnxruntime-node. `npm pack` downloads the tarball without running any install script; only the
# library is extracted, and its SHA-256 is checked before it is used.
# Usage: scripts/fetch-onnxruntime.sh [destination directory]   (default: .native/onnxruntime-1.30.0)
# Run by the build of src/Cairn.Onnx when the library is missing; safe to run again.
set -euo pipefail
version=1.30.0
sha256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
member=package/bin/napi-v6/linux/x64/libonnxruntime.so.1
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/.native/onnxruntime-$version}"
target="$dest/libonnxruntime.so.1"

if [ -f "$target" ] && echo "$sha256  $target" | sha256sum -c --status; then
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "fetch-onnxruntime: only linux-x64 is fetched automatically; set CAIRN_ONNXRUNTIME_PATH to a libonnxruntime $version" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-onnxruntime: npm is not installed (apt-get install npm); model serving stays unavailable until then" >&2
  exit 1
fi

mkdir -p "$dest"
work=$(mktemp -d "$dest/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "onnxruntime-node@$version" >/dev/null)
tar -xzf "$work/onnxruntime-node-$version.tgz" -C "$work" "$member"
if ! echo "$sha256  $work/$member" | sha256sum -c --status; then
  echo "fetch-onnxruntime: $member from onnxruntime-node@$version does not have SHA-256 $sha256; refusing it" >&2
  exit 1
fi
chmod 0644 "$work/$member"
mv -f "$work/$member" "$target"   # atomic: a concurrent build sees the old state or the whole file
echo "fetch-onnxruntime: $target (sha256 $sha256)"
