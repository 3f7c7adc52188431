#!/usr/bin/env bash
# Batch throughput: 200 generated issues (150 texts, 50 PDFs) converted to
# XML, PDF and DOCX with -j 1 and with -j 2, side by side; peak memory per
# worker from the report. Target (issue 7): -j 2 at least 1.8x -j 1.
# Usage: bench/batch_throughput.sh [BUILD_DIR] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
count=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/make_backlog" "$work/in" "$count" >/dev/null
seconds() {  # jobs
  local start end
  start=$(date +%s.%N)
  "$build/reissue" batch -q "$work/in" -o "$work/out-$1" -j "$1" --force 2>/dev/null || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
one=$(seconds 1)
two=$(seconds 2)
failed=$(awk -F, 'NR > 1 && $3 == "failed"' "$work/out-2/report.csv" | wc -l)
# The column by its name: the report gains columns (corrected, in issue 14).
peak=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; ++i) if ($i == "peak_memory_mib") c = i; next}
                $c > max {max = $c} END {print max}' "$work/out-2/report.csv")
awk -v n="$count" -v one="$one" -v two="$two" -v peak="$peak" -v failed="$failed" 'BEGIN {
  printf "| jobs | seconds | issues/s |\n|---|---|---|\n"
  printf "| 1 | %.2f | %.1f |\n| 2 | %.2f | %.1f |\n", one, n / one, two, n / two
  printf "-j 2 / -j 1 throughput: %.2fx (target >= 1.8x); peak memory per worker: %s MiB; %d failed\n", one / two, peak, failed
}'
