// symbolize=0: frames are `FUNCTION (MODULE+0xOFFSET)` with names from the
// ELF symbol table (static functions too), the SUMMARY names the function,
// and stacks end at main or the goroutine's function: the library's
// goroutine entry and libc's start code are cut by address, with no `??`
// frame left.  Three reports: a data race, a lock-order inversion, a leak.
// REQUIRES: plugin
// RUN: %gosan-cc -DRACE %s -o %t-race
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-race > %t.race 2>&1
// RUN: FileCheck %s --check-prefix=RACE < %t.race
// RUN: %gosan-cc -DDEADLOCK %s -o %t-dl
// RUN: env GOSAN_OPTIONS=symbolize=0 not %t-dl > %t.dl 2>&1
// RUN: FileCheck %s --check-prefix=DL < %t.dl
// RUN: %gosan-cc -DLEAK %s -o %t-leak
// RUN: env GOSAN_OPTIONS=symbolize=0,leak_grace_ms=100 not %t-leak > %t.leak 2>&1
// RUN: FileCheck %s --check-prefix=LEAK < %t.leak
// RUN: not grep -F '??' %t.race %t.dl %t.leak
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>

static int counter;
static go_mutex mu_a, mu_b;
static go_wg wg;
static go_chan *jobs;

__attribute__((unused)) static void writer(void *arg)
{
    counter = (int)(long)arg;
    go_wg_done(&wg);
}

__attribute__((unused)) static void a_then_b(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu_a);
    go_mutex_lock(&mu_b);
    go_mutex_unlock(&mu_b);
    go_mutex_unlock(&mu_a);
    go_wg_done(&wg);
}

__attribute__((unused)) static void b_then_a(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu_b);
    go_mutex_lock(&mu_a);
    go_mutex_unlock(&mu_a);
    go_mutex_unlock(&mu_b);
    go_wg_done(&wg);
}

__attribute__((unused)) static void consumer(void *arg)
{
    (void)arg;
    go_chan_recv(jobs, NULL);
}

__attribute__((unused)) static void run(void (*fn)(void *), void *arg)
{
    go_wg_add(&wg, 1);
    go_spawn(fn, arg);
    go_wg_wait(&wg);
}

int main(void)
{
#if defined(RACE)
    go_wg_add(&wg, 2);
    go_spawn(writer, (void *)1);
    go_spawn(writer, (void *)2);
    go_wg_wait(&wg);
    printf("counter=%d\n", counter);
#elif defined(DEADLOCK)
    run(a_then_b, NULL);
    run(b_then_a, NULL);
#elif defined(LEAK)
    jobs = go_chan_make(sizeof(int), 1);
    go_spawn(consumer, NULL);
    printf("leaks: %d\n", gosan_leakcheck());
#endif
    return 0;
}
// RACE: WARNING: gosan: data race
// RACE: #0 writer ({{/.*}}symbolize_off.c.tmp-race+0x{{[0-9a-f]+}})
// RACE: created at:
// RACE-NEXT: #0 main ({{.*}}+0x{{[0-9a-f]+}})
// RACE-EMPTY:
// RACE: SUMMARY: gosan: data race ({{/.*}}symbolize_off.c.tmp-race+0x{{[0-9a-f]+}}) in writer

// DL: WARNING: gosan: lock-order inversion
// DL: acquired here while holding mutex M1 in goroutine
// DL-NEXT: #0 {{a_then_b|b_then_a}} ({{.*}}+0x{{[0-9a-f]+}})
// DL-NEXT: Mutex M1 previously acquired
// DL-NEXT: #0 {{a_then_b|b_then_a}} ({{.*}}+0x{{[0-9a-f]+}})
// DL-EMPTY:
// DL: created at:
// DL-NEXT: #0 run ({{.*}}+0x{{[0-9a-f]+}})
// DL-NEXT: #1 main ({{.*}}+0x{{[0-9a-f]+}})
// DL-NEXT: Goroutine
// DL: SUMMARY: gosan: lock-order inversion (potential deadlock) ({{.*}}+0x{{[0-9a-f]+}}) in {{a_then_b|b_then_a}}

// LEAK: WARNING: gosan: goroutine leak
// LEAK-NEXT: is still alive
// LEAK-NEXT: #0 consumer ({{.*}}+0x{{[0-9a-f]+}})
// LEAK-EMPTY:
// LEAK-NEXT: created by goroutine 1 at:
// LEAK-NEXT: #0 main ({{.*}}+0x{{[0-9a-f]+}})
// LEAK-EMPTY:
// LEAK: SUMMARY: gosan: goroutine leak ({{.*}}+0x{{[0-9a-f]+}}) in consumer
