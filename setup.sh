#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install every dependency from
# Debian packages, build reissue, and run the main job on the bundled samples.
#   ./setup.sh            everything
#   SKIP_APT=1 ./setup.sh build and run only (dependencies already installed)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  # toolchain
  g++ cmake make pkg-config
  # libraries (headers)
  libpoppler-cpp-dev libpoppler-private-dev libpodofo-dev libxml2-dev libicu-dev
  libharfbuzz-dev libfontconfig-dev libfreetype-dev libzip-dev libcli11-dev
  nlohmann-json3-dev libpng-dev libjpeg-dev zlib1g-dev libhunspell-dev
  libgtest-dev libgmock-dev
  # OCR of scans and of pages whose text layer cannot be trusted (extract)
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng
  # fonts the typesetter uses
  fontconfig fonts-noto-cjk fonts-noto-core
  # a CFF font keyed by glyph names, not CIDs (Nimbus Roman), for the subsetting tests
  fonts-urw-base35
  # the sRGB ICC profile that `typeset --pdfa` reads at run time for its output intent
  icc-profiles-free
  # the spelling dictionary that tells a Latin word hyphenated at a line end (extract)
  hunspell-en-us
  # tools the tests and benchmarks use as independent consumers of our output
  poppler-utils qpdf mupdf-tools libreoffice-writer-nogui hyperfine time procps
  # python-docx drafts the DOCX test set (tests/data/docx/generate.py); pandoc is the DOCX bench's baseline
  python3-docx pandoc
  # a real browser for the review page and batch index tests (tests/review)
  chromium
  # Apache PDFBox Preflight, the PDF/A-1b validator (tests/layout/pdfa_test.cpp)
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  # fuzzing (fuzz/run.sh): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
)

if [[ "${SKIP_APT:-0}" != 1 ]]; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

echo
echo "== main job: samples/ =="
scripts/run-samples.sh
