#!/usr/bin/env bash
# run-local.sh: the CI job of docs/ci.md, run on this machine against this
# checkout's gosan:
#
#   make build                                  # gosan, once
#   examples/ci/run-local.sh [PROJECT]
#
# The steps of github-actions.yml and of the plain shell job: install gosan
# into a prefix (built already, instead of cloned and built), then, in a
# copy of PROJECT (default examples/ci/project, whose counter_test has a
# data race), gosan-job.sh: build the tests checked, run them under the
# checker with GOSAN_OPTIONS=report_format=sarif:log_path=..., name the
# reports *.sarif for the uploader, fail if any test failed.  The upload
# itself needs GitHub: here each report is checked to be JSON instead (when
# the runtime knows report_format; before that the reports are text).
#
# Environment: GOSAN_BUILD, the gosan build tree (default build/); WORK,
# the scratch directory (default GOSAN_BUILD/ci-local; emptied first).
# Exit status: 0 when every test passed with no report, 1 otherwise.
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
project=$(cd "${1:-$src/examples/ci/project}" && pwd)
build=$(cd "${GOSAN_BUILD:-$src/build}" && pwd)
work=${WORK:-$build/ci-local}
LLVM=$(sed -n 's/^GOSAN_LLVM_VERSION:STRING=//p' "$build/CMakeCache.txt")
[ -n "$LLVM" ] || { echo "run-local: $build is not a gosan build tree (make build first)" >&2; exit 2; }
GOSAN_PREFIX=$work/gosan
export LLVM GOSAN_PREFIX
step() { echo "=== run-local: $*"; }

rm -rf "$work"
mkdir -p "$work"
step "Build and install gosan (built already: $build; installed into $GOSAN_PREFIX)"
cmake --install "$build" --prefix "$GOSAN_PREFIX" > "$work/install.log"

step "gosan-job.sh in a copy of $project"
cp -r "$project" "$work/project"
cd "$work/project"
status=0
sh "$src/examples/ci/gosan-job.sh" || status=1

step "Upload the reports to code scanning (not here: each one is checked instead)"
sarif=0
if GOSAN_OPTIONS=help=1 build-gosan/pipeline_test 2>&1 | grep -q report_format; then
  sarif=1
fi
for f in gosan-reports/*.sarif; do
  [ -e "$f" ] || continue
  echo "report: $work/project/$f"
  if [ "$sarif" = 1 ] && ! python3 -m json.tool "$f" > /dev/null; then
    echo "run-local: $f is not JSON: the uploader would reject it" >&2
    status=1
  fi
done
if [ "$status" = 0 ]; then
  echo "=== run-local: passed, no reports"
else
  echo "=== run-local: FAILED: a test failed or gosan reported (see above)"
fi
exit $status
