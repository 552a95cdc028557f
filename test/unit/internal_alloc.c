/* Unit test of common/internal_alloc.c: every size is 16-byte aligned and
 * usable in full, realloc keeps the contents, calloc zeroes recycled
 * blocks, a freed block is reused, a thread's cache goes back to the
 * shared lists when it exits, large blocks are their own mappings, and a
 * double free is fatal.
 *
 * RUN: %unit_bin/unit_internal_alloc
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal_alloc.h"
#include "unit.h"

#define THREAD_BLOCKS 20
static void *thread_blocks[THREAD_BLOCKS];

/* Allocates and frees 20 blocks of 208 bytes (fewer than a spill), then
 * exits: its cache must go back to the shared list. */
static void *churn(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < THREAD_BLOCKS; i++)
        thread_blocks[i] = gs_alloc(208);
    for (unsigned i = 0; i < THREAD_BLOCKS; i++)
        gs_free(thread_blocks[i]);
    return NULL;
}

/* A fresh thread's cache is empty: it gets its blocks from the shared list. */
static void *take_one(void *arg)
{
    *(void **)arg = gs_alloc(200);
    return NULL;
}

int main(void)
{
    for (size_t size = 0; size <= 70000; size += size < 300 ? 1 : 997) {
        unsigned char *p = gs_alloc(size);
        UT_ASSERT(p);
        UT_EQ((uintptr_t)p % 16, 0);
        memset(p, 0xab, size);
        unsigned char *q = gs_realloc(p, size + 100);
        unsigned bad = 0;
        for (size_t i = 0; i < size; i++)
            bad += q[i] != 0xab;
        UT_EQ(bad, 0);
        gs_free(q);
    }

    /* A size gets the smallest class that holds it: the usable size (what
     * realloc grows into in place) is the class's. */
    static const size_t classes[] = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 384, 512};
    for (size_t size = 1; size <= 512; size++) {
        size_t want = 0;
        for (unsigned k = 0; !want; k++)
            if (classes[k] >= size)
                want = classes[k];
        void *p = gs_alloc(size);
        bool fits = gs_realloc(p, want) == p; /* in place */
        void *q = gs_realloc(p, want + 1);    /* moves: the class is no larger */
        bool smallest = q != p;
        gs_free(q);
        if (!fits || !smallest) {
            fprintf(stderr, "size %zu: not in the %zu-byte class\n", size, want);
            ut_failures++;
        }
    }

    /* A freed block is reused, and calloc zeroes it. */
    char *a = gs_alloc(100);
    memset(a, 1, 100);
    gs_free(a);
    char *b = gs_calloc(10, 10);
    UT_ASSERT(b == a);
    unsigned nonzero = 0;
    for (int i = 0; i < 100; i++)
        nonzero += b[i] != 0;
    UT_EQ(nonzero, 0);
    /* Shrinking realloc keeps the block. */
    UT_ASSERT(gs_realloc(b, 50) == b);
    gs_free(b);

    /* Blocks cached by a thread that exited are found by another thread. */
    pthread_t th;
    UT_ASSERT(pthread_create(&th, NULL, churn, NULL) == 0);
    pthread_join(th, NULL);
    void *c;
    UT_ASSERT(pthread_create(&th, NULL, take_one, &c) == 0); /* 200: the class of 208 */
    pthread_join(th, NULL);
    unsigned from_thread = 0;
    for (unsigned i = 0; i < THREAD_BLOCKS; i++)
        from_thread += c == thread_blocks[i];
    UT_EQ(from_thread, 1);
    gs_free(c);

    /* Large blocks are separate mappings, given back on free. */
    char *big = gs_alloc(1 << 20);
    big[(1 << 20) - 1] = 1;
    UT_EQ((uintptr_t)big % 4096, 16); /* just after the header of a mapping */
    gs_free(big);
    unsigned char vec;
    UT_ASSERT(mincore((void *)((uintptr_t)big & ~(uintptr_t)4095), 4096, &vec) != 0);

    UT_EQ(gs_strdup(NULL), NULL);
    char *s = gs_strndup("abcdef", 3);
    UT_ASSERT(strcmp(s, "abc") == 0);
    gs_free(s);

    /* A double free is fatal (in a child: it exits). */
    pid_t pid = fork();
    if (pid == 0) {
        close(2);
        char *d = gs_alloc(64);
        gs_free(d);
        gs_free(d);
        _exit(0);
    }
    int status;
    UT_ASSERT(waitpid(pid, &status, 0) == pid);
    UT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    return ut_done("internal_alloc");
}
