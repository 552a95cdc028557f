#!/bin/sh
# gosan-job.sh: the plain shell job of docs/ci.md, for any CI system.  Run
# from the project's source directory, with gosan installed in
# $GOSAN_PREFIX, built for LLVM $LLVM (14 or 19):
#
#   LLVM=14 GOSAN_PREFIX=/opt/gosan sh gosan-job.sh
#
# Builds the tests checked (the project links gosan::checked into them when
# configured with -DWITH_GOSAN=ON), runs them with ctest under the checker,
# every report written as SARIF to gosan-reports/report.PID.sarif for the
# CI's uploader, and exits 1 when any test failed: a checked program that
# printed a report exits 66.  The same steps as github-actions.yml's.
set -eu
: "${LLVM:?set LLVM, the LLVM gosan was built for}" "${GOSAN_PREFIX:?set GOSAN_PREFIX, where gosan is installed}"

# Build the tests checked
cmake -S . -B build-gosan -G Ninja -DWITH_GOSAN=ON -DCMAKE_PREFIX_PATH="$GOSAN_PREFIX" \
      -DCMAKE_C_COMPILER=/usr/lib/llvm-$LLVM/bin/clang
cmake --build build-gosan

# Run the tests under the checker
status=0
rm -rf gosan-reports && mkdir gosan-reports
GOSAN_OPTIONS="report_format=sarif:log_path=$PWD/gosan-reports/report" \
  ctest --test-dir build-gosan --output-on-failure || status=1

# Name the reports for the uploader
find gosan-reports -type f ! -exec grep -q '"ruleId"' {} \; -delete
for f in gosan-reports/report.*; do [ -e "$f" ] && mv "$f" "$f.sarif"; done; true

exit $status
