#!/usr/bin/env bash
# stress.sh BUILD N [TEST...] - runs the lit tests whose verdicts depend on a
# schedule N times over, in a random order each round, and fails if any run
# of any test failed: a race or deadlock the checker finds must be found on
# every run, and a clean program must pass on every run.  TEST defaults to
# the folders of races, deadlocks, leaks and the timing-order matrix.
#   make stress            N=20 over the default folders
#   make stress N=50 STRESS_TESTS=test/stability/mutex.c
set -uo pipefail
build=${1:?usage: stress.sh BUILD N [TEST...]}
rounds=${2:-20}
shift 2 || shift $#
src=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- test/stability test/race test/deadlock test/asleep test/partial test/leak test/net
site=$(cd "$build" && pwd)/test/lit.site.cfg.py
[ -f "$site" ] || { echo "stress.sh: $site not found: build first (make build)" >&2; exit 2; }
lit=$(sed -n 's/^set(GOSAN_LIT \(.*\))$/\1/p' "$src/test/CMakeLists.txt" | head -1)
version=$(sed -n 's/^config.gosan_llvm_version = "\(.*\)"/\1/p' "$site")
lit=${lit//\$\{GOSAN_LLVM_VERSION\}/$version}
[ -f "$lit" ] || lit=/usr/lib/llvm-14/build/utils/lit/lit.py

declare -A failed
runs=0 fails=0
cd "$src"
for ((i = 1; i <= rounds; i++)); do
    log=$(mktemp)
    /usr/bin/python3 "$lit" -v --order=random --timeout=300 --param gosan_site_config="$site" "$@" >"$log" 2>&1
    rc=$?
    n=$(/usr/bin/python3 "$lit" --show-tests --param gosan_site_config="$site" "$@" 2>/dev/null | grep -c '^  gosan :: ')
    bad=$(sed -n 's/^  gosan :: \(.*\)$/\1/p' "$log" | sort -u)
    # Why each failed (lit -v prints its script and output), so that a rare
    # failure in CI can be read, not only counted.
    [ -z "$bad" ] || sed -n '/^\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\* TEST/,/^\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*$/p' "$log" | tail -n 200 >&2
    nbad=$(printf '%s' "$bad" | grep -c . || true)
    if [ "$rc" != 0 ] && [ "$nbad" = 0 ]; then
        cat "$log" >&2; echo "stress.sh: lit failed (status $rc) without naming a test" >&2; exit 2
    fi
    runs=$((runs + n)); fails=$((fails + nbad))
    for t in $bad; do failed[$t]=$(( ${failed[$t]:-0} + 1 )); done
    echo "round $i/$rounds: $((n - nbad)) passed, $nbad failed${bad:+: $(echo $bad)}"
    rm -f "$log"
done
for t in "${!failed[@]}"; do
    echo "FAILED $t in ${failed[$t]} of $rounds rounds"
done
echo "stress: $((runs - fails)) passed, $fails failed"
[ "$fails" = 0 ]
