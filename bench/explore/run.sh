#!/usr/bin/env bash
# bench/explore/run.sh - the exploration table: for each bug kernel in
# bench/kernels/, how many schedules gosan-explore needs to find its bug
# (PCT and random strategies) against plain repeated runs on the default
# scheduler, and whether the found seed replays to the same failure.
#
#   bash bench/explore/run.sh [BUILD_DIR]        (default: build)
#
# Every kernel is built once with `gosan-cc --plain -g -O1` (the production
# build: a bug shows as "all goroutines are asleep" (exit 2), a panic
# (abort) or a hang, never as a checker report, so the numbers measure the
# schedules alone).  Columns:
#   plain      runs of the program as is (default scheduler, all CPUs)
#              until the first failure: "n" (found at run n) or "> N"
#   pct, random   schedules gosan-explore tried until the first failure
#              (the number of its "schedule N failed" line), or "> N"
#   replay     the replay command of the pct seed run 5 times: "5/5" when
#              every run failed with the same exit status and the same
#              output as the failing schedule
#
# Environment knobs:
#   EXPLORE_PLAIN_RUNS=100   plain runs per kernel
#   EXPLORE_RUNS=100         schedules per strategy (gosan-explore --runs)
#   EXPLORE_DEPTH=3          PCT depth
#   EXPLORE_TIMEOUT=10       seconds per run before it counts as a hang
#   EXPLORE_ONLY=REGEX       only kernels whose name matches
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$(dirname "$src")")
build=$(cd "${1:-$root/build}" && pwd)
plain_runs=${EXPLORE_PLAIN_RUNS:-100}
runs=${EXPLORE_RUNS:-100}
depth=${EXPLORE_DEPTH:-3}
timeout_s=${EXPLORE_TIMEOUT:-10}
only=${EXPLORE_ONLY:-.}
cc="$build/bin/gosan-cc"
explore="$build/bin/gosan-explore"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs of the program on the default scheduler until one fails.
plain_until_failure() {
    local prog=$1 i
    for ((i = 1; i <= plain_runs; i++)); do
        if ! timeout -s KILL "$timeout_s" "$prog" > /dev/null 2>&1; then
            echo "$i"
            return
        fi
    done
    echo "> $plain_runs"
}

# gosan-explore with one strategy; leaves its output in $work/NAME.STRATEGY.
explore_until_failure() {
    local name=$1 prog=$2 strategy=$3 out="$work/$1.$3"
    "$explore" --strategy "$strategy" --depth "$depth" --runs "$runs" \
        --timeout "$timeout_s" -- "$prog" > "$out" 2>&1 || true
    local n
    n=$(sed -n 's/^gosan-explore: schedule \([0-9]*\) failed.*/\1/p' "$out" | head -1)
    echo "${n:-> $runs}"
}

# The replay command of a found seed, 5 times: same status and output as the
# failing schedule gosan-explore printed.
replay_check() {
    local name=$1 prog=$2 out="$work/$1.pct" seed same=0 i
    seed=$(sed -n 's/^seed: //p' "$out")
    [ -n "$seed" ] || { echo "-"; return; }
    # gosan-explore printed the run's output, then its own three lines.
    head -n -3 "$out" > "$work/$name.expected"
    for ((i = 0; i < 5; i++)); do
        local status=0
        env GOSAN_SCHED=pct GOSAN_PCT_DEPTH="$depth" GOSAN_SEED="$seed" \
            timeout -s KILL "$timeout_s" "$prog" > "$work/$name.replay" 2>&1 || status=$?
        [ "$status" -ne 0 ] && cmp -s "$work/$name.expected" "$work/$name.replay" && same=$((same + 1))
    done
    echo "$same/5 (seed $seed)"
}

echo "| kernel | bug | plain runs | pct (depth $depth) | random | pct seed replays |"
echo "| --- | --- | --- | --- | --- | --- |"
for c in "$root"/bench/kernels/*.c; do
    name=$(basename "$c" .c)
    [[ "$name" =~ $only ]] || continue
    prog="$work/$name"
    "$cc" --plain -g -O1 "$c" -o "$prog"
    kind=$(sed -n 's/.*Bug kernel: [^(]*(GoKer \([a-z]*\)\/.*/\1/p' "$c" | head -1)
    p=$(plain_until_failure "$prog")
    s_pct=$(explore_until_failure "$name" "$prog" pct)
    s_rnd=$(explore_until_failure "$name" "$prog" random)
    r=$(replay_check "$name" "$prog")
    echo "| $name | $kind | $p | $s_pct | $s_rnd | $r |"
done
