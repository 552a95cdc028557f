#!/usr/bin/env bash
# bench/ab.sh - the checker suite's slowdowns under two builds of gosan, side
# by side in one run: how much a change costs or saves.
#
#   bash bench/ab.sh BEFORE_BUILD AFTER_BUILD [REPS]
#
# Each build's gosan-cc compiles every program of bench/checker/ (this
# checkout's sources) plain (--plain -O2) and checked (-O2); the four
# binaries of a program then run interleaved REPS times (default 7), and the
# table gives the medians: each build's checked/plain wall-time ratio, and
# after/before of those ratios (below 1: the change made checking cheaper).
# Then the library suite (bench/lib, production library, no checker): each
# program built plain by both builds, run interleaved, after/before of the
# median wall times (below 1: the change made the library faster).
# AB_ONLY=REGEX keeps only the checker programs whose name matches (and
# skips the library suite).  AB_CPU=1 times the checker programs by their
# CPU time (user + system) instead of wall time: on a host loaded by other
# jobs, wall time measures the wait for a processor.
# Make a BEFORE_BUILD with: git worktree add /tmp/before REV && make -C /tmp/before build
set -euo pipefail
before=${1:?usage: ab.sh BEFORE_BUILD AFTER_BUILD [REPS]}
after=${2:?usage: ab.sh BEFORE_BUILD AFTER_BUILD [REPS]}
reps=${3:-7}
src=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
progs=(arrays pipeline pingpong hashmap spawnheavy atomics rwlocks matmul mergesort rwmap server selectfanin)
if [ -n "${AB_ONLY:-}" ]; then
    kept=()
    for p in "${progs[@]}"; do [[ $p =~ $AB_ONLY ]] && kept+=("$p"); done
    progs=("${kept[@]}")
fi
for p in "${progs[@]}"; do
    for side in before after; do
        cc=${!side}/bin/gosan-cc
        [ -x "$cc" ] || { echo "ab.sh: $cc not found: build $side first" >&2; exit 2; }
        "$cc" --plain -O2 -I"$src/lib" "$src/checker/$p.c" -o "$out/$p.$side.plain"
        "$cc" -O2 -I"$src/lib" "$src/checker/$p.c" -o "$out/$p.$side.checked"
    done
done
python3 - "$out" "$reps" "${progs[@]}" <<'PY'
import math, os, resource, statistics, subprocess, sys, time
out, reps, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
cpu = os.environ.get("AB_CPU") == "1"
def now():
    if not cpu:
        return time.monotonic()
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
forms = ["before.plain", "after.plain", "before.checked", "after.checked"]
t = {(p, f): [] for p in progs for f in forms}
for r in range(reps):
    for p in progs:
        for f in forms[r % 4:] + forms[:r % 4]:
            start = now()
            run = subprocess.run([f"{out}/{p}.{f}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t[(p, f)].append(now() - start)
            if run.returncode != 0 or b"WARNING: gosan" in run.stderr:
                sys.exit(f"ab.sh: {p}.{f} failed or reported (status {run.returncode})")
print(f"| program ({'CPU' if cpu else 'wall'} time) | plain before | plain after | checked/plain before | checked/plain after | after/before |")
print("| --- | --- | --- | --- | --- | --- |")
logs = [[], []]
for p in progs:
    m = {f: statistics.median(t[(p, f)]) for f in forms}
    rb, ra = m["before.checked"] / m["before.plain"], m["after.checked"] / m["after.plain"]
    logs[0].append(math.log(rb)); logs[1].append(math.log(ra))
    print(f"| {p} | {m['before.plain']:.3f} s | {m['after.plain']:.3f} s | {rb:.2f}x | {ra:.2f}x | {ra / rb:.2f} |")
gb, ga = (math.exp(sum(l) / len(l)) for l in logs)
print(f"| **geometric mean** | | | **{gb:.2f}x** | **{ga:.2f}x** | **{ga / gb:.2f}** |")
PY
[ -z "${AB_ONLY:-}" ] || exit 0
libprogs=(spawn pingpong chanbuf select4 mutex_uncontended mutex_contended wg_fanout blocked)
for p in "${libprogs[@]}"; do
    for side in before after; do
        "${!side}/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/lib-$p.$side"
    done
done
echo
python3 - "$out" "$reps" "${libprogs[@]}" <<'PY'
import math, statistics, subprocess, sys, time
out, reps, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
t = {(p, f): [] for p in progs for f in ("before", "after")}
for r in range(reps):
    for p in progs:
        for f in (("before", "after") if r % 2 == 0 else ("after", "before")):
            start = time.monotonic()
            run = subprocess.run([f"{out}/lib-{p}.{f}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t[(p, f)].append(time.monotonic() - start)
            if run.returncode != 0:
                sys.exit(f"ab.sh: lib-{p}.{f} failed (status {run.returncode})")
print("| library program | before | after | after/before |")
print("| --- | --- | --- | --- |")
logs = []
for p in progs:
    b, a = statistics.median(t[(p, "before")]), statistics.median(t[(p, "after")])
    logs.append(math.log(a / b))
    print(f"| {p} | {b:.3f} s | {a:.3f} s | {a / b:.2f} |")
print(f"| **geometric mean** | | | **{math.exp(sum(logs) / len(logs)):.2f}** |")
PY
