/* Unit test of common/callnode.c: a (parent, pc) pair is interned once and
 * keeps its id while the index grows from a few buckets to a million-node
 * tree, a node's stack walks back through its parents, and threads
 * interning the same deep paths at once (bypassing their caches) agree on
 * every id.
 *
 * RUN: %unit_bin/unit_callnode
 */
#include <pthread.h>
#include <stdint.h>

#include "callnode.h"
#include "unit.h"

#define NTHREADS 4
#define DEPTH 20
#define PATHS 4096 /* every path of DEPTH frames below a common root: a recursion */

static uint32_t leaf[NTHREADS][PATHS];

/* The node of path k: at depth d, one of two call sites, by bit d of k, as
 * a recursive function calling itself from two places. */
static uint32_t path_node(unsigned k)
{
    uint32_t node = 0;
    for (unsigned d = 0; d < DEPTH; d++)
        node = gs_node_intern_slow(node, 0x401000 + ((k >> (d % 12)) & 1) * 16 + (d >= 12) * 4);
    return node;
}

static void *interner(void *arg)
{
    unsigned t = (unsigned)(uintptr_t)arg;
    for (unsigned j = 0; j < PATHS; j++) {
        unsigned k = (j * 7 + t * 13) % PATHS; /* every thread in another order */
        leaf[t][k] = path_node(k);
    }
    return NULL;
}

int main(void)
{
    uint32_t a = gs_node_intern(0, 0x1000), b = gs_node_intern(a, 0x2000);
    UT_ASSERT(a != 0 && b != 0 && a != b);
    UT_EQ(gs_node_intern_slow(0, 0x1000), a);
    UT_EQ(gs_node_intern_slow(a, 0x2000), b);
    UT_EQ(gs_node_pc(b), 0x2000);
    uintptr_t pcs[4];
    UT_EQ(gs_node_stack(b, pcs, 4), 2);
    UT_EQ(pcs[0], 0x2000);
    UT_EQ(pcs[1], 0x1000);

    /* a million nodes: the index doubles many times; all stay found */
    static uint32_t many[1 << 20];
    for (unsigned i = 0; i < (1u << 20); i++)
        many[i] = gs_node_intern_slow(i & 1 ? a : b, 0x600000 + (uintptr_t)i * 8);
    for (unsigned i = 0; i < (1u << 20); i++) {
        UT_EQ(gs_node_intern_slow(i & 1 ? a : b, 0x600000 + (uintptr_t)i * 8), many[i]);
        UT_EQ(gs_node_pc(many[i]), 0x600000 + (uintptr_t)i * 8);
    }
    UT_EQ(gs_node_intern_slow(0, 0x1000), a);

    pthread_t th[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++)
        UT_EQ(pthread_create(&th[t], NULL, interner, (void *)(uintptr_t)t), 0);
    for (unsigned t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    for (unsigned k = 0; k < PATHS; k++) {
        for (unsigned t = 1; t < NTHREADS; t++)
            UT_EQ(leaf[t][k], leaf[0][k]);
        UT_EQ(path_node(k), leaf[0][k]);
        UT_EQ(gs_node_stack(leaf[0][k], pcs, 1), 1);
    }
    return ut_done("callnode");
}
