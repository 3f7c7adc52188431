#!/usr/bin/env bash
# reissue extract against pdftotext on the same PDFs, side by side, per page.
# Target (issue 4): reissue extract takes no more than 1.5x pdftotext's time.
# Usage: bench/pdf_vs_pdftotext.sh [BUILD_DIR]   (needs hyperfine, qpdf, pdfinfo)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=tests/data/corpus
# A long issue: the corpus PDFs concatenated ten times over.
pages=()
for i in $(seq 10); do pages+=("$corpus"/corpus-00{0,1,2,3}.pdf); done
qpdf --empty --pages "${pages[@]}" -- "$work/long.pdf"
printf '| PDF | pages | pdftotext ms | reissue extract ms | ratio | per page ms |\n|---|---|---|---|---|---|\n'
for pdf in "$corpus"/corpus-000.pdf "$corpus"/corpus-002.pdf "$work/long.pdf"; do
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  hyperfine --warmup 2 --min-runs 10 --export-json "$work/r.json" \
    "pdftotext -enc UTF-8 '$pdf' $work/out.txt" \
    "$build/reissue extract -q '$pdf' -o $work/out.xml" >/dev/null 2>&1
  read -r a b < <(python3 -c "
import json; r=json.load(open('$work/r.json'))['results']
print(r[0]['mean']*1000, r[1]['mean']*1000)")
  python3 -c "print('| %s | %d | %.1f | %.1f | %.2fx | %.2f |' % ('$(basename "$pdf")', $n, $a, $b, $b/$a, $b/$n))"
done
