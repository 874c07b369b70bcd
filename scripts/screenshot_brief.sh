#!/usr/bin/env bash
# Write the HTML evidence brief for outcome "reduced risk" and feature 6, and screenshot it
# in headless Chromium, to look at what a reader will see (screen, then print media).
# Usage: scripts/screenshot_brief.sh [OUT_DIR]   (default: /tmp; needs sevenf and chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir=${1:-/tmp}
sevenf=${SEVENF:-sevenf}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "screenshot_brief: no chromium found (apt-get install chromium)" >&2
  exit 1
fi
html="$out_dir/brief.html"
"$sevenf" --data "${SEVENF_DATA:-data}" brief --outcome "reduced risk" --feature 6 \
  --format html -o "$html" --force
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile")
"$chrome" "${flags[@]}" --screenshot="$out_dir/brief.png" --window-size=1200,${HEIGHT:-2400} \
  "file://$(realpath "$html")" 2>/dev/null
"$chrome" "${flags[@]}" --print-to-pdf="$out_dir/brief.pdf" --no-pdf-header-footer \
  "file://$(realpath "$html")" 2>/dev/null
echo "$html"
echo "$out_dir/brief.png"
echo "$out_dir/brief.pdf"
