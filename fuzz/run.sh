#!/usr/bin/env bash
# Builds every fuzz target with clang (libFuzzer, ASan, UBSan) and runs each for
# SECONDS on a scratch copy of its seed corpus (the repository is never
# modified). Exit status 1 when the fuzzers found anything not already listed in
# fuzz/findings/open.txt; each finding is printed with its reproducer.
#
#   fuzz/run.sh SECONDS [TARGET...]
#
# REISSUE_FUZZ_BUILD  build folder (default: build-fuzz next to this folder)
# REISSUE_FUZZ_CXX    the clang++ to use (default: clang++)
# JOBS                parallel compile jobs (default: nproc)
set -uo pipefail
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 64
fi
seconds=$1
shift
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz_dir")
build=${REISSUE_FUZZ_BUILD:-$repo/build-fuzz}
cxx=${REISSUE_FUZZ_CXX:-clang++}
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(issue_xml style_xml style_values extract_text extract_pdf extract_docx typeset_issue)

# Per target: the largest input and the time one input may take (sanitized).
declare -A max_len=([issue_xml]=65536 [style_xml]=16384 [style_values]=4096 [extract_text]=131072
                    [extract_pdf]=400000 [extract_docx]=65536 [typeset_issue]=65536)
declare -A timeout=([issue_xml]=10 [style_xml]=10 [style_values]=30 [extract_text]=10 [extract_pdf]=30 [extract_docx]=30
                    [typeset_issue]=30)
# Dictionaries: the XML formats' element and attribute names, the newsletter's labels.
declare -A dictionary=([issue_xml]=issue [typeset_issue]=issue [style_xml]=style [extract_text]=text)

# -O1 without NDEBUG: assertions stay on while fuzzing.
start=$(date +%s)
mkdir -p "$build"
if ! cmake -S "$repo" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DREISSUE_FUZZ=ON -DREISSUE_BUILD_TESTS=OFF >"$build/configure.log" 2>&1; then
  cat "$build/configure.log" >&2
  exit 2
fi
if ! cmake --build "$build" -j"${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}" >"$build/build.log" 2>&1; then
  tail -40 "$build/build.log" >&2
  echo "fuzz/run.sh: the clang build failed (log: $build/build.log)" >&2
  exit 2
fi
echo "built ${#targets[@]} fuzz target(s) in $(($(date +%s) - start)) s ($build)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$fuzz_dir/lsan.supp:print_suppressions=0}

# Known open findings (other modules'): "file | pattern | what"; a finding
# whose replay log matches a pattern is that one.
known_open() {  # log -> description, or nothing
  local file pattern what
  while IFS='|' read -r file pattern what; do
    [[ -z $file || $file == \#* ]] && continue
    pattern=$(echo "$pattern" | sed 's/^ *//; s/ *$//')
    if grep -qE -- "$pattern" "$1"; then
      echo "$(echo "$what" | sed 's/^ *//') [$(echo "$file" | sed 's/ *$//')]"
      return
    fi
  done <"$fuzz_dir/findings/open.txt"
}

# One line naming a finding: what went wrong and the first frame in our code.
signature() {  # log
  local what frame
  what=$(grep -m1 -E 'SUMMARY: |what\(\): |fuzz property broken|ERROR: libFuzzer: (timeout|out-of-memory|deadly signal)' "$1" |
    sed -E 's/0x[0-9a-f]+/0x…/g')
  frame=$(grep -E '^ *#[0-9]+ ' "$1" | grep -m1 -E " $repo/(model|extract|layout|fonts|fuzz)/" |
    sed -E "s/^ *#[0-9]+ 0x[0-9a-f]+ in //; s| $repo/| |")
  echo "${what:-unknown failure}${frame:+ at $frame}"
}

new_findings=0
for target in "${targets[@]}"; do
  binary=$build/fuzz/fuzz_$target
  scratch=$build/fuzz-runs/$target
  rm -rf "$scratch"
  mkdir -p "$scratch/corpus" "$scratch/artifacts"
  cp -r "$fuzz_dir/corpus/$target/." "$scratch/corpus/"
  limits=(-rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout="${timeout[$target]}")
  options=()
  [[ -n ${dictionary[$target]:-} ]] && options+=(-dict="$fuzz_dir/dict/${dictionary[$target]}.dict")
  # libFuzzer stops at a finding (its input saved under artifacts/); start it
  # again until the time is used, so that one finding does not hide the rest.
  # (Fork mode would go on by itself but runs several times slower here.)
  deadline=$(($(date +%s) + seconds))
  runs=0 restarts=0
  while left=$((deadline - $(date +%s))); ((left > 0 && restarts < 50)); do
    log=$scratch/fuzz-$restarts.log
    "$binary" "${limits[@]}" "${options[@]}" -max_len="${max_len[$target]}" -max_total_time="$left" \
      -artifact_prefix="$scratch/artifacts/" "$scratch/corpus" >"$log" 2>&1
    status=$?
    runs=$((runs + $(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true) + 0))
    ((status == 0)) && break
    restarts=$((restarts + 1))
    # A seed that fails would fail again at once: take it out of the scratch corpus.
    newest=$(ls -t "$scratch"/artifacts/* 2>/dev/null | head -1)
    if [[ -n $newest ]]; then
      sum=$(sha1sum <"$newest" | cut -d' ' -f1)
      for seed in "$scratch"/corpus/*; do
        [[ $(sha1sum <"$seed" | cut -d' ' -f1) == "$sum" ]] && rm -f "$seed"
      done
    else
      echo "  $target: libFuzzer exited with status $status and saved nothing (log: $log)"
      new_findings=$((new_findings + 1))
      break
    fi
  done
  declare -A seen=()
  found=0
  for artifact in "$scratch"/artifacts/*; do
    [[ -f $artifact ]] || continue
    log=$artifact.log
    "$binary" "${limits[@]}" "$artifact" >"$log" 2>&1
    known=$(known_open "$log")
    sig=$(signature "$log")
    if [[ -n $known ]]; then
      key="known: $known"
    else
      key="NEW: $sig"
    fi
    if [[ -z ${seen[$key]:-} ]]; then
      seen[$key]=1
      echo "  $target: $key"
      echo "    reproducer: $artifact (log: $log)"
      [[ -n $known ]] || { found=1; new_findings=$((new_findings + 1)); }
    fi
  done
  unset seen
  echo "$target: ${seconds} s, $runs runs, $restarts restart(s), corpus $(find "$scratch/corpus" -type f | wc -l) files$([[ $found -eq 0 ]] && echo ', no new finding')"
done

echo "total $(($(date +%s) - start)) s"
if [[ $new_findings -gt 0 ]]; then
  cat <<EOF
fuzz/run.sh: $new_findings new finding(s). To keep one: copy its reproducer to
fuzz/findings/TARGET/DESCRIPTIVE-NAME (ctest then replays it through the g++ build);
fix it, or list it in fuzz/findings/open.txt when it belongs to another module.
EOF
  exit 1
fi
