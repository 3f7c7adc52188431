#!/usr/bin/env bash
# reissue extract against pdftotext + pdfimages (text and figures, what
# extract recovers) on the same PDFs, side by side, per page.
# Target (issues 4, 12): reissue extract takes no more than 1.5x their time.
# Usage: bench/pdf_vs_pdftotext.sh [BUILD_DIR]   (needs hyperfine, qpdf, pdfinfo, pdfimages)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=tests/data/corpus
# A long PDF: the corpus PDFs concatenated ten times over. It holds forty
# issues, which extract reports as a result it cannot trust (exit 1) after
# doing the whole work: hence --ignore-failure, for that one.
pages=()
for i in $(seq 10); do pages+=("$corpus"/corpus-00{0,1,2,3}.pdf); done
qpdf --empty --pages "${pages[@]}" -- "$work/long.pdf"
# An issue with figures: the bundled sample typeset by reissue.
"$build/reissue" typeset -q samples/649.xml -o "$work/figures.pdf"
printf '| PDF | pages | pdftotext + pdfimages ms | reissue extract ms | ratio | per page ms |\n|---|---|---|---|---|---|\n'
for pdf in "$corpus"/corpus-000.pdf "$corpus"/corpus-002.pdf "$work/figures.pdf" "$work/long.pdf"; do
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  hyperfine --warmup 2 --min-runs 10 --ignore-failure --export-csv "$work/r.csv" \
    "pdftotext -enc UTF-8 '$pdf' $work/out.txt && pdfimages -all '$pdf' $work/img" \
    "$build/reissue extract -q '$pdf' -o $work/out.xml" >/dev/null 2>&1
  # hyperfine's CSV: command, mean (s), ...; one row per command, in order.
  awk -F, -v name="$(basename "$pdf")" -v n="$n" 'NR == 2 {a = $2 * 1000} NR == 3 {b = $2 * 1000}
    END {printf "| %s | %d | %.1f | %.1f | %.2fx | %.2f |\n", name, n, a, b, b / a, b / n}' "$work/r.csv"
done
