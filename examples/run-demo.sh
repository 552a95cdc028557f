#!/usr/bin/env bash
# Builds examples/demo.c with gosan-cc and runs it: it prints a data race and
# a lock-order inversion report and exits with status 66, as gosan programs
# with reports do.  This script succeeds when that is what happened.
set -uo pipefail
build=${1:-build}
out=$build/examples
mkdir -p "$out"
"$build/bin/gosan-cc" -O1 examples/demo.c -o "$out/demo" || exit 1
echo "== $out/demo (built with gosan-cc)"
"$out/demo"
status=$?
echo "== exit status $status (66: gosan printed reports)"
[ "$status" = 66 ]
