/* speculation.h - the harness of the test/race/speculation_*.c tests: the
 * optimiser must not make an access of `x` that the program does not make.
 *
 * Goroutine g1 writes x and then sends on an unbuffered channel; main runs
 * the test's body() before it receives, so any read or write of x by body()
 * races with g1's write.  Without -DRACY body() reads `gate` == 0 and, in
 * the source, never touches x: a report is an access the optimiser invented.
 * With -DRACY gate is 1 and body() really touches x: the race must be found.
 * The two sides run in a fixed real-time order, set by a relaxed atomic flag
 * (which orders nothing for the checker): g1 writes first and main runs
 * body() after it, or with -DREADER_FIRST main runs body() first and g1
 * writes after it; either way the goroutine ends just before main returns.
 */
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdbool.h>

#ifdef RACY
#define GATE 1
#else
#define GATE 0
#endif

int x, y, n, arr[64];
volatile int gate = GATE; /* volatile: the optimiser cannot fold the gate */
static go_chan *c;

static atomic_int first_done; /* relaxed: a real-time order, no happens-before */

static void wait_first(void)
{
    while (!atomic_load_explicit(&first_done, memory_order_relaxed))
        go_yield();
}

static void first_is_done(void)
{
    atomic_store_explicit(&first_done, 1, memory_order_relaxed);
}

__attribute__((noinline)) void use(int v) { __asm__ __volatile__("" ::"r"(v)); }

static void body(void);

static void g1(void *arg)
{
    (void)arg;
#ifdef READER_FIRST
    wait_first();
    x = 1;
#else
    x = 1;
    first_is_done();
#endif
    bool t = true;
    go_chan_send(c, &t);
}

int main(void)
{
    c = go_chan_make(sizeof(bool), 0);
    go_spawn(g1, NULL);
#ifdef READER_FIRST
    body();
    first_is_done();
#else
    wait_first();
    body();
#endif
    go_chan_recv(c, NULL);
    return 0;
}
