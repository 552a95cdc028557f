// A thread the program created itself (not a goroutine) that calls into
// the library runs outside the deterministic schedule: a recording says so
// on stderr, naming the thread, since its replay may diverge.
// RUN: %plain-cc -O1 %s -o %t -lpthread
// RUN: env GOSAN_RECORD=%t.log %t 2>&1 | FileCheck %s
// RUN: env GOSAN_SCHED=random %t 2>&1 | FileCheck --check-prefix=DET %s
// RUN: env GOSAN_RECORD=%t-none.log %t none 2>&1 | FileCheck --check-prefix=NONE %s
// CHECK: gosan: record: thread {{[0-9]+}}, which gosan did not create, called into the library; its calls run outside the deterministic schedule and a replay of this recording may diverge
// CHECK: received 7
// DET: gosan: deterministic mode: thread {{[0-9]+}}, which gosan did not create
// DET: received 7
// NONE-NOT: did not create
// NONE: received 7
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static go_chan *c;

static void *thread_main(void *arg)
{
    int v = 7;
    (void)arg;
    go_chan_send(c, &v);
    return NULL;
}

static void goroutine_main(void *arg)
{
    (void)arg;
    int v = 7;
    go_chan_send(c, &v);
}

int main(int argc, char **argv)
{
    c = go_chan_make(sizeof(int), 0);
    pthread_t t;
    if (argc > 1 && !strcmp(argv[1], "none"))
        go_spawn(goroutine_main, NULL);
    else
        pthread_create(&t, NULL, thread_main, NULL);
    int v = 0;
    go_chan_recv(c, &v);
    printf("received %d\n", v);
    return 0;
}
