#!/usr/bin/env bash
# reissue extract reading a scan by OCR against the `tesseract` command on the
# same pages rendered at 300 dpi, side by side, in seconds per page per core.
# Both read one page a thread (tesseract's OpenMP held to one thread by
# OMP_THREAD_LIMIT=1; reissue holds its own), as many pages at once as there
# are cores. reissue's time includes rendering the pages (Poppler's Splash)
# and the whole recognizer; tesseract's only recognition (pdftoppm renders the
# images beforehand, untimed).
# Target: <= 4 s per page per core at 300 dpi.
# Usage: bench/ocr_vs_tesseract.sh [BUILD_DIR] [SCAN.pdf...]
#        (default: the scan test set's image-only PDFs; needs pdftoppm, tesseract with chi_sim, GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
scans=("$@")
[[ ${#scans[@]} -gt 0 ]] || scans=(tests/data/scans/scan-*.pdf)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
# "wall user sys" seconds of a command, from GNU time (its last line: a failing
# status comes first; extract exits 1 while the OCR clean-up rules are missing).
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true; tail -n 1 "$work/time"; }
printf '| scan | pages | tesseract s/page/core | reissue extract s/page/core | ratio | wall s: tesseract, reissue (%d cores) |\n' "$cores"
printf '|---|---|---|---|---|---|\n'
for pdf in "${scans[@]}"; do
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  rm -f "$work"/page-*
  pdftoppm -r 300 -gray "$pdf" "$work/page"
  read -r tw tu ts < <(timed bash -c "ls '$work'/page-*.pgm | OMP_THREAD_LIMIT=1 xargs -P $cores -I{} tesseract {} - -l chi_sim --psm 4")
  read -r rw ru rs < <(timed "$build/reissue" extract -q --in-process --ocr always "$pdf" -o "$work/out.xml")
  awk -v name="$(basename "$pdf")" -v n="$n" -v tw="$tw" -v tu="$tu" -v ts="$ts" -v rw="$rw" -v ru="$ru" -v rs="$rs" \
      'BEGIN {tc = tu + ts; rc = ru + rs
              printf "| %s | %d | %.2f | %.2f | %.2fx | %.1f, %.1f |\n", name, n, tc / n, rc / n, rc / tc, tw, rw}'
done
