#!/usr/bin/env bash
# Peak memory and time of text extraction on one large text (many issues run
# together: the seeds and corpus texts concatenated until SIZE MB). Target
# (issue 10): peak memory at most 6x the input, growing linearly.
# Usage: bench/extract_memory.sh [BUILD_DIR] [SIZE_MB...]   (default: build 10 50)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 50)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat tests/data/seeds/*.txt tests/data/corpus/*.txt >"$work/one.txt"
printf '| input | MB | seconds | peak MiB | peak / input |\n|---|---|---|---|---|\n'
for size in "${sizes[@]}"; do
  big=$work/big-$size.txt
  : >"$big"
  while (($(stat -c %s "$big") < size * 1000000)); do cat "$work/one.txt" >>"$big"; done
  bytes=$(stat -c %s "$big")
  /usr/bin/time -v -o "$work/time.txt" "$build/reissue" extract --in-process -q "$big" \
    -o "$work/out.xml" >/dev/null 2>"$work/err.txt" || true
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + t[i]; print s}' "$work/time.txt")
  peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  awk -v name="big-$size.txt" -v bytes="$bytes" -v s="$seconds" -v kb="$peak_kb" 'BEGIN {
    printf "| %s | %.1f | %.2f | %.0f | %.2fx |\n", name, bytes / 1e6, s, kb / 1024, kb * 1024 / bytes }'
done
