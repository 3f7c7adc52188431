#!/usr/bin/env bash
# What the review page costs on top of extraction (issue 14): reissue review
# against reissue extract on the same PDFs, and pdftoppm rendering the same
# pages as JPEG at the same resolution as a yardstick for the pictures.
# Target: review adds at most 0.5 s to a 6-page issue.
# Usage: bench/review_vs_extract.sh [BUILD_DIR]   (needs hyperfine, pdfinfo, pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '| PDF | pages | extract ms | review ms | added ms | pdftoppm -r 80 -jpeg ms |\n|---|---|---|---|---|---|\n'
for pdf in tests/data/corpus/corpus-002.pdf tests/data/producers/pandoc-song-003.pdf tests/data/producers/lo-airy-003.pdf; do
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  hyperfine --warmup 2 --min-runs 10 --export-csv "$work/r.csv" \
    "$build/reissue extract -q '$pdf' -o $work/out.xml" \
    "$build/reissue review -q '$pdf' -o $work/out.html" \
    "pdftoppm -r 80 -jpeg '$pdf' $work/page" >/dev/null 2>&1
  # hyperfine's CSV: command, mean (s), ...; one row per command, in order.
  awk -F, -v name="$(basename "$pdf")" -v n="$n" 'NR == 2 {a = $2 * 1000} NR == 3 {b = $2 * 1000} NR == 4 {c = $2 * 1000}
    END {printf "| %s | %d | %.0f | %.0f | %.0f | %.0f |\n", name, n, a, b, b - a, c}' "$work/r.csv"
done
