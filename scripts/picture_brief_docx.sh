#!/usr/bin/env bash
# Write the short Word brief for features 4 and 5, convert it to PDF with LibreOffice,
# count its pages and draw its first page as docs/brief-docx-page1.png, to see what a
# director will see. Needs sevenf[word] (or pandoc), LibreOffice and poppler-utils:
#   apt-get install -y libreoffice-writer poppler-utils
# Usage: scripts/picture_brief_docx.sh [OUT_DIR]   (default: a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir=${1:-$(mktemp -d)}
sevenf=${SEVENF:-sevenf}
"$sevenf" --data "${SEVENF_DATA:-data}" brief --feature 4 --feature 5 --short \
  --format docx -o "$out_dir/brief.docx" --force
libreoffice --headless --convert-to pdf --outdir "$out_dir" "$out_dir/brief.docx" >/dev/null
pdfinfo "$out_dir/brief.pdf" | grep '^Pages:'
pdftoppm -png -r 60 -f 1 -l 1 "$out_dir/brief.pdf" "$out_dir/page"
cp "$out_dir"/page-1.png docs/brief-docx-page1.png
echo "docs/brief-docx-page1.png"
