/* fastrand.c - the per-worker random numbers of select's case order and the
 * scheduler's steal order (Go's fastrand), and their seed.
 *
 * The process seed comes from the kernel's 16 random bytes of the auxiliary
 * vector (AT_RANDOM, as Go seeds its runtime), so two runs of a program make
 * different choices; GOSAN_SEED=N (decimal or 0x hex) fixes it instead, so
 * a run's choices can be repeated.  Each worker's generator starts from the
 * seed mixed with the worker's id; a thread without a worker (a timer
 * callback on the monitor) mixes in its own address.
 *
 * Invariant: a generator's state is never 0 (xorshift would stay at 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "g.h"
#include "record.h"

static uint64_t rand_seed;
static _Atomic int rand_seeded; /* 0 no, 1 in progress, 2 done */

/* splitmix64's finaliser: spreads every bit of x over the result. */
static uint64_t rand_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static uint64_t rand_seed_from_env(const char *s, bool *ok)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    *ok = *s && !*end;
    return v;
}

static uint64_t rand_seed_from_kernel(void)
{
    uint64_t v = 0;
    const void *p = (const void *)getauxval(AT_RANDOM);
    if (p)
        memcpy(&v, p, sizeof v);
    return v;
}

/* Computed once; concurrent first callers wait for the first one. */
static uint64_t go_rand_seed(void)
{
    int s = atomic_load_explicit(&rand_seeded, memory_order_acquire);
    if (s == 2)
        return rand_seed;
    int zero = 0;
    if (s == 0 && atomic_compare_exchange_strong(&rand_seeded, &zero, 1)) {
        const char *env = getenv("GOSAN_SEED");
        bool ok = false;
        uint64_t v = env ? rand_seed_from_env(env, &ok) : 0;
        if (env && !ok)
            fprintf(stderr, "gosan: GOSAN_SEED=%s is not a number; using a random seed\n", env);
        rand_seed = ok ? v : rand_seed_from_kernel();
        atomic_store_explicit(&rand_seeded, 2, memory_order_release);
        return rand_seed;
    }
    while (atomic_load_explicit(&rand_seeded, memory_order_acquire) != 2)
        gosan_cpu_relax();
    return rand_seed;
}

/* Before the first generator starts (go_det_init, on a replay). */
void go_rand_seed_set(uint64_t seed)
{
    rand_seed = seed;
    atomic_store_explicit(&rand_seeded, 2, memory_order_release);
}

uint64_t go_rand_seed_get(void) { return go_rand_seed(); }

uint32_t go_fastrand_init(uint64_t stream)
{
    uint32_t x = (uint32_t)rand_mix(go_rand_seed() ^ rand_mix(stream));
    return x ? x : 1;
}

/* xorshift32 on the worker (or a thread-local state off workers). */
uint32_t go_fastrand(void)
{
    static __thread uint32_t off_worker;
    go_m *m = go_cur_m();
    uint32_t *s = m ? &m->rand : &off_worker;
    uint32_t x = *s;
    if (!x)
        x = go_fastrand_init((uint64_t)(uintptr_t)s);
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    if (GO_REC_ON() && m && !m->foreign)
        go_rec_rand(x); /* select's choices are checked on replay */
    return x;
}
