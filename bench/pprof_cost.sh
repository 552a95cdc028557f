#!/usr/bin/env bash
# bench/pprof_cost.sh - what CPU profiling costs (production library, no
# checker; docs/perf.md "What CPU profiling costs").
#
#   bash bench/pprof_cost.sh BUILD [REPS]
#
# 1. The library suite (bench/lib, --plain -O2) run interleaved REPS times
#    (default 5) unprofiled and with GOSAN_CPUPROFILE at the default 100 Hz;
#    the table gives the median of each program's own ns/op.
# 2. The cost of one sample, measured where it stands out from the noise: a
#    compute-bound program (two goroutines, fixed work, frames 20 deep) run
#    unprofiled and at 2000 Hz (GOSAN_CPUPROFILE_HZ); the extra CPU time
#    (user+sys, from the kernel's accounting, which does not count time the
#    machine gave others) divided by the samples taken, and what that cost
#    is at 100 Hz: cost x 100 per CPU-second.
set -euo pipefail
build=${1:?usage: pprof_cost.sh BUILD [REPS]}
reps=${2:-5}
src=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
progs=(spawn pingpong chanbuf select4 mutex_uncontended mutex_contended wg_fanout)
for p in "${progs[@]}"; do
    "$build/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/$p"
done
cat > "$out/spin.c" <<'C'
#include <gosan/go.h>
static go_wg wg;
static volatile long sink;
static __attribute__((noinline)) long deep(int d, long n)
{
    if (d)
        return deep(d - 1, n) + 1;
    long x = 0;
    for (long i = 0; i < n; i++)
        x += i * i ^ (x >> 3);
    return x;
}
static void worker(void *arg)
{
    go_label_set("worker", arg);
    for (int i = 0; i < 200; i++)
        sink += deep(20, 2 * 1000 * 1000 + i); /* + i: not one call hoisted */
    go_wg_done(&wg);
}
int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(worker, "a");
    go_spawn(worker, "b");
    go_wg_wait(&wg);
    return 0;
}
C
"$build/bin/gosan-cc" --plain -O2 "$out/spin.c" -o "$out/spin"
python3 - "$out" "$reps" "${progs[@]}" <<'PY'
import math, os, re, resource, statistics, subprocess, sys
out, reps, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
t = {(p, f): [] for p in progs for f in ("off", "on")}
for r in range(reps):
    for p in progs:
        for f in (("off", "on") if r % 2 == 0 else ("on", "off")):
            env = dict(os.environ)
            if f == "on":
                env["GOSAN_CPUPROFILE"] = f"{out}/{p}.pprof"
            run = subprocess.run([f"{out}/{p}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            m = re.search(r"ns_op=([0-9.]+)", run.stdout)
            if run.returncode != 0 or not m:
                sys.exit(f"pprof_cost.sh: {p} ({f}) failed (status {run.returncode})")
            t[(p, f)].append(float(m.group(1)))
print("| program | unprofiled ns/op | profiled ns/op (100 Hz) | profiled/unprofiled |")
print("| --- | --- | --- | --- |")
logs = []
for p in progs:
    off, on = statistics.median(t[(p, "off")]), statistics.median(t[(p, "on")])
    logs.append(math.log(on / off))
    print(f"| {p} | {off:.1f} | {on:.1f} | {on / off:.3f} |")
print(f"| **geometric mean** | | | **{math.exp(sum(logs) / len(logs)):.3f}** |")

def cpu_of(env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([f"{out}/spin"], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

off, on, hz = [], [], 2000
for r in range(reps):
    off.append(cpu_of(dict(os.environ)))
    env = dict(os.environ, GOSAN_CPUPROFILE=f"{out}/spin.pprof", GOSAN_CPUPROFILE_HZ=str(hz))
    on.append(cpu_of(env))
c_off, c_on = statistics.median(off), statistics.median(on)
n = c_on * hz  # one sample per 1/hz s of CPU time
per = (c_on - c_off) / n if n else 0
print()
print(f"compute-bound program: {c_off:.3f} s CPU unprofiled, {c_on:.3f} s at {hz} Hz (~{n:.0f} samples)")
print(f"cost of one sample: {per * 1e6:.2f} us; at 100 Hz: {per * 100 * 100:.3f}% of CPU time")
PY
