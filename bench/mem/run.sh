#!/usr/bin/env bash
# bench/mem/run.sh - memory per goroutine ever created (docs/perf.md, Suite 3).
#
#   bash bench/mem/run.sh [BUILD_DIR]        (default: build)
#
# Builds bench/mem/goromem.c plain (gosan-cc --plain -O2) and checked
# (gosan-cc -O2) and runs each with N short goroutines (at most 64 live at
# once), with and without labels, printing a markdown table of peak RSS
# (GNU time's %M) and wall time into $BENCH_OUT/mem.md (default
# bench/results).  Flat rows across N mean the checker keeps nothing per
# goroutine ever created.
#
# Environment knobs:
#   MEM_SIZES="250000 500000 1000000 2000000"
#   BENCH_OUT=DIR
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$(dirname "$src")")
build=${1:-build}
case "$build" in /*) ;; *) build=$root/$build ;; esac
bin=$build/bench/bin
out=${BENCH_OUT:-$root/bench/results}
sizes=${MEM_SIZES:-250000 500000 1000000 2000000}
mkdir -p "$bin" "$out"

"$build/bin/gosan-cc" --plain -O2 -I"$root/bench/lib" "$src/goromem.c" -o "$bin/mem-goromem.plain"
"$build/bin/gosan-cc" -O2 -I"$root/bench/lib" "$src/goromem.c" -o "$bin/mem-goromem.checked"

# run BIN N LABELS: prints "RSS_MIB WALL_S"
run() {
  local t
  t=$(mktemp)
  /usr/bin/time -f "%M %e" -o "$t" "$@" > /dev/null
  awk '{printf "%.1f %.2f\n", $1 / 1024, $2}' "$t"
  rm -f "$t"
}

{
  echo "| labels | form | $(for n in $sizes; do printf '%s goroutines: peak RSS MiB (wall s) | ' "$n"; done | sed 's/ | $//') |"
  echo "| --- | --- |$(for n in $sizes; do printf ' --- |'; done)"
  for labels in 0 1; do
    for form in plain checked; do
      row="| $([ $labels = 1 ] && echo yes || echo no) | $form |"
      for n in $sizes; do
        read -r rss wall < <(run "$bin/mem-goromem.$form" "$n" "$labels")
        row="$row $rss ($wall) |"
      done
      echo "$row"
    done
  done
} | tee "$out/mem.md"
