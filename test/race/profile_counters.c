// Coverage and PGO counters are the compiler's own, racy by design
// (-fprofile-instr-generate: __profc_* in __llvm_prf_cnts; --coverage:
// __llvm_gcov_ctr*): goroutines running one function at once bump the same
// counters without synchronisation.  They are neither checked nor
// registered as globals, as TSan: no report.  -DRACY adds a real race on a
// user global, which must still be found.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -fprofile-instr-generate %s -o %t-pgo
// RUN: env LLVM_PROFILE_FILE=%t.profraw %t-pgo 2>&1 | FileCheck --allow-empty --check-prefix=CLEAN %s
// RUN: %gosan-cc -O0 -fprofile-instr-generate -fcoverage-mapping %s -o %t-cov
// RUN: env LLVM_PROFILE_FILE=%t.profraw %t-cov 2>&1 | FileCheck --allow-empty --check-prefix=CLEAN %s
// RUN: %gosan-cc -O1 -fprofile-instr-generate -fprofile-update=atomic %s -o %t-atomic
// RUN: env LLVM_PROFILE_FILE=%t.profraw %t-atomic 2>&1 | FileCheck --allow-empty --check-prefix=CLEAN %s
// RUN: cd %T && %gosan-cc -O1 --coverage %s -o %t-gcov
// RUN: cd %T && %t-gcov 2>&1 | FileCheck --allow-empty --check-prefix=CLEAN %s
// RUN: %gosan-cc -O1 -fprofile-instr-generate -DRACY %s -o %t-pgo-racy
// RUN: env LLVM_PROFILE_FILE=%t.profraw not %t-pgo-racy 2>&1 | FileCheck %s
// RUN: cd %T && %gosan-cc -O1 --coverage -DRACY %s -o %t-gcov-racy
// RUN: cd %T && not %t-gcov-racy 2>&1 | FileCheck %s
#include <gosan/go.h>

static go_wg wg;
int shared;

__attribute__((noinline)) int work(int v)
{
    int s = 0;
    for (int i = 0; i < v; i++)
        s += i & 1 ? i : -i;
    return s;
}

static void worker(void *arg)
{
    for (int i = 0; i < 100; i++)
        work(i + (int)(long)arg);
#ifdef RACY
    shared++;
#endif
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 4);
    for (long i = 0; i < 4; i++)
        go_spawn(worker, (void *)i);
    go_wg_wait(&wg);
    return 0;
}

// CLEAN-NOT: data race
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
