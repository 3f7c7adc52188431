#!/usr/bin/env bash
# Every hostile PDF through the sanitized extractor, two at a time, each with a
# time limit. Fails on a crash, a hang, a sanitizer report (memory error,
# undefined behaviour, leak) or an unexpected status. Usage: run.sh BINARY DIR
# A missing corpus fails too (CI must not pass without it), unless
# REISSUE_SKIP_SHARED=1 says that running without ../shared is intended: then
# it exits 77, which ctest reports as skipped.
set -uo pipefail
binary=$1 dir=$2
if [[ ! -d $dir ]] || [[ -z $(find "$dir" -name '*.pdf' -print -quit) ]]; then
  if [[ ${REISSUE_SKIP_SHARED:-0} == 1 ]]; then
    echo "SKIPPED: robustness corpus not found at $dir (REISSUE_SKIP_SHARED=1)"
    exit 77  # ctest shows the test as skipped (SKIP_RETURN_CODE)
  fi
  echo "FAILED: robustness corpus not found at $dir (no PDFs there): put the shared corpus next to" \
    "the checkout, or set REISSUE_SKIP_SHARED=1 to skip this test on purpose"
  exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87
# fontconfig's one-time leak parsing its configuration (fuzz/lsan.supp says why).
export LSAN_OPTIONS=exitcode=88:suppressions=$(cd "$(dirname "$0")/../../fuzz" && pwd)/lsan.supp
check() {
  local file=$1 log status
  log=$(timeout 60 "$binary" "$file" 2>&1)
  status=$?
  case $status in
    0|2|4) ;;
    124) echo "HANG   $file" ;;
    86|87|88) echo "SANITIZER($status) $file"; echo "$log" | grep -m5 -E "ERROR|runtime error|SUMMARY" ;;
    *) echo "STATUS $status $file"; echo "$log" | tail -3 ;;
  esac
}
export -f check
export binary
count=$(find "$dir" -name '*.pdf' | wc -l)
findings=$(find "$dir" -name '*.pdf' -print0 | sort -z | xargs -0 -n1 -P2 bash -c 'check "$0"')
if [[ -n $findings ]]; then
  echo "$findings"
  echo "FAILED: $(echo "$findings" | grep -c -E '^(HANG|SANITIZER|STATUS)') of $count files"
  exit 1
fi
echo "all $count files: no crash, hang, sanitizer finding or unexpected status"
