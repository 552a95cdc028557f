#!/usr/bin/env bash
# bench/httpd/run.sh - gosan-httpd against its Go 1.19 net/http twin
# (go/main.go), measured with wrk on loopback; the checked build against Go's
# -race build; the map-reduce speedup from 1 to 2 workers against Go's.
# Prints the Markdown tables of docs/perf.md ("HTTP server").
#
#   bash bench/httpd/run.sh [BUILD_DIR]     (needs wrk, go; BUILD_DIR: build)
#   REPS=3 DUR=5 ROUTES="hello json" CONNS="100 1000" PROCS="1 2" MR_N=200000000
#   (ROUTES= runs the map-reduce alone)
#
# CPU placement: servers with GOMAXPROCS/GOSAN_MAXPROCS 1 are pinned to CPU 0
# and wrk (one thread) to CPU 1; with 2 procs the server may use both CPUs
# and wrk stays on CPU 1, sharing it.  Each cell also gives the server's own
# CPU time per request (utime + stime from /proc over the run), which depends
# less on what else the machine runs.  Repetitions are interleaved (rep 1 of
# every cell, then rep 2, ...) and each cell reports the median.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
REPS=${REPS:-3}
DUR=${DUR:-5}
ROUTES=${ROUTES-"hello json"}
CONNS=${CONNS:-"100 1000"}
PROCS=${PROCS:-"1 2"}
MR_N=${MR_N:-200000000}
out=$(mktemp -d "${TMPDIR:-/tmp}/gosan-httpd-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
command -v wrk >/dev/null || { echo "run.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
command -v go >/dev/null || { echo "run.sh: go not found" >&2; exit 1; }
ulimit -n 4096 2>/dev/null || true

(cd "$here/go" && go build -o "$out/go-httpd" main.go && go build -race -o "$out/go-httpd-race" main.go)
(cd "$here/go/mapreduce" && go build -o "$out/go-mapreduce" main.go)
"$build/bin/gosan-cc" --plain -O2 "$here/mapreduce.c" -o "$out/mapreduce"
gosan=$build/bin/gosan-httpd
checked=$build/bin/gosan-httpd-checked

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
to_ms() { # wrk latency ("812.00us", "1.20ms", "2.01s") in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# One measurement: server kind, procs, conns, route -> a line in $out/raw.
measure() {
  local kind=$1 procs=$2 conns=$3 route=$4 bin srvcpu=0 wrkcpu=1
  case $kind in
    gosan) bin=$gosan ;; go) bin=$out/go-httpd ;;
    checked) bin=$checked ;; race) bin=$out/go-httpd-race ;;
  esac
  [ "$procs" = 2 ] && srvcpu=0,1
  GOMAXPROCS=$procs GOSAN_MAXPROCS=$procs taskset -c $srvcpu "$bin" 127.0.0.1:0 > "$out/addr" 2> "$out/err" &
  local pid=$!
  for _ in $(seq 100); do [ -s "$out/addr" ] && break; sleep 0.05; done
  local addr; addr=$(head -1 "$out/addr")
  local t0; t0=$(cpu_ticks $pid)
  taskset -c $wrkcpu wrk -t1 -c"$conns" -d"${DUR}s" --latency "http://$addr/$route" > "$out/wrk" 2>&1 || true
  local t1; t1=$(cpu_ticks $pid)
  local rss; rss=$(hwm_kib $pid)
  kill -TERM $pid; wait $pid || true
  local rps p50 p99 reqs errs
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out/wrk")
  reqs=$(awk '/requests in/ {print $1}' "$out/wrk")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out/wrk")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out/wrk")")
  errs=$(awk '/Socket errors|Non-2xx/ {print}' "$out/wrk" | tr '\n' ' ')
  local cpu_us; cpu_us=$(awk -v a="$t0" -v b="$t1" -v n="${reqs:-0}" -v hz="$(getconf CLK_TCK)" \
                          'BEGIN { if (n > 0) printf "%.1f", (b - a) / hz * 1e6 / n; else print "-" }')
  echo "$kind $procs $conns $route ${rps:-0} $p50 $p99 $((rss / 1024)) $cpu_us $errs" >> "$out/raw"
}

cells=()
[ -n "$ROUTES" ] || CONNS=
for procs in $PROCS; do for conns in $CONNS; do for route in $ROUTES; do
  cells+=("gosan $procs $conns $route" "go $procs $conns $route")
done; done; done
for route in $ROUTES; do cells+=("checked 2 100 $route" "race 2 100 $route"); done

for rep in $(seq "$REPS"); do
  for cell in "${cells[@]}"; do
    measure $cell
    echo "rep $rep: $(tail -1 "$out/raw")" >&2
  done
  for w in 1 2; do
    GOSAN_MAXPROCS=$w "$out/mapreduce" $w $MR_N >> "$out/mr-gosan"
    GOMAXPROCS=$w "$out/go-mapreduce" $w $MR_N >> "$out/mr-go"
  done
done

median() { sort -g | awk '{a[NR] = $1} END { print a[int((NR + 1) / 2)] }'; }
col() { awk -v k="$1" -v p="$2" -v c="$3" -v r="$4" -v f="$5" '$1 == k && $2 == p && $3 == c && $4 == r {print $f}' "$out/raw" | median; }

echo "| procs | conns | route | server | req/s | p50 ms | p99 ms | RSS MiB | server CPU µs/req |"
echo "|---|---|---|---|---|---|---|---|---|"
for procs in $PROCS; do for conns in $CONNS; do for route in $ROUTES; do for kind in gosan go; do
  echo "| $procs | $conns | /$route | $kind | $(col $kind $procs $conns $route 5) | $(col $kind $procs $conns $route 6) | $(col $kind $procs $conns $route 7) | $(col $kind $procs $conns $route 8) | $(col $kind $procs $conns $route 9) |"
done; done; done; done
echo
echo "| route (procs 2, 100 conns) | gosan-httpd-checked req/s | slowdown vs gosan | Go -race req/s | slowdown vs Go | checked RSS MiB | Go -race RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for route in $ROUTES; do
  g=$(col gosan 2 100 $route 5); c=$(col checked 2 100 $route 5)
  o=$(col go 2 100 $route 5); r=$(col race 2 100 $route 5)
  echo "| /$route | $c | $(awk -v a="$g" -v b="$c" 'BEGIN{printf "%.1fx", a / b}') | $r | $(awk -v a="$o" -v b="$r" 'BEGIN{printf "%.1fx", a / b}') | $(col checked 2 100 $route 8) | $(col race 2 100 $route 8) |"
done
echo
echo "| map-reduce ($MR_N items) | 1 worker ms | 2 workers ms | speedup |"
echo "|---|---|---|---|"
for kind in gosan go; do
  one=$(awk '$2 == 1 {print $6}' "$out/mr-$kind" | median); two=$(awk '$2 == 2 {print $6}' "$out/mr-$kind" | median)
  echo "| $kind | $one | $two | $(awk -v a="$one" -v b="$two" 'BEGIN{printf "%.2fx", a / b}') |"
done
if [ -f "$out/raw" ] && grep -q '[A-Za-z]' <(awk '{for (i = 10; i <= NF; i++) printf "%s ", $i; print ""}' "$out/raw"); then
  echo; echo "wrk errors:"; awk 'NF > 9' "$out/raw"
fi
