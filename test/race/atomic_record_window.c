// An atomic and a plain access of the same word at the same moment, once
// per round, over many rounds (a new word each round, kept in step by
// relaxed counters, which order nothing for the checker): every round is
// one race and each must be reported.  The words are static, so an atomic
// can be the first access of a granule and mark it (race/atomic_record.h):
// then the atomic records itself in the mark's entry and the plain access
// in the cells, each storing before it reads the other's store, and one of
// the two must meet the other.  PREMARK: main stores to every word
// atomically before the sides start, so every granule is marked and every
// round goes through the entry; otherwise the first of the two sides
// decides.  READER: the plain side reads.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DPREMARK %s -o %t-pw
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-pw > %t.pw 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.pw
// RUN: grep -E "^  (Atomic read|Atomic write|Read|Write) of size" %t.pw | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 -DPREMARK -DREADER %s -o %t-pr
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-pr > %t.pr 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.pr
// RUN: grep -E "^  (Atomic read|Atomic write|Read|Write) of size" %t.pr | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 %s -o %t-w
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-w > %t.w 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.w
// RUN: grep -E "^  (Atomic read|Atomic write|Read|Write) of size" %t.w | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define ROUNDS 400

static struct {
    _Atomic long v;
    long pad;
} __attribute__((aligned(16))) words[ROUNDS];
static atomic_int done[2];
static long sink;

static void *side(void *arg)
{
    int me = (int)(long)arg, other = 1 - me;
    for (int k = 0; k < ROUNDS; k++) {
        while (atomic_load_explicit(&done[other], memory_order_relaxed) < k)
            ;
        if (me == 0)
            atomic_store_explicit(&words[k].v, 1, memory_order_relaxed);
#ifdef READER
        else
            sink += *(volatile long *)&words[k].v;
#else
        else
            *(volatile long *)&words[k].v = 2;
#endif
        atomic_store_explicit(&done[me], k + 1, memory_order_relaxed);
    }
    return NULL;
}

int main(void)
{
#ifdef PREMARK
    for (int k = 0; k < ROUNDS; k++)
        atomic_store_explicit(&words[k].v, -1, memory_order_relaxed);
#endif
    pthread_t a, b;
    pthread_create(&a, NULL, side, (void *)0L);
    pthread_create(&b, NULL, side, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("rounds %d done\n", ROUNDS);
    return 0;
}
// END: rounds 400 done
// COUNT: {{^}}400{{$}}
