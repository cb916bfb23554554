#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, from Debian's packages:
#   postgresql  - the PostgreSQL store suite starts a real server process (initdb + pg_ctl)
#   chromium    - the web UI tests drive headless Chromium through Playwright
#   prometheus  - promtool parses /metrics as Prometheus itself would
#   openssl     - registry tests sign model versions with openssl, an implementation independent of Cairn's
#   npm         - fetches ONNX Runtime's native library (scripts/fetch-onnxruntime.sh) and the UI's packages
# Safe to run again: it installs only what is missing. Needs root (or sudo).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "prerequisites: all present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "prerequisites: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "prerequisites: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian package starts a cluster service where it can; the tests start their own server.
echo "prerequisites: done"
