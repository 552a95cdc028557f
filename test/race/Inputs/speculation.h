/* speculation.h - the harness of the test/race/speculation_*.c tests: the
 * optimiser must not make an access of `x` that the program does not make.
 *
 * Goroutine g1 writes x and then sends on an unbuffered channel; main runs
 * the test's body() before it receives, so any read or write of x by body()
 * races with g1's write.  Without -DRACY body() reads `gate` == 0 and, in
 * the source, never touches x: a report is an access the optimiser invented.
 * With -DRACY gate is 1 and body() really touches x: the race must be found.
 * -DWRITER_LATE / -DREADER_LATE make the other side wait 5 ms first, for
 * both real-time orders of the two accesses.
 */
#include <gosan/go.h>
#include <stdbool.h>
#include <time.h>

#ifdef RACY
#define GATE 1
#else
#define GATE 0
#endif

int x, y, n, arr[64];
volatile int gate = GATE; /* volatile: the optimiser cannot fold the gate */
static go_chan *c;

__attribute__((unused)) static void spin_ms(int ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < ms * 1000000L);
}

__attribute__((noinline)) void use(int v) { __asm__ __volatile__("" ::"r"(v)); }

static void body(void);

static void g1(void *arg)
{
    (void)arg;
#ifdef WRITER_LATE
    spin_ms(5);
#endif
    x = 1;
    bool t = true;
    go_chan_send(c, &t);
}

int main(void)
{
    c = go_chan_make(sizeof(bool), 0);
    go_spawn(g1, NULL);
#ifdef READER_LATE
    spin_ms(5);
#endif
    body();
    go_chan_recv(c, NULL);
    return 0;
}
