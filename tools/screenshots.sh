#!/usr/bin/env bash
# tools/screenshots.sh - takes docs/img's screenshots (docs/observability.md)
# of `go tool trace` and `go tool pprof -http` on the two worked examples of
# docs/observability.md, with headless Chromium (the trace viewer's timeline
# through tools/cdp_screenshot.py: see there why).
#
#   bash tools/screenshots.sh BUILD        # needs golang-go, chromium, python3
#
# The examples are taken from the doc itself (the ```c blocks that start a
# task "batch" and set the label "tenant"), built --plain -g by BUILD's
# gosan-cc and run with GOSAN_TRACE / GOSAN_CPUPROFILE; each viewer is
# served on a free loopback port and photographed at a modest window size,
# so each PNG stays well under 200 KB: the timeline of main and the workers
# (one round of hand-offs) and of the task, the goroutine analysis of the
# workers, the user task and region views, and a CPU flame graph rooted at
# the goroutines' "tenant" labels.
set -euo pipefail
build=$(cd "${1:?usage: screenshots.sh BUILD}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
img=$root/docs/img
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$img"

python3 - "$root/docs/observability.md" "$work" <<'PY'
import re, sys
blocks = re.findall(r"```c\n(.*?)```", open(sys.argv[1]).read(), re.S)
pick = lambda key: next(b for b in blocks if key in b)
open(sys.argv[2] + "/trace_example.c", "w").write(pick('gosan_trace_task_begin(0, "batch")'))
open(sys.argv[2] + "/profile_example.c", "w").write(pick('go_label_set("tenant"'))
PY
"$build/bin/gosan-cc" --plain -O2 -g "$work/trace_example.c" -o "$work/trace_example"
"$build/bin/gosan-cc" --plain -O2 -g "$work/profile_example.c" -o "$work/profile_example"
GOSAN_TRACE=$work/example.trace "$work/trace_example"
(cd "$work" && GOSAN_CPUPROFILE=$work/cpu.pprof ./profile_example > /dev/null)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() {
    for _ in $(seq 100); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "screenshots.sh: $1 did not answer" >&2
    return 1
}
shot() { # URL PNG WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=15000 \
        --window-size="$3,$4" --screenshot="$2" "$1" > /dev/null 2>&1
    echo "$2: $(stat -c %s "$2") bytes"
}

tport=$(free_port)
go tool trace -http="127.0.0.1:$tport" "$work/example.trace" > /dev/null 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$tport/"
# The timeline (/trace) fetches and imports /jsontrace from timers after
# load, which `chromium --screenshot` does not wait for: it is photographed
# in real time, once the viewer has drawn, framed by trace_viewer_shot.js.
timeline() { # PATH PNG HEIGHT FRAME
    python3 "$root/tools/cdp_screenshot.py" "http://127.0.0.1:$tport$1" "$2" 1100 "$3" \
        --script "$root/tools/trace_viewer_shot.js" --ready 'gosanTraceReady()' --setup "gosanTraceFrame('$4')"
    echo "$2: $(stat -c %s "$2") bytes"
}
# main is goroutine 1; its view has a row for each goroutine it deals with.
timeline "/trace?goid=1" "$img/trace-timeline.png" 330 burst
tpage=$(curl -sf "http://127.0.0.1:$tport/usertask?type=batch" | python3 -c '
import re, sys
print(re.search(r"href=\"(/trace\?taskid=[0-9]+)", sys.stdin.read()).group(1))')
timeline "$tpage" "$img/trace-task-timeline.png" 420 workers
# The goroutine analysis of the workers (the link /goroutines gives for
# "worker").
gpage=$(curl -sf "http://127.0.0.1:$tport/goroutines" | python3 -c '
import re, sys
print(re.search(r"href=\"(/goroutine\?id=[0-9]+)\">worker<", sys.stdin.read()).group(1))')
shot "http://127.0.0.1:$tport$gpage" "$img/trace-goroutines.png" 1100 260
shot "http://127.0.0.1:$tport/usertask?type=batch" "$img/trace-usertask.png" 1100 500
shot "http://127.0.0.1:$tport/userregion?type=job" "$img/trace-userregion.png" 1100 500

pport=$(free_port)
go tool pprof -http="127.0.0.1:$pport" -no_browser -tagroot=tenant "$work/profile_example" "$work/cpu.pprof" \
    > /dev/null 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$pport/ui/flamegraph"
shot "http://127.0.0.1:$pport/ui/flamegraph" "$img/pprof-flamegraph.png" 1100 500
