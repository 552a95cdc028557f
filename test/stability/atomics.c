// C11 atomics: a release operation read by an acquire operation orders what
// came before the release; a write after it is not ordered.  Each way to
// release and acquire: store/load (default), seq_cst (-DSEQ_CST), a
// read-modify-write (-DRMW), fences around relaxed operations (-DFENCES).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DSEQ_CST %s -o %t-sc
// RUN: sh -c '%t-sc writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-sc reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DSEQ_CST -DORDERED %s -o %t-sco
// RUN: sh -c '%t-sco writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DRMW %s -o %t-rmw
// RUN: sh -c '%t-rmw writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-rmw reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DRMW -DORDERED %s -o %t-rmwo
// RUN: sh -c '%t-rmwo writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DFENCES %s -o %t-f
// RUN: sh -c '%t-f writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-f reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DFENCES -DORDERED %s -o %t-fo
// RUN: sh -c '%t-fo writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// Relaxed operations order nothing, even with the write before the store:
// RUN: %gosan-cc -O1 -DRELAXED -DORDERED %s -o %t-relaxed
// RUN: sh -c '%t-relaxed writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-relaxed writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
#include "Inputs/two_sides.h"

static atomic_int flag;

#if defined(SEQ_CST)
#define RELEASE() atomic_store(&flag, 1)
#define ACQUIRE() atomic_load(&flag)
#elif defined(RMW)
#define RELEASE() atomic_fetch_add_explicit(&flag, 1, memory_order_acq_rel)
#define ACQUIRE() atomic_fetch_add_explicit(&flag, 0, memory_order_acq_rel)
#elif defined(FENCES)
#define RELEASE() (atomic_thread_fence(memory_order_release), \
                   atomic_store_explicit(&flag, 1, memory_order_relaxed))
#define ACQUIRE() (atomic_load_explicit(&flag, memory_order_relaxed) && \
                   (atomic_thread_fence(memory_order_acquire), 1))
#elif defined(RELAXED)
#define RELEASE() atomic_store_explicit(&flag, 1, memory_order_relaxed)
#define ACQUIRE() atomic_load_explicit(&flag, memory_order_relaxed)
#else
#define RELEASE() atomic_store_explicit(&flag, 1, memory_order_release)
#define ACQUIRE() atomic_load_explicit(&flag, memory_order_acquire)
#endif

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    RELEASE();
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    while (!ACQUIRE())
        go_yield();
    read_shared();
}

int main(int argc, char **argv)
{
    parse_order(argc, argv);
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    return finish();
}

// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
