#!/bin/sh
# reissue typeset against Typst (the typst.ts native compiler from npm) on the
# same issue, each as a whole command (process start, fonts, PDF written), and
# Typst's warm re-compile in one process beside it. The issue is turned into a
# Typst document set like styles/default.xml (bench/issue_to_typst.py).
#
# Typst is not a Debian package: install it once, outside the repository:
#   mkdir -p ~/typst && (cd ~/typst && npm install @myriaddreamin/typst-ts-node-compiler)
#   TYPST_NODE_MODULES=~/typst/node_modules bench/typeset_vs_typst.sh [build/reissue] [ISSUE.xml]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
reissue=$(realpath "${1:-$here/../build/reissue}")
issue=$(realpath "${2:-$here/../samples/649.xml}")
modules=${TYPST_NODE_MODULES:?set TYPST_NODE_MODULES to a node_modules holding @myriaddreamin/typst-ts-node-compiler}
command -v hyperfine >/dev/null || { echo "hyperfine is missing (setup.sh installs it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 "$here/issue_to_typst.py" "$issue" > issue.typ
fonts="/usr/share/fonts/opentype/noto /usr/share/fonts/truetype/noto"
export NODE_PATH="$modules"
hyperfine -N --warmup 2 --runs 10 --export-json times.json \
  "$reissue typeset -q $issue -o reissue.pdf" \
  "node $here/typst_compile.js issue.typ typst.pdf 1 $fonts" >/dev/null
warm=$(node "$here/typst_compile.js" issue.typ typst.pdf 6 $fonts)
python3 - "$warm" <<'PY'
import json, sys, subprocess
runs = json.load(open("times.json"))["results"]
ours, theirs = (r["mean"] * 1000 for r in runs)
pages = lambda f: subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0]
print(f"reissue typeset: {ours:.0f} ms, {pages('reissue.pdf')} pages")
print(f"Typst (node, typst.ts): {theirs:.0f} ms, {pages('typst.pdf')} pages; warm re-compile in one process "
      f"{json.loads(sys.argv[1])['warm_median_ms']:.0f} ms")
print(f"reissue is {theirs / ours:.1f}x faster (target >= 3x)")
PY
