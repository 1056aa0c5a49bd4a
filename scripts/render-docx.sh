#!/bin/sh
# Render DOCX files to PNG (first page) to check the layout by eye:
#   scripts/render-docx.sh out/ a.docx [b.docx ...]
set -eu
export FONTCONFIG_FILE="$(cd "$(dirname "$0")" && pwd)/fonts.conf"
out=$1; shift
mkdir -p "$out"
for f in "$@"; do
	libreoffice --headless --convert-to pdf --outdir "$out" "$f" >/dev/null
	pdf="$out/$(basename "${f%.docx}").pdf"
	pdftoppm -png -r 80 -f 1 -l 1 "$pdf" "${pdf%.pdf}"
done
ls -l "$out"
