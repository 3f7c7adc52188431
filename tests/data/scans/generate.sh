#!/usr/bin/env bash
# Makes the scan test set from the corpus PDFs (../corpus/corpus-NNN.pdf, gold
# in corpus-NNN.gold.json). The outputs are committed, so CI never runs this;
# run it again only to change the set (README.md here says what each file is).
#   tests/data/scans/generate.sh [BUILD_DIR]     (default: build/)
# Needs the built tests/make_scan (Leptonica), pdftoppm and tesseract with
# chi_sim. Noise is random: a second run makes different bytes of the same kind.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$here/../corpus
build=${1:-$here/../../../build}
make_scan=$build/tests/make_scan
[[ -x $make_scan ]] || { echo "build make_scan first: cmake --build $build --target make_scan" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Tesseract's OpenMP threads only slow it down on a shared machine.
export OMP_THREAD_LIMIT=1

render() {  # NNN DPI: grey page images NNN-DPI-K.pgm
  pdftoppm -r "$2" -gray "$corpus/corpus-$1.pdf" "$tmp/$1-$2"
}

# An archive scanner's black and white at 300 dpi (CCITT G4), turned -0.5°.
render 000 300
"$make_scan" --dpi 300 --bilevel --rotate -0.5 "$here/scan-g4-000.pdf" "$tmp"/000-300-*.pgm

# A photocopy scanned in grey at 200 dpi: noise, turned 0.7°, JPEG quality 40.
render 001 200
"$make_scan" --dpi 200 --noise 6 --quality 40 --rotate 0.7 "$here/scan-jpeg-001.pdf" "$tmp"/001-200-*.pgm

# OCR'd scans ("sandwich" PDFs: the page image under Tesseract's invisible
# text): grey JPEG pages at 200 dpi read with the right language ...
render 003 200
"$make_scan" --dpi 200 --noise 3 --quality 35 --image-prefix "$tmp/003-page" "$tmp/unused.pdf" "$tmp"/003-200-*.pgm
ls "$tmp"/003-page-*.jpg >"$tmp/003.txt"
tesseract "$tmp/003.txt" "$here/sandwich-003" -l chi_sim pdf 2>/dev/null

# ... and black and white pages at 300 dpi read with the wrong one (eng): a
# layer of Latin nonsense over Chinese pages, which a fresh reading replaces.
render 002 300
"$make_scan" --dpi 300 --bilevel --rotate 0.3 --image-prefix "$tmp/002-page" "$tmp/unused.pdf" "$tmp"/002-300-*.pgm
ls "$tmp"/002-page-*.tif >"$tmp/002.txt"
tesseract "$tmp/002.txt" "$here/sandwich-eng-002" -l eng pdf 2>/dev/null

# A page with a photograph: issue 649 (samples/) with a synthetic photo (smooth
# shapes and grain, 600 x 400) in its first figure, typeset by reissue, pages
# 1-2 scanned in grey at 200 dpi: Tesseract's layout analysis must cut it out.
mkdir -p "$here/figures"
python3 - "$tmp" "$here/../../../samples/649.xml" <<'PY'
import math, random, struct, sys, zlib
out, sample = sys.argv[1], sys.argv[2]
W, H = 600, 400
random.seed(1)
rows = []
for y in range(H):
    row = bytearray([0])
    for x in range(W):
        v = 100 + 80 * math.sin(x / 37.0) * math.cos(y / 29.0) + 40 * math.sin((x + y) / 61.0)
        for cx, cy, r in ((150, 120, 70), (420, 260, 110), (300, 80, 40)):
            if (x - cx) ** 2 + (y - cy) ** 2 < r * r:
                v = v * 0.5 + 90
        row.append(max(0, min(255, int(v + random.gauss(0, 12)))))
    rows.append(bytes(row))
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 0, 0, 0, 0)) +
       chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b''))
open(out + '/photo.png', 'wb').write(png)
text = open(sample, encoding='utf-8').read().replace('<figure>', '<figure src="photo.png">', 1)
open(out + '/649f.xml', 'w', encoding='utf-8').write(text)
PY
"$build/reissue" typeset -q "$tmp/649f.xml" -o "$tmp/649f.pdf"
pdftoppm -r 200 -gray -f 1 -l 2 "$tmp/649f.pdf" "$tmp/649f"
"$make_scan" --dpi 200 --quality 40 "$here/figures/figure-649.pdf" "$tmp"/649f-*.pgm

ls -l "$here"/*.pdf "$here"/figures/*.pdf
