#!/usr/bin/env bash
# bench/trace_cost.sh - what the execution tracer costs on the library suite
# (bench/lib, production library, no checker; docs/perf.md).
#
#   bash bench/trace_cost.sh BUILD [BEFORE_BUILD] [REPS]
#
# Each program of bench/lib is built --plain -O2 by BUILD's gosan-cc and run
# interleaved REPS times (default 5) with no trace and with GOSAN_TRACE set
# (the trace goes to a temporary file); with BEFORE_BUILD (a build without
# the tracer, or an older one with it) its binary runs too, untraced and
# traced.  The table gives the median of each program's own ns/op:
# traced/untraced, and with BEFORE_BUILD untraced/before (the cost of the
# tracer's sites when no trace runs) and before's own traced/untraced.
# A second table gives the same ratios by CPU time per op (user+sys of the
# whole process, from wait4: other processes' load does not inflate it,
# but a clock read the hypervisor traps may not be charged to it), and the
# load average before and after.  TRACE_COST_PROGS (default: all seven)
# names the programs to run.
set -euo pipefail
build=${1:?usage: trace_cost.sh BUILD [BEFORE_BUILD] [REPS]}
before=${2:-}
reps=${3:-5}
src=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
read -r -a progs <<< "${TRACE_COST_PROGS:-spawn pingpong chanbuf select4 mutex_uncontended mutex_contended wg_fanout}"
for p in "${progs[@]}"; do
    "$build/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/$p.after"
    [ -z "$before" ] || "$before/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/$p.before"
done
python3 - "$out" "$reps" "$before" "${progs[@]}" <<'PY'
import math, os, re, statistics, subprocess, sys
out, reps, before, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
forms = ["off", "on"] + (["before", "before_on"] if before else [])
t = {(p, f): [] for p in progs for f in forms}
cpu = {(p, f): [] for p in progs for f in forms}
size = {}
load0 = os.getloadavg()
for r in range(reps):
    for p in progs:
        for f in forms[r % len(forms):] + forms[:r % len(forms)]:
            env = dict(os.environ)
            exe = f"{out}/{p}.before" if f.startswith("before") else f"{out}/{p}.after"
            if f.endswith("on"):
                env["GOSAN_TRACE"] = f"{out}/{p}.trace"
            proc = subprocess.Popen([exe], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
            stdout = proc.stdout.read()
            _, status, ru = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            m = re.search(r"ops=([0-9]+) ns_op=([0-9.]+)", stdout)
            if proc.returncode != 0 or not m:
                sys.exit(f"trace_cost.sh: {p} ({f}) failed (status {proc.returncode})")
            t[(p, f)].append(float(m.group(2)))
            cpu[(p, f)].append((ru.ru_utime + ru.ru_stime) * 1e9 / int(m.group(1)))
            if f.endswith("on") and os.path.exists(f"{out}/{p}.trace"):
                if f == "on":
                    size[p] = os.path.getsize(f"{out}/{p}.trace")
                os.unlink(f"{out}/{p}.trace")
def table(t, what):
    hdr = f"| program | untraced {what}/op | traced {what}/op | traced/untraced | trace MiB |"
    sep = "| --- | --- | --- | --- | --- |"
    if before:
        hdr += " untraced/before | before traced/untraced |"
        sep += " --- | --- |"
    print(hdr); print(sep)
    lon, loff, lbon = [], [], []
    for p in progs:
        m = {f: statistics.median(t[(p, f)]) for f in forms}
        lon.append(math.log(m["on"] / m["off"]))
        row = f"| {p} | {m['off']:.1f} | {m['on']:.1f} | {m['on'] / m['off']:.3f} | {size[p] / 2**20:.1f} |"
        if before:
            loff.append(math.log(m["off"] / m["before"]))
            lbon.append(math.log(m["before_on"] / m["before"]))
            row += f" {m['off'] / m['before']:.3f} | {m['before_on'] / m['before']:.3f} |"
        print(row)
    row = f"| **geometric mean** | | | **{math.exp(sum(lon) / len(lon)):.3f}** | |"
    if before:
        row += f" **{math.exp(sum(loff) / len(loff)):.3f}** | **{math.exp(sum(lbon) / len(lbon)):.3f}** |"
    print(row)
table(t, "ns")
print()
table(cpu, "CPU ns")
print()
print("load average (1, 5, 15 min): before %.1f %.1f %.1f, after %.1f %.1f %.1f" % (load0 + os.getloadavg()))
PY
