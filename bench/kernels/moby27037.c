/* Bug kernel: moby#27037 (GoKer nonblocking/moby/27037), an anonymous
 * function that reads the loop variable: each goroutine of the loop should
 * format its own API version, but all share the one variable.
 *
 * In C the closure is a pointer to the loop counter passed to go_spawn.
 * The loop yields after each spawn (Gosched: "let it start"), which on the
 * default scheduler runs the new goroutine at once, so it usually reads
 * its own number:
 *
 *   main                                 goroutine for 19
 *   i = 19; go describe(&i)
 *   yield (another goroutine runs)
 *   i = 20
 *                                        version = "v1." *&i   (20)
 *
 * Two goroutines then describe v1.20 and none v1.19.  Only when a
 * goroutine reads the counter after the loop moved on; the fix passes the
 * value, not its address. */
#include "kernel.h"
#include <string.h>

#define FIRST 17
#define LAST 21

static go_mutex seen_mu;
static int seen[LAST + 2];

static void describe(void *arg)
{
    char version[16];
    snprintf(version, sizeof version, "v1.%d", *(int *)arg);
    int minor = atoi(strchr(version, '.') + 1);
    go_mutex_lock(&seen_mu);
    seen[minor]++;
    go_mutex_unlock(&seen_mu);
}

/* The test body, on a goroutine as Go's testing runs it (main is bound to
 * its thread: its go_yield lets no goroutine run in its place). */
static void test_versions(void *arg)
{
    (void)arg;
    static int i; /* outlives the loop: goroutines may read it after */
    for (i = FIRST; i <= LAST; i++) {
        kernel_go(describe, &i); /* the bug: the address of the counter */
        go_yield();
    }
}

int main(void)
{
    kernel_go(test_versions, NULL);
    kernel_join();
    for (int v = FIRST; v <= LAST; v++) {
        if (seen[v] != 1) {
            fprintf(stderr, "version v1.%d described %d times\n", v, seen[v]);
            kernel_panic("a goroutine read the loop variable after the loop moved on");
        }
    }
    return 0;
}
