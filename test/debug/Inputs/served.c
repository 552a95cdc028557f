/* A program that serves the debug endpoint and keeps working: a ticker
 * goroutine counts milliseconds; main answers commands on stdin (client.py
 * drives it):
 *   progress  prints `ticks N`
 *   race      two goroutines write one global unordered (a data race under
 *             the checker)
 *   busy      every worker is taken by goroutines that spin forever
 *   stuck     two goroutines block forever on a mutex pair (a partial
 *             deadlock: the ticker keeps the program alive)
 * argv[1]: the address to serve ("-": none, GOSAN_DEBUG_ADDR serves).
 * Prints `port N` once it serves. */
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static _Atomic long ticks;
static go_mutex a, b;
static int shared;
static go_wg wg;

static void ticker(void *arg)
{
    (void)arg;
    for (;;) {
        go_sleep(1000000);
        ticks++;
    }
}

static void writer(void *arg)
{
    shared = (int)(long)arg;
    go_wg_done(&wg);
}

static void spinner(void *arg)
{
    volatile long *n = arg;
    for (;;)
        (*n)++;
}

static void lock_ab(void *arg)
{
    go_mutex *first = arg ? &a : &b, *second = arg ? &b : &a;
    go_mutex_lock(first);
    go_sleep(20000000);
    go_mutex_lock(second);
}

int main(int argc, char **argv)
{
    const char *addr = argc > 1 ? argv[1] : "127.0.0.1:0";
    if (strcmp(addr, "-") != 0) {
        int err = gosan_debug_serve(addr);
        if (err) {
            printf("serve %s: error %d\n", addr, err);
            fflush(stdout);
            return 1;
        }
    }
    /* One lock order, a then b, for the checker's lockorder page. */
    go_mutex_lock(&a);
    go_mutex_lock(&b);
    go_mutex_unlock(&b);
    go_mutex_unlock(&a);
    go_spawn(ticker, NULL);
    printf("port %d\n", gosan_debug_port());
    fflush(stdout);
    char line[64];
    static long spins[64];
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "progress", 8) == 0) {
            printf("ticks %ld\n", atomic_load(&ticks));
        } else if (strncmp(line, "race", 4) == 0) {
            go_wg_add(&wg, 2);
            go_spawn(writer, (void *)1L);
            go_spawn(writer, (void *)2L);
            go_wg_wait(&wg);
            printf("raced %d\n", shared != 0);
        } else if (strncmp(line, "busy", 4) == 0) {
            for (int i = 0; i < 8; i++)
                go_spawn(spinner, &spins[i]);
            printf("busy\n");
        } else if (strncmp(line, "stuck", 5) == 0) {
            go_spawn(lock_ab, (void *)1L);
            go_spawn(lock_ab, NULL);
            printf("stuck\n");
        }
        fflush(stdout);
    }
    return 0;
}
