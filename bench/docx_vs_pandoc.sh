#!/usr/bin/env bash
# reissue extract of a DOCX against `pandoc -t plain` on the same DOCX, side by
# side. Target (issue 15): the import of a 10-page issue takes under 50 ms.
# Usage: bench/docx_vs_pandoc.sh [BUILD_DIR]   (needs hyperfine, pandoc, python3-docx)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A 10-page issue: the articles of corpus issues 000 and 002 (5 + 6 pages as
# PDFs) in one issue, drafted as tests/data/docx/generate.py's "direct" variant.
/usr/bin/python3 - "$work/ten-pages.docx" <<'PY'
import importlib.util, io, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("gen", "tests/data/docx/generate.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
from docx import Document
gold = gen.producers.load_gold("000")
more = gen.producers.load_gold("002")
gold["contents"] += more["contents"]
gold["articles"] += more["articles"]
for n, (entry, article) in enumerate(zip(gold["contents"], gold["articles"]), 1):
    entry["n"] = article["n"] = n
document = Document()
gen.direct(gold, document)
document.save(sys.argv[1])
PY
"$build/reissue" docx -q samples/649.xml -o "$work/own-649.docx"
printf '| DOCX | pandoc -t plain ms | reissue extract ms | ratio |\n|---|---|---|---|\n'
for docx in tests/data/docx/word-002.docx tests/data/docx/noise-001.docx "$work/own-649.docx" "$work/ten-pages.docx"; do
  hyperfine --warmup 2 --min-runs 10 --export-csv "$work/r.csv" \
    "pandoc -t plain '$docx' -o $work/out.txt" \
    "$build/reissue extract -q '$docx' -o $work/out.xml" >/dev/null 2>&1
  awk -F, -v name="$(basename "$docx")" 'NR == 2 {a = $2 * 1000} NR == 3 {b = $2 * 1000}
    END {printf "| %s | %.1f | %.1f | %.2fx |\n", name, a, b, b / a}' "$work/r.csv"
done
