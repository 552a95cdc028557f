// Misuse of go_rwmutex is fatal with Go's messages: RUnlock with no reader
// (also after the readers left, and while a writer holds it), Unlock with
// no writer (also while only readers hold it).
// RUN: %plain-cc -DRUNLOCK %s -o %t-r && not --crash %t-r 2>&1 | FileCheck --check-prefix=R %s
// RUN: %plain-cc -DRUNLOCK_AGAIN %s -o %t-r2 && not --crash %t-r2 2>&1 | FileCheck --check-prefix=R %s
// RUN: %plain-cc -DRUNLOCK_WRITER %s -o %t-r3 && not --crash %t-r3 2>&1 | FileCheck --check-prefix=R %s
// RUN: %plain-cc -DUNLOCK %s -o %t-w && not --crash %t-w 2>&1 | FileCheck --check-prefix=W %s
// RUN: %plain-cc -DUNLOCK_READER %s -o %t-w2 && not --crash %t-w2 2>&1 | FileCheck --check-prefix=W %s
#include <gosan/go.h>
#include <stdio.h>

static go_rwmutex rw;

int main(void)
{
    printf("before\n");
    fflush(stdout);
#if defined(RUNLOCK)
    go_rwmutex_runlock(&rw);
#elif defined(RUNLOCK_AGAIN)
    go_rwmutex_rlock(&rw);
    go_rwmutex_rlock(&rw);
    go_rwmutex_runlock(&rw);
    go_rwmutex_runlock(&rw);
    go_rwmutex_runlock(&rw);
#elif defined(RUNLOCK_WRITER)
    go_rwmutex_lock(&rw);
    go_rwmutex_runlock(&rw);
#elif defined(UNLOCK)
    go_rwmutex_unlock(&rw);
#elif defined(UNLOCK_READER)
    go_rwmutex_rlock(&rw);
    go_rwmutex_unlock(&rw);
#endif
    printf("not reached\n");
    return 0;
}
// R: before
// R-NOT: not reached
// R: fatal error: sync: RUnlock of unlocked RWMutex
// W: before
// W-NOT: not reached
// W: fatal error: sync: Unlock of unlocked RWMutex
