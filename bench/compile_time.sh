#!/usr/bin/env bash
# bench/compile_time.sh - what the plugin costs at compile time: CPU time of
# `gosan-cc -O2 -g -c` (plugin) against `gosan-cc --plain -O2 -g -c` (the
# same clang, no plugin) on this project's own programs and, if given, on
# SQLite's amalgamation.
#
#   bash bench/compile_time.sh BUILD_DIR [SQLITE3_C] [REPS]
#
# BUILD_DIR is a build tree (build, build-llvm19).  SQLITE3_C is the path of
# an sqlite3.c (with its sqlite3.h beside it); nothing is fetched: without
# it the SQLite row is left out.  Each compilation runs REPS times (default
# 3) for the project's files, SQLITE_REPS times (default 1) for SQLite,
# and the table gives the minimum user+system CPU time of each (wall time
# on a shared machine measures the other jobs).  The project's row is the
# sum over bench/checker/*.c, bench/lib/*.c and test/race/*.c.
# GOSAN_PASS_OPTIONS in the environment reaches the plugin (e.g.
# "skip-dominated=0 hoist-invariant=0" to time the pass without those rules).
set -euo pipefail
build=${1:?usage: compile_time.sh BUILD_DIR [SQLITE3_C] [REPS]}
sqlite=${2:-}
reps=${3:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
cc=$build/bin/gosan-cc
[ -x "$cc" ] || { echo "compile_time.sh: $cc not found: build first" >&2; exit 2; }
[ -z "$sqlite" ] || [ -f "$sqlite" ] || { echo "compile_time.sh: $sqlite: no such file" >&2; exit 2; }
python3 - "$cc" "$src" "$sqlite" "$reps" "${SQLITE_REPS:-1}" <<'PY'
import glob, os, resource, subprocess, sys, tempfile
cc, src, sqlite, reps, sqlite_reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
out = os.path.join(tempfile.mkdtemp(), "o.o")

def cpu(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

def best(files, reps, extra):
    t = {"plain": 0.0, "plugin": 0.0}
    for f in files:
        for form in t:
            flags = ["--plain"] if form == "plain" else []
            t[form] += min(cpu([cc] + flags + ["-O2", "-g", "-c", f, "-o", out] + extra(f)) for _ in range(reps))
    return t

own = sorted(glob.glob(f"{src}/bench/checker/*.c") + glob.glob(f"{src}/bench/lib/*.c") +
             glob.glob(f"{src}/test/race/*.c"))
rows = [(f"project programs ({len(own)} files)", best(own, reps, lambda f: [f"-I{src}/bench/lib"]))]
if sqlite:
    rows.append(("sqlite3.c", best([sqlite], sqlite_reps, lambda f: [])))
print("| sources | plain -O2 -g | with the plugin | plugin/plain |")
print("| --- | --- | --- | --- |")
for name, t in rows:
    print(f"| {name} | {t['plain']:.2f} s | {t['plugin']:.2f} s | {t['plugin'] / t['plain']:.2f}x |")
PY
