// A thread the library did not create keeps the all-asleep verdict from
// firing while it lives, as Go does for an M in a system call or in C: main
// blocks on a channel that a pthread sends on only after 50 ms of plain
// (non-library) sleep; that program is correct and ends normally.
// A real deadlock is still reported once the program's threads are gone or
// blocked in a library call (also in the sanitizer builds, whose runtimes
// have threads of their own):
//   exits      the thread exits without calling the API, main waits forever
//   exits_late the same, main blocks first and the thread exits 50 ms later
//   adopted    the thread sends once (adopted), exits, main wants a second value
//   blocked    the thread blocks forever on a channel, main on another one
// RUN: %plain-cc %s -o %t -lpthread
// RUN: %t late 2>&1 | FileCheck --check-prefix=OK %s
// RUN: env GOSAN_MAXPROCS=1 %t late 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t exits > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %t exits_late > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %t adopted > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %t blocked > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %cc-tsan %s -o %t-tsan -lpthread
// RUN: %t-tsan late 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-tsan exits_late > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %cc-asan %s -o %t-asan -lpthread
// RUN: %t-asan late 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-asan exits_late > %t.out 2>&1; test $? -eq 2; FileCheck --check-prefix=DEAD %s < %t.out
// RUN: %gosan-cc %s -o %t-g -lpthread
// RUN: %t-g late 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=WARNING %s
// RUN: %t-g exits > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefix=GDEAD %s < %t.out
// RUN: %t-g exits_late > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefix=GDEAD %s < %t.out
// RUN: %t-g adopted > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefix=GDEAD %s < %t.out
// RUN: %t-g blocked > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefix=GDEAD %s < %t.out
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static go_chan *c, *never;
static const char *mode;

static void nap_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static void *thread_main(void *arg)
{
    (void)arg;
    int v = 42;
    if (!strcmp(mode, "late")) {
        nap_ms(50);
        go_chan_send(c, &v);
    } else if (!strcmp(mode, "exits_late")) {
        nap_ms(50);
    } else if (!strcmp(mode, "adopted")) {
        go_chan_send(c, &v);
    } else if (!strcmp(mode, "blocked")) {
        go_chan_recv(never, NULL);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "late";
    c = go_chan_make(sizeof(int), 0);
    never = go_chan_make(sizeof(int), 0);
    pthread_t th;
    pthread_create(&th, NULL, thread_main, NULL);
    if (!strcmp(mode, "exits"))
        pthread_join(th, NULL); /* gone before main blocks */
    int v = 0;
    go_chan_recv(c, &v);
    printf("received %d\n", v);
    fflush(stdout);
    if (!strcmp(mode, "late")) {
        pthread_join(th, NULL);
        printf("done\n");
        return 0;
    }
    go_chan_recv(c, &v); /* nobody sends a second value */
    printf("unreachable\n");
    return 0;
}
// OK: received 42
// OK-NEXT: done
// DEAD: fatal error: all goroutines are asleep - deadlock!
// DEAD: goroutine 1 [chan receive]:
// GDEAD: WARNING: gosan: deadlock
// GDEAD: All goroutines are asleep
