#!/usr/bin/env bash
# bench/run.sh - builds and runs both benchmark suites (`make bench`).
#
#   bash bench/run.sh [BUILD_DIR]        (default: build)
#
# Suite "lib":     the library (gosan-cc --plain -O2) against Go twins.
# Suite "checker": checker overhead: the same C source plain and checked
#                  (gosan-cc), a pthread twin plain and under TSan
#                  (clang-14 -fsanitize=thread), a Go twin plain and -race,
#                  and the same C source under TSan, driven through the
#                  library's hook interface (bench/tsan/hooks.c), against
#                  its plain build.
#
# Every binary that can be built is built; a form whose toolchain part is
# missing (no libgosan_go.a yet, no plugin yet) is skipped and the tables say
# "not built".  Measuring is bench/measure.py: interleaved runs, median of
# BENCH_REPS, markdown tables into bench/results/.
#
# Environment knobs:
#   BENCH_REPS=5          repetitions per variant (median reported)
#   BENCH_SUITES="lib checker"
#   BENCH_ONLY=REGEX      only benchmarks whose name matches
#   BENCH_SCALE=1.0       multiply every problem size (0.1 for a smoke run)
#   BENCH_PROFILE=1       also perf-record one checked benchmark (profile.txt)
#   BENCH_CPU=1           checker slowdowns by CPU time (user + system), not wall
#                         time: for a host loaded by other jobs
#   BENCH_OUT=DIR         results directory (default bench/results)
#   BENCH_CC=clang-14     compiler for the pthread/TSan twins
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$src")
build=${1:-build}
case "$build" in /*) ;; *) build=$root/$build ;; esac
bin=$build/bench/bin
log=$build/bench/build.log
mkdir -p "$bin"
: > "$log"

cc=${BENCH_CC:-clang-14}
gosan_cc=$build/bin/gosan-cc
export GO111MODULE=off GOFLAGS= CGO_ENABLED=1
export GOCACHE=${GOCACHE:-$build/bench/go-cache}

have_lib=0; have_checker=0
[ -x "$gosan_cc" ] && [ -f "$build/lib/libgosan_go.a" ] && have_lib=1
[ "$have_lib" = 1 ] && [ -f "$build/lib/gosan-plugin.so" ] && [ -f "$build/lib/libgosan_rt.a" ] && have_checker=1

# build OUT CMD... : runs CMD, logs failures, never stops the script.
build_one() {
  local out=$1; shift
  if "$@" >>"$log" 2>&1; then
    return 0
  fi
  echo "bench: failed to build $(basename "$out") (see $log)" >&2
  rm -f "$out"
  return 0
}

echo "bench: building into $bin (library: $([ $have_lib = 1 ] && echo yes || echo missing)," \
     "checker: $([ $have_checker = 1 ] && echo yes || echo missing))"

# --- suite 1: library vs Go
for f in "$src"/lib/*.c; do
  b=$(basename "$f" .c)
  if [ "$have_lib" = 1 ]; then
    build_one "$bin/lib-$b.gosan" "$gosan_cc" --plain -O2 -I"$src/lib" "$f" -o "$bin/lib-$b.gosan"
  fi
  build_one "$bin/lib-$b.go" go build -o "$bin/lib-$b.go" "$src/lib/go/$b.go"
done

# --- suite 2: checker overhead
if [ "$have_lib" = 1 ]; then # TSan's hook table for the library, itself uninstrumented
  build_one "$bin/tsan-hooks.o" "$gosan_cc" --plain -O2 -c -I"$root/rt/hooks" "$src/tsan/hooks.c" \
    -o "$bin/tsan-hooks.o"
fi
for f in "$src"/checker/*.c; do
  b=$(basename "$f" .c)
  if [ "$have_lib" = 1 ]; then
    build_one "$bin/chk-$b.gosan-plain" "$gosan_cc" --plain -O2 -I"$src/lib" "$f" -o "$bin/chk-$b.gosan-plain"
  fi
  if [ "$have_checker" = 1 ]; then
    build_one "$bin/chk-$b.gosan-checked" "$gosan_cc" -O2 -I"$src/lib" "$f" -o "$bin/chk-$b.gosan-checked"
  fi
  if [ "$have_lib" = 1 ] && [ -f "$bin/tsan-hooks.o" ]; then
    # the same goroutine program under TSan, which learns the library's
    # happens-before through its hooks (bench/tsan/hooks.c)
    build_one "$bin/chk-$b.gosan-tsan" "$gosan_cc" --plain -O2 -fsanitize=thread -I"$src/lib" "$f" \
      "$bin/tsan-hooks.o" -o "$bin/chk-$b.gosan-tsan"
  fi
  build_one "$bin/chk-$b.pt-plain" "$cc" -O2 -o "$bin/chk-$b.pt-plain" "$src/checker/pthread/$b.c" -lpthread
  build_one "$bin/chk-$b.pt-tsan" "$cc" -O2 -fsanitize=thread -o "$bin/chk-$b.pt-tsan" "$src/checker/pthread/$b.c" -lpthread
  build_one "$bin/chk-$b.go-plain" go build -o "$bin/chk-$b.go-plain" "$src/checker/go/$b.go"
  build_one "$bin/chk-$b.go-race" go build -race -o "$bin/chk-$b.go-race" "$src/checker/go/$b.go"
done

exec python3 "$src/measure.py" --bin "$bin" --out "${BENCH_OUT:-$src/results}" \
  --reps "${BENCH_REPS:-5}" --suites "${BENCH_SUITES:-lib checker}" \
  --only "${BENCH_ONLY:-}" --scale "${BENCH_SCALE:-1.0}" --profile "${BENCH_PROFILE:-0}"
