#!/usr/bin/env bash
# The main job on the bundled samples: repair and publish every issue in
# samples/ (an editor's issue XML, an extracted text and a PDF from the
# archive) and, when it is there, the shared corpus, into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
build/reissue validate samples/*.xml
build/reissue batch samples -o out/samples
if [[ -d ../shared/corpus ]]; then
  build/reissue batch ../shared/corpus -o out/corpus
fi
echo
echo "Outputs (issue.xml, issue.pdf, issue.docx, images/, review.json per issue):"
find out -name issue.pdf | sort | sed 's/^/  /'
echo "Reports: out/samples/report.csv$([[ -d out/corpus ]] && echo ', out/corpus/report.csv')"
