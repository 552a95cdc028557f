// Two threads access the same word at the same moment, each once per
// round, over many rounds (a new word each round, which main wrote before
// starting them): every round is one race, and each must be reported.  The
// sides keep in step through relaxed counters, which order nothing for the
// checker, so their two checks of the granule overlap in time: each scans
// the cells before the other's store.  Storing plainly, both took the same
// free cell and one erased the other, so neither saw the other (the old
// runtime missed 5-20% of the rounds); the store is now a compare-and-swap
// followed by a second look (race/access.c).  WW: two writes; WR: a write
// and a read.  Pinned to one processor the rounds never overlap (every
// round was reported before too).  The verdict is the number of words
// reported: both sides may find each other now (with report_dedup=0 that
// is two reports of one word; the default reports each address once).
// CROWDED: before the sides start, main also writes five other bytes of
// each granule from five statements (five call nodes, none covering
// another), so every granule has spilled to the side table of crowded
// granules (race/shadow_overflow.c) and each side's check runs through it:
// the same rule holds there.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t-ww
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-ww 400 > %t.ww 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.ww
// RUN: grep -E "^  (Read|Write) of size" %t.ww | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 -DREADER %s -o %t-wr
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-wr 400 > %t.wr 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.wr
// RUN: grep -E "^  (Read|Write) of size" %t.wr | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 -DCROWDED %s -o %t-cww
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-cww 400 > %t.cww 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.cww
// RUN: grep -E "^  (Read|Write) of size" %t.cww | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
// RUN: %gosan-cc -O1 -DCROWDED -DREADER %s -o %t-cwr
// RUN: env GOSAN_OPTIONS=report_dedup=0:symbolize=0 not %t-cwr 400 > %t.cwr 2>&1
// RUN: FileCheck %s --check-prefix=END < %t.cwr
// RUN: grep -E "^  (Read|Write) of size" %t.cwr | grep -o "at 0x[0-9a-f]*" | sort -u | wc -l | FileCheck %s --check-prefix=COUNT
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static int rounds = 400;
static struct {
    long v;
    volatile char b[8]; /* one word per granule; CROWDED: bytes no access to v covers */
} __attribute__((aligned(16))) *words;
static atomic_int done[2];
static long sink[2];

static void *side(void *arg)
{
    int me = (int)(long)arg, other = 1 - me;
    for (int k = 0; k < rounds; k++) {
        while (atomic_load_explicit(&done[other], memory_order_relaxed) < k)
            ;
#ifdef READER
        if (me)
            sink[me] += words[k].v;
        else
#endif
            words[k].v = me + 1;
        atomic_store_explicit(&done[me], k + 1, memory_order_relaxed);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        rounds = atoi(argv[1]);
    words = calloc(rounds, sizeof *words);
    for (int k = 0; k < rounds; k++) {
        words[k].v = -1;
#ifdef CROWDED
        words[k].b[0] = 1;
        words[k].b[2] = 2;
        words[k].b[4] = 3;
        words[k].b[6] = 4;
        words[k].b[7] = 5;
#endif
    }
    pthread_t a, b;
    pthread_create(&a, NULL, side, (void *)0L);
    pthread_create(&b, NULL, side, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("rounds %d done\n", rounds);
    return 0;
}
// END: rounds 400 done
// COUNT: {{^}}400{{$}}
