#!/usr/bin/env bash
# bench/record_cost.sh - what the deterministic mode and recording cost on
# the library suite (bench/lib, production library, no checker;
# docs/perf.md).
#
#   bash bench/record_cost.sh BUILD [BEFORE_BUILD] [REPS]
#
# Each program of bench/lib is built --plain -O2 by BUILD's gosan-cc and run
# interleaved REPS times (default 5): in the default mode, with
# GOSAN_SCHED=random GOSAN_SEED=1 (deterministic), and with GOSAN_RECORD
# (deterministic and logged, seed 1; the log goes to a temporary file);
# with BEFORE_BUILD (a build without the deterministic mode) its binary
# runs too, in the default mode.  Smaller op counts than bench/run.sh keep
# the logs small.  The table gives the median of each program's own ns/op.
set -euo pipefail
build=${1:?usage: record_cost.sh BUILD [BEFORE_BUILD] [REPS]}
before=${2:-}
reps=${3:-5}
src=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
progs=("spawn 200000" "pingpong 200000" "chanbuf 500000" "select4 200000" "mutex_uncontended 2000000"
       "mutex_contended 500000" "wg_fanout 20000")
for pa in "${progs[@]}"; do
    p=${pa%% *}
    "$build/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/$p.after"
    [ -z "$before" ] || "$before/bin/gosan-cc" --plain -O2 -I"$src/lib" "$src/lib/$p.c" -o "$out/$p.before"
done
python3 - "$out" "$reps" "$before" "${progs[@]}" <<'PY'
import os, re, statistics, subprocess, sys
out, reps, before, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
forms = ["default", "det", "record"] + (["before"] if before else [])
t = {(p, f): [] for p in progs for f in forms}
size = {}
for r in range(reps):
    for pa in progs:
        p, n = pa.split()
        for f in forms[r % len(forms):] + forms[:r % len(forms)]:
            env = dict(os.environ)
            for k in ("GOSAN_SCHED", "GOSAN_RECORD", "GOSAN_REPLAY", "GOSAN_SEED"):
                env.pop(k, None)
            exe = f"{out}/{p}.before" if f == "before" else f"{out}/{p}.after"
            if f in ("det", "record"):
                env["GOSAN_SEED"] = "1"
            if f == "det":
                env["GOSAN_SCHED"] = "random"
            if f == "record":
                env["GOSAN_RECORD"] = f"{out}/{p}.log"
            run = subprocess.run([exe, n], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            m = re.search(r"ns_op=([0-9.]+)", run.stdout)
            if run.returncode != 0 or not m:
                sys.exit(f"record_cost.sh: {p} ({f}) failed (status {run.returncode}): {run.stderr[:300]}")
            t[(pa, f)].append(float(m.group(1)))
            if f == "record":
                size[pa] = os.path.getsize(f"{out}/{p}.log")
                os.unlink(f"{out}/{p}.log")
hdr = "| program (ops) | default ns/op | deterministic ns/op | recording ns/op | recording/deterministic | recording/default | log MiB |"
sep = "| --- | --- | --- | --- | --- | --- | --- |"
if before:
    hdr += " default/before |"
    sep += " --- |"
print(hdr); print(sep)
for pa in progs:
    m = {f: statistics.median(t[(pa, f)]) for f in forms}
    row = (f"| {pa.replace(' ', ' (')}) | {m['default']:.1f} | {m['det']:.1f} | {m['record']:.1f} | "
           f"{m['record'] / m['det']:.2f} | {m['record'] / m['default']:.2f} | {size[pa] / 2**20:.1f} |")
    if before:
        row += f" {m['default'] / m['before']:.3f} |"
    print(row)
PY
