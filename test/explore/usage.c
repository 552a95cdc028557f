// gosan-explore's usage errors: each exits 2 with a message naming the
// problem, before any run.  A program that cannot be started is one too.
// RUN: { gosan-explore; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=NOPROG
// NOPROG: gosan-explore: no program given
// NOPROG: usage: gosan-explore [options] -- PROGRAM [ARGS...]
// NOPROG: status=2
// RUN: { gosan-explore --runs 0 -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=RUNS
// RUNS: gosan-explore: argument --runs: '0' must be at least 1
// RUNS: status=2
// RUN: { gosan-explore --shard 2/2 -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=SHARD
// SHARD: gosan-explore: argument --shard: '2/2': want 0 <= i < n
// SHARD: status=2
// RUN: { gosan-explore --shard x -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=SHARDFORM
// SHARDFORM: gosan-explore: argument --shard: 'x' is not of the form i/n
// SHARDFORM: status=2
// RUN: { gosan-explore --strategy dfs -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=STRATEGY
// STRATEGY: gosan-explore: argument --strategy: invalid choice: 'dfs'
// STRATEGY: status=2
// RUN: { gosan-explore --timeout -1 -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=TIMEOUT
// TIMEOUT: gosan-explore: argument --timeout: '-1' must be more than 0 seconds
// TIMEOUT: status=2
// RUN: { gosan-explore --frobnicate -- true; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: gosan-explore: unrecognized arguments: --frobnicate
// UNKNOWN: status=2
// RUN: { gosan-explore -- %t.does-not-exist; echo status=$?; } 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: gosan-explore: {{.*}}does-not-exist: no such program
// MISSING: status=2
// RUN: gosan-explore --help | FileCheck %s --check-prefix=HELP
// HELP: usage: gosan-explore [options] -- PROGRAM [ARGS...]
// HELP: --strategy {pct,random}
// HELP: --shard i/n
// HELP: --timeout SECONDS
