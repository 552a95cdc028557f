/* crowded_granule.h - one 16-byte granule, g, made crowded on demand: the
 * checker keeps four access records per granule in its shadow cells and
 * moves more into a side table; crowd_one() adds one more unordered
 * record (a read of g.f.c by a goroutine of its own) and waits until it is
 * made.  flag steps the two sides of a test through a chosen real-time
 * order without ordering them (relaxed atomics: no happens-before).
 *
 * The including test provides the goroutines and main; it may use
 * handoff and own_release as gosan_acquire/gosan_release addresses, and
 * spawn crowd itself instead of calling crowd_one. */
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdlib.h>

#define CROWDERS 4

union granule {
    long ab; /* a and b as one access */
    struct {
        int a, b, c, d;
    } f;
};

/* Not static, so every access is kept. */
union granule g __attribute__((aligned(16)));
static char handoff, own_release;
static atomic_int flag, crowded; /* relaxed: order nothing */

static void wait_flag(int v) {
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        go_yield();
}

static void set_flag(int v) {
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

/* One read of c, in a goroutine of its own: one more unordered record. */
__attribute__((unused)) static void crowd(void *arg) {
    (void)arg;
    volatile int v = g.f.c;
    (void)v;
    atomic_fetch_add_explicit(&crowded, 1, memory_order_relaxed);
}

__attribute__((unused)) static void crowd_one(void) {
    int n = atomic_load_explicit(&crowded, memory_order_relaxed);
    go_spawn(crowd, NULL);
    while (atomic_load_explicit(&crowded, memory_order_relaxed) == n)
        go_yield();
}
