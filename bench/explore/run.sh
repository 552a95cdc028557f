#!/usr/bin/env bash
# bench/explore/run.sh - the exploration table: for each bug kernel in
# bench/kernels/, how often its bug shows in plain repeated runs on the
# default scheduler, against the schedules of gosan-explore (PCT and
# random strategies), and whether a found seed replays to the same failure.
#
#   bash bench/explore/run.sh [BUILD_DIR]        (default: build)
#
# Every kernel is built once with `gosan-cc --plain -g -O1` (the production
# build: a bug shows as "all goroutines are asleep" (exit 2), a panic
# (abort) or a hang, never as a checker report, so the numbers measure the
# schedules alone).  Columns:
#   plain         N runs of the program as is (default scheduler, all
#                 CPUs): "k/N, first n": k failed, the first at run n
#   pct, random   N schedules of gosan-explore --keep-going, seeds 1..N, in
#                 the same form: n is where a plain `gosan-explore` stops
#   replay        the replay command of the first failing pct seed, run 5
#                 times: "5/5" when every run failed with the same exit
#                 status and the same output (addresses masked: ASLR)
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

# N runs of the program on the default scheduler: "k/N, first n".
plain_failing() {
    local prog=$1 i k=0 first=
    for ((i = 1; i <= plain_runs; i++)); do
        if ! timeout -s KILL "$timeout_s" "$prog" > /dev/null 2>&1; then
            k=$((k + 1))
            first=${first:-$i}
        fi
    done
    echo "$k/$plain_runs${first:+, first $first}"
}

# gosan-explore --keep-going with one strategy: "k/N, first n"; leaves its
# output in $work/NAME.STRATEGY.
explore_failing() {
    local name=$1 prog=$2 strategy=$3 out="$work/$1.$3" first k
    "$explore" --keep-going --strategy "$strategy" --depth "$depth" --runs "$runs" \
        --timeout "$timeout_s" -- "$prog" > "$out" 2>&1 || true
    first=$(sed -n 's/^gosan-explore: schedule \([0-9]*\) failed.*/\1/p' "$out" | head -1)
    k=$(grep -c '^gosan-explore: schedule [0-9]* failed' "$out" || true)
    echo "$k/$runs${first:+, first $first}"
}

# The replay command of the first failing pct seed, 5 times.
replay_check() {
    local name=$1 prog=$2 out="$work/$1.pct" seed vars same=0 i status
    seed=$(sed -n 's/^seed: //p' "$out" | head -1)
    [ -n "$seed" ] || { echo "-"; return; }
    # The replay command's variables (GOSAN_SCHED=pct ... GOSAN_SEED=N).
    vars=$(sed -n 's/^replay: \(\(GOSAN_[A-Z_]*=[^ ]* \)*\).*/\1/p' "$out" | head -1)
    # That run's output: the lines before its "schedule N failed".
    awk '/^gosan-explore: schedule [0-9]* failed/ { exit } { print }' "$out" |
        sed 's/0x[0-9a-f]*/0x/g' > "$work/$name.expected"
    for ((i = 0; i < 5; i++)); do
        status=0
        env $vars timeout -s KILL "$timeout_s" "$prog" > "$work/$name.replay" 2>&1 || status=$?
        sed -i 's/0x[0-9a-f]*/0x/g' "$work/$name.replay"
        if [ "$status" -ne 0 ] && cmp -s "$work/$name.expected" "$work/$name.replay"; then
            same=$((same + 1))
        fi
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
    p=$(plain_failing "$prog")
    s_pct=$(explore_failing "$name" "$prog" pct)
    s_rnd=$(explore_failing "$name" "$prog" random)
    r=$(replay_check "$name" "$prog")
    echo "| $name | $kind | $p | $s_pct | $s_rnd | $r |"
done
