/* Unit test of common/stackdepot.c: a stack is stored once, ids are stable
 * and load back the same pcs, deep stacks are truncated, id 0 and unknown
 * ids load nothing, and threads saving the same stacks at once agree on
 * their ids.
 *
 * RUN: %unit_bin/unit_stackdepot
 */
#include <pthread.h>
#include <stdint.h>

#include "stackdepot.h"
#include "unit.h"

#define NSTACKS 2000
#define NTHREADS 4

static gs_stack_id ids[NTHREADS][NSTACKS];

static void stack_of(unsigned k, uintptr_t *pcs, size_t *n)
{
    *n = 1 + k % 20;
    for (size_t i = 0; i < *n; i++)
        pcs[i] = 0x400000 + k * 64 + i * 8;
}

static void *saver(void *arg)
{
    unsigned t = (unsigned)(uintptr_t)arg;
    for (unsigned j = 0; j < NSTACKS; j++) {
        unsigned k = (j * 7 + t * 13) % NSTACKS; /* every thread in another order */
        uintptr_t pcs[32];
        size_t n;
        stack_of(k, pcs, &n);
        ids[t][k] = gs_stack_save(pcs, n);
    }
    return NULL;
}

int main(void)
{
    uintptr_t a[3] = {0x1000, 0x2000, 0x3000}, b[3] = {0x1000, 0x2000, 0x3001};
    const uintptr_t *pcs;
    size_t n;
    UT_EQ(gs_stack_save(a, 0), 0);
    UT_EQ(gs_stack_load(0, &pcs, &n), false);
    gs_stack_id ia = gs_stack_save(a, 3), ib = gs_stack_save(b, 3), ia2 = gs_stack_save(a, 2);
    UT_ASSERT(ia != 0 && ib != 0 && ia2 != 0);
    UT_ASSERT(ia != ib && ia != ia2 && ib != ia2);
    UT_EQ(gs_stack_save(a, 3), ia);
    UT_ASSERT(gs_stack_load(ib, &pcs, &n));
    UT_EQ(n, 3);
    UT_EQ(pcs[2], 0x3001);
    UT_EQ(gs_stack_load(ib + 1000000, &pcs, &n), false);

    uintptr_t deep[GS_STACK_MAX_DEPTH + 10];
    for (unsigned i = 0; i < GS_STACK_MAX_DEPTH + 10; i++)
        deep[i] = 0x500000 + i;
    gs_stack_id id = gs_stack_save(deep, GS_STACK_MAX_DEPTH + 10);
    UT_EQ(gs_stack_save(deep, GS_STACK_MAX_DEPTH), id); /* the same after truncation */
    UT_ASSERT(gs_stack_load(id, &pcs, &n));
    UT_EQ(n, GS_STACK_MAX_DEPTH);
    UT_EQ(pcs[GS_STACK_MAX_DEPTH - 1], 0x500000 + GS_STACK_MAX_DEPTH - 1);

    pthread_t th[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++)
        UT_ASSERT(pthread_create(&th[t], NULL, saver, (void *)(uintptr_t)t) == 0);
    for (unsigned t = 0; t < NTHREADS; t++)
        pthread_join(th[t], NULL);
    unsigned disagree = 0, wrong = 0;
    for (unsigned k = 0; k < NSTACKS; k++) {
        for (unsigned t = 1; t < NTHREADS; t++)
            disagree += ids[t][k] != ids[0][k];
        uintptr_t want[32];
        size_t wn;
        stack_of(k, want, &wn);
        if (!gs_stack_load(ids[0][k], &pcs, &n) || n != wn) {
            wrong++;
            continue;
        }
        for (size_t i = 0; i < n; i++)
            wrong += pcs[i] != want[i];
        for (unsigned j = 0; j < k; j += 97)
            wrong += ids[0][j] == ids[0][k] && j != k; /* distinct stacks, distinct ids */
    }
    UT_EQ(disagree, 0);
    UT_EQ(wrong, 0);
    return ut_done("stackdepot");
}
