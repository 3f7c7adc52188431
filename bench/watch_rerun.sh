#!/usr/bin/env bash
# reissue typeset --watch: the first run (fonts found and loaded) and each
# re-run after a save (one FontLibrary kept), as the watcher itself reports
# them. Target (issue 15): a re-run of a 10-page issue well under a second.
# Usage: bench/watch_rerun.sh [BUILD_DIR] [SAVES]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
saves=${2:-10}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# A long issue: the sample's articles three times over, numbered 1-9.
python3 - samples/649.xml "$work/long.xml" <<'PY'
import re, sys
xml = open(sys.argv[1], encoding="utf-8").read()
xml = re.sub(r"\s*<contents>.*?</contents>", "", xml, flags=re.S)
head, rest = xml.split("  <article ", 1)
articles = ["  <article " + a for a in rest.rsplit("</issue>", 1)[0].split("  <article ")]
out = []
for i in range(9):
    a = re.sub(r'<article n="\d+" id="a\d+">', f'<article n="{i + 1}" id="a{i + 1}">', articles[i % 3])
    out.append(a)
open(sys.argv[2], "w", encoding="utf-8").write(head + "".join(out) + "</issue>\n")
PY
cp samples/649.xml "$work/short.xml"
printf '| issue | pages | first run s | re-run s (median of %d) |\n|---|---|---|---|\n' "$saves"
for issue in short long; do
  "$build/reissue" typeset --watch "$work/$issue.xml" -o "$work/$issue.pdf" 2> "$work/$issue.log" &
  pid=$!
  until grep -q 'page(s)' "$work/$issue.log"; do sleep 0.05; done
  for i in $(seq "$saves"); do
    touch "$work/$issue.xml"  # attributes changed: a save as far as the watcher is concerned
    until [ "$(grep -c 'page(s)' "$work/$issue.log")" -gt "$i" ]; do sleep 0.05; done
  done
  kill -INT "$pid"; wait "$pid" || true; pid=
  lines=$(grep -o '[0-9]* page(s).* in [0-9.]* s' "$work/$issue.log")
  pages=$(head -1 <<< "$lines" | awk '{print $1}')
  first=$(head -1 <<< "$lines" | awk '{print $(NF - 1)}')
  median=$(tail -n +2 <<< "$lines" | awk '{print $(NF - 1)}' | sort -n | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}')
  printf '| %s | %s | %s | %s |\n' "$issue" "$pages" "$first" "$median"
done
