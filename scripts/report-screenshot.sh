#!/usr/bin/env bash
# Renders an HTML report (`legatec --report --report-format html -o report.html`) in a real
# browser, headless Chromium from Debian's packages (installed if missing), and writes a
# screenshot: scripts/report-screenshot.sh report.html report.png [WIDTHxHEIGHT]
# The browser runs with no network (the report fetches nothing; a request would fail).
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT (default 1100x2400)]" >&2
    exit 2
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1100x2400}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "report-screenshot: installing chromium (Debian's package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core >/dev/null
    browser=$(command -v chromium)
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --proxy-server='127.0.0.1:9' --proxy-bypass-list='<-loopback>' \
    --window-size="${size/x/,}" --screenshot="$out" "file://$report" 2>/dev/null
test -s "$out"
echo "report-screenshot: wrote $out"
