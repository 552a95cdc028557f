// Threads the library did not create, adopted at their first call while
// main is parked: no all-asleep verdict may fire while one of them is
// being adopted.  Each thread sends one value (its first library call
// adopts it) and exits; an exiting adopted thread checks for a deadlock,
// so many adoptions overlap many checks.  main receives every value and
// ends normally: any "all goroutines are asleep" is a false verdict.
// RUN: %plain-cc %s -o %t -lpthread
// RUN: %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t 2>&1 | FileCheck %s
// RUN: %gosan-cc %s -o %t-checked -lpthread
// RUN: %t-checked 2>&1 | FileCheck %s
// CHECK-NOT: asleep
// CHECK: received 800 values
// CHECK-NOT: asleep
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>

enum { ROUNDS = 25, THREADS = 32 };

static go_chan *c;

static void *sender(void *arg)
{
    int v = (int)(long)arg;
    go_chan_send(c, &v);
    return NULL;
}

int main(void)
{
    c = go_chan_make(sizeof(int), 0);
    int got = 0;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_t th[THREADS];
        for (long i = 0; i < THREADS; i++)
            if (pthread_create(&th[i], NULL, sender, (void *)i) != 0)
                return 1;
        for (int i = 0; i < THREADS; i++) {
            int v;
            if (go_chan_recv(c, &v))
                got++;
        }
        for (int i = 0; i < THREADS; i++)
            pthread_join(th[i], NULL);
    }
    printf("received %d values\n", got);
    return 0;
}
