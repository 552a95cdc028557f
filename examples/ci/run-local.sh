#!/usr/bin/env bash
# run-local.sh: the CI job of docs/ci.md (github-actions.yml, the shell
# job), step by step on this machine, against this checkout's gosan and the
# example project examples/ci/project:
#
#   make build                               # gosan, once (LLVM 14; LLVM=19 too)
#   examples/ci/run-local.sh [-DVAR=VALUE...]
#
# The job's steps: install gosan into a prefix, build the project's tests
# checked (-DWITH_GOSAN=ON; extra arguments go to that configure, e.g.
# -DWITH_BUG=OFF), run them with ctest under
# GOSAN_OPTIONS=report_format=sarif:log_path=..., name the reports *.sarif
# for the uploader, fail if any test failed (a report makes the program exit
# 66).  Only the parts that need a network or root are left out (apt-get,
# git clone, the upload itself).
#
# Environment: GOSAN_BUILD, the gosan build tree (default build/);
# WORK, the scratch directory (default GOSAN_BUILD/ci-local; emptied first).
# Exit status: 0 when every test passed with no report, 1 otherwise.
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${GOSAN_BUILD:-$src/build}" && pwd)
work=${WORK:-$build/ci-local}
LLVM=$(sed -n 's/^GOSAN_LLVM_VERSION:STRING=//p' "$build/CMakeCache.txt")
GOSAN_PREFIX=$work/gosan
[ -n "$LLVM" ] || { echo "run-local: $build is not a gosan build tree (make build first)" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work"
cd "$work"
step() { echo "=== run-local: $*"; }

step "Build and install gosan (built already: $build)"
cmake --install "$build" --prefix "$GOSAN_PREFIX" > install.log

step "Build the tests checked"
cmake -S "$src/examples/ci/project" -B build-gosan -G Ninja -DWITH_GOSAN=ON -DCMAKE_PREFIX_PATH="$GOSAN_PREFIX" \
      -DCMAKE_C_COMPILER=/usr/lib/llvm-$LLVM/bin/clang -DCMAKE_CXX_COMPILER=/usr/lib/llvm-$LLVM/bin/clang++ "$@" > configure.log
cmake --build build-gosan > build.log

step "Run the tests under the checker"
status=0
rm -rf gosan-reports && mkdir gosan-reports
GOSAN_OPTIONS="report_format=sarif:log_path=$PWD/gosan-reports/report" \
  ctest --test-dir build-gosan --output-on-failure || status=1

step "Name the reports for the uploader"
find gosan-reports -type f -empty -delete
for f in gosan-reports/report.*; do [ -e "$f" ] && mv "$f" "$f.sarif"; done; true

step "Upload the reports to code scanning (not run here; checked instead)"
# The runtime writes SARIF when it knows report_format (else the reports
# are text, after a warning naming the unknown flag): the files must then
# be JSON, as the uploader requires.
sarif=0
if build-gosan/pipeline_test 2>/dev/null >/dev/null && GOSAN_OPTIONS=help=1 build-gosan/pipeline_test 2>&1 | grep -q report_format; then
  sarif=1
fi
for f in gosan-reports/*.sarif; do
  [ -e "$f" ] || continue
  echo "report: $f"
  if [ "$sarif" = 1 ] && ! python3 -m json.tool "$f" > /dev/null; then
    echo "run-local: $f is not JSON" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "=== run-local: passed, no reports" || echo "=== run-local: FAILED: a test failed or gosan reported (see above)"
exit $status
