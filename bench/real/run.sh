#!/usr/bin/env bash
# bench/real/run.sh - a real pthread program under the checker: SQLite's
# amalgamation driven by bench/real/sqlite_mt.c, built plain, under TSan and
# under gosan, with the time and peak-memory ratios of the checked builds.
#
#   bash bench/real/run.sh SQLITE_DIR [BUILD_DIR]      (BUILD_DIR default: build)
#
# SQLITE_DIR holds sqlite3.c and sqlite3.h (or a sqlite*.tar.gz / .zip
# amalgamation to unpack). Nothing is fetched here; get one with e.g.
#   cd /tmp && npm pack better-sqlite3@12 && tar xzf better-sqlite3-*.tgz
#   bash bench/real/run.sh /tmp/package/deps/sqlite3
# Forms (all -O2): plain (clang-14), tsan (clang-14 -fsanitize=thread),
# gosan (BUILD_DIR/bin/gosan-cc: the pthread program checked as TSan checks
# it). The three binaries run interleaved REPS times; the table gives the
# medians of wall time, CPU time (user + system: the checker's work, without
# the sleeps of SQLite's busy handler, which a slower build hits more often)
# and peak RSS (/usr/bin/time %M), and each checked form's ratio over plain.
# A run that fails, or prints a sanitizer report, stops the script; one
# race in SQLite that both checkers find now and then is suppressed for
# both (bench/real/sqlite.supp says which and why).
#
# Environment: REPS=5, THREADS=4, TXNS=3000 (per thread), CC=clang-14,
# FORMS="plain tsan gosan", DB_DIR (where the databases go; default /dev/shm
# when it exists, so that the disk's fsync times stay out of the numbers).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$(dirname "$src")")
sqlite=${1:-}
build=${2:-build}
case "$build" in /*) ;; *) build=$root/$build ;; esac
reps=${REPS:-5}
threads=${THREADS:-4}
txns=${TXNS:-3000}
cc=${CC:-clang-14}
forms=(${FORMS:-plain tsan gosan})
dbdir=${DB_DIR:-}
[ -n "$dbdir" ] || { [ -d /dev/shm ] && dbdir=/dev/shm || dbdir=${TMPDIR:-/tmp}; }
export TMPDIR=$dbdir
export TSAN_OPTIONS="suppressions=$src/sqlite.supp${TSAN_OPTIONS:+ $TSAN_OPTIONS}"
export GOSAN_OPTIONS="suppressions=$src/sqlite.supp${GOSAN_OPTIONS:+:$GOSAN_OPTIONS}"

how="get it with: cd /tmp && npm pack better-sqlite3@12 && tar xzf better-sqlite3-*.tgz, then pass /tmp/package/deps/sqlite3"
[ -n "$sqlite" ] || { echo "usage: run.sh SQLITE_DIR [BUILD_DIR]; SQLITE_DIR has SQLite's amalgamation ($how)" >&2; exit 2; }
[ -d "$sqlite" ] || { echo "run.sh: $sqlite: no such directory ($how)" >&2; exit 2; }
sqlite=$(cd "$sqlite" && pwd)
out=$build/bench/real
mkdir -p "$out"

# The amalgamation: sqlite3.c itself, or the first archive that holds it.
if [ ! -f "$sqlite/sqlite3.c" ]; then
  arc=$(ls "$sqlite"/sqlite*.tar.gz "$sqlite"/sqlite*.zip 2>/dev/null | head -1 || true)
  [ -n "$arc" ] || { echo "run.sh: no sqlite3.c nor amalgamation archive in $sqlite ($how)" >&2; exit 2; }
  rm -rf "$out/src" && mkdir -p "$out/src"
  case "$arc" in
    *.zip) unzip -q -o "$arc" -d "$out/src" ;;
    *) tar xzf "$arc" -C "$out/src" ;;
  esac
  c=$(find "$out/src" -name sqlite3.c | head -1)
  [ -n "$c" ] || { echo "run.sh: $arc has no sqlite3.c" >&2; exit 2; }
  sqlite=$(dirname "$c")
fi

# SQLite's defaults (serialized threading mode, WAL chosen by the driver);
# HAVE_USLEEP as a configured build has it: the busy handler then sleeps
# 1-100 ms between tries of a held write lock, not whole seconds.
defs=(-DSQLITE_THREADSAFE=1 -DSQLITE_OMIT_LOAD_EXTENSION -DHAVE_USLEEP=1)
compile() { # FORM -> prints the compiler command prefix
  case "$1" in
    plain) echo "$cc -O2" ;;
    tsan) echo "$cc -O2 -fsanitize=thread" ;;
    gosan) echo "$build/bin/gosan-cc -O2" ;;
  esac
}
[ -x "$build/bin/gosan-cc" ] || { echo "run.sh: $build/bin/gosan-cc not found: build gosan first (make build)" >&2; exit 2; }
for f in "${forms[@]}"; do
  read -r -a c <<<"$(compile "$f")"
  obj=$out/sqlite3.$f.o
  # the amalgamation takes minutes under the plugin: rebuilt only when the
  # source or the compiler's runtime changed
  if [ ! -f "$obj" ] || [ "$sqlite/sqlite3.c" -nt "$obj" ] || { [ "$f" = gosan ] && [ "$build/lib/gosan-pass.so" -nt "$obj" ]; }; then
    echo "run.sh: compiling sqlite3.c ($f)" >&2
    "${c[@]}" "${defs[@]}" -I"$sqlite" -c "$sqlite/sqlite3.c" -o "$obj"
  fi
  "${c[@]}" "${defs[@]}" -I"$sqlite" "$src/sqlite_mt.c" "$obj" -o "$out/sqlite_mt.$f" -lpthread -ldl -lm
done

python3 - "$out" "$reps" "$threads" "$txns" "${forms[@]}" <<'PY'
import os, statistics, subprocess, sys, tempfile
out, reps, threads, txns, forms = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
t = {f: [] for f in forms}
c = {f: [] for f in forms}
m = {f: [] for f in forms}
for r in range(reps):
    for f in forms[r % len(forms):] + forms[:r % len(forms)]:
        with tempfile.NamedTemporaryFile() as tf:
            run = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%e %U %S %M",
                                  f"{out}/sqlite_mt.{f}", threads, txns],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            tf.seek(0)
            secs, user, sys_, kb = tf.read().split()[-4:]
        err = run.stderr.decode(errors="replace")
        if run.returncode != 0 or "WARNING:" in err:
            sys.exit(f"run.sh: sqlite_mt.{f} failed or reported (status {run.returncode}):\n{err}")
        t[f].append(float(secs))
        c[f].append(float(user) + float(sys_))
        m[f].append(int(kb) / 1024)
print(f"sqlite_mt {threads} threads x {txns} transactions, median of {reps} interleaved runs")
print("| form | wall (s) | CPU (s) | peak RSS (MB) | wall / plain | CPU / plain | memory / plain |")
print("| --- | --- | --- | --- | --- | --- | --- |")
med = lambda d, f: statistics.median(d[f])
base = forms[0]
for f in forms:
    print(f"| {f} | {med(t, f):.2f} | {med(c, f):.2f} | {med(m, f):.1f} | {med(t, f) / med(t, base):.2f}x"
          f" | {med(c, f) / med(c, base):.2f}x | {med(m, f) / med(m, base):.2f}x |")
PY
