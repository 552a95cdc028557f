#!/usr/bin/env bash
# bench/trace_cost_go.sh - what Go 1.19's own execution tracer costs on the
# Go twins of the library suite (bench/lib/go), the anchor for gosan's
# tracer (bench/trace_cost.sh; docs/perf.md, "What tracing costs").
#
#   bash bench/trace_cost_go.sh [REPS]
#
# Each twin is built twice with `go build` (in a temporary directory): as
# it is, and with one more file whose init() starts runtime/trace into $GO_TRACE_OUT, so the whole
# run is traced as GOSAN_TRACE traces a gosan program (the twins return
# from main without trace.Stop, so the last partial buffers are not
# written: that saves the traced side a few KiB).  Both run interleaved
# REPS times (default 5); the table gives medians of the program's own
# ns/op and of the process's CPU time per op (user+sys from wait4), and
# traced/untraced.  TRACE_COST_PROGS picks programs.
set -euo pipefail
reps=${1:-5}
src=$(cd "$(dirname "$0")" && pwd)
command -v go >/dev/null || { echo "trace_cost_go.sh: go not found (apt-get install golang-go)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export GO111MODULE=off GOFLAGS= GOCACHE=${GOCACHE:-$out/go-cache}
read -r -a progs <<< "${TRACE_COST_PROGS:-spawn pingpong chanbuf select4 mutex_uncontended mutex_contended wg_fanout}"
cat > "$out/tracestart.go" <<'GO'
//go:build ignore

package main

import (
	"os"
	"runtime/trace"
)

func init() {
	p := os.Getenv("GO_TRACE_OUT")
	if p == "" {
		return
	}
	f, err := os.Create(p)
	if err == nil {
		err = trace.Start(f)
	}
	if err != nil {
		os.Stderr.WriteString("tracestart: " + err.Error() + "\n")
		os.Exit(2)
	}
}
GO
for p in "${progs[@]}"; do
    mkdir -p "$out/src-$p"
    cp "$src/lib/go/$p.go" "$out/src-$p/"
    cp "$out/tracestart.go" "$out/src-$p/"
    go build -o "$out/$p" "$out/src-$p/$p.go"
    go build -o "$out/$p.traced" "$out/src-$p/$p.go" "$out/src-$p/tracestart.go"
done
python3 - "$out" "$reps" "${progs[@]}" <<'PY'
import math, os, re, statistics, subprocess, sys
out, reps, progs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
forms = ["off", "on"]
t = {(p, f): [] for p in progs for f in forms}
cpu = {(p, f): [] for p in progs for f in forms}
size = {}
load0 = os.getloadavg()
for r in range(reps):
    for p in progs:
        for f in forms[r % 2:] + forms[:r % 2]:
            env = dict(os.environ)
            exe = f"{out}/{p}" + (".traced" if f == "on" else "")
            if f == "on":
                env["GO_TRACE_OUT"] = f"{out}/{p}.trace"
            proc = subprocess.Popen([exe], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
            stdout = proc.stdout.read()
            _, status, ru = os.wait4(proc.pid, 0)
            m = re.search(r"ops=([0-9]+) ns_op=([0-9.]+)", stdout)
            if os.waitstatus_to_exitcode(status) != 0 or not m:
                sys.exit(f"trace_cost_go.sh: {p} ({f}) failed")
            t[(p, f)].append(float(m.group(2)))
            cpu[(p, f)].append((ru.ru_utime + ru.ru_stime) * 1e9 / int(m.group(1)))
            if f == "on":
                size[p] = os.path.getsize(f"{out}/{p}.trace")
                os.unlink(f"{out}/{p}.trace")
def table(t, what):
    print(f"| program | untraced {what}/op | traced {what}/op | traced/untraced | trace MiB |")
    print("| --- | --- | --- | --- | --- |")
    logs = []
    for p in progs:
        off, on = statistics.median(t[(p, "off")]), statistics.median(t[(p, "on")])
        logs.append(math.log(on / off))
        print(f"| {p} | {off:.1f} | {on:.1f} | {on / off:.3f} | {size[p] / 2**20:.1f} |")
    print(f"| **geometric mean** | | | **{math.exp(sum(logs) / len(logs)):.3f}** | |")
print("Go", subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip())
table(t, "ns")
print()
table(cpu, "CPU ns")
print()
print("load average (1, 5, 15 min): before %.1f %.1f %.1f, after %.1f %.1f %.1f" % (load0 + os.getloadavg()))
PY
