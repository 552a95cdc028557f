// The switches also come from GOSAN_PASS_OPTIONS (for -fpass-plugin alone,
// where clang rejects -mllvm options it does not know) and from
// -fplugin-arg-gosan-*; an unknown name is reported.
// REQUIRES: plugin
// RUN: env GOSAN_PASS_OPTIONS="stats skip-locals=0" %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=ENV
// RUN: %gosan-clang -O0 -fplugin=%plugin -fplugin-arg-gosan-stats -fplugin-arg-gosan-skip-locals=0 -S -emit-llvm -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=ENV
// RUN: env GOSAN_PASS_OPTIONS="-gosan-stats no-such-switch skip-locals=maybe" %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=BAD
// -mllvm wins over the environment.
// RUN: env GOSAN_PASS_OPTIONS="stats skip-locals=0" %gosan-clang -O0 -fplugin=%plugin -mllvm -gosan-skip-locals=1 -S -emit-llvm -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=MLLVM

int f(int n) {
  int x = n;
  return x + 1;
}

// ENV: gosan-stats: module {{.*}}options.c
// ENV: gosan-stats: skipped-local 0
// BAD: gosan: GOSAN_PASS_OPTIONS: unknown option 'no-such-switch'
// BAD: gosan: GOSAN_PASS_OPTIONS: bad value 'maybe' for skip-locals (want 0 or 1)
// BAD: gosan-stats: skipped-local {{[1-9]}}
// MLLVM: gosan-stats: skipped-local {{[1-9]}}
