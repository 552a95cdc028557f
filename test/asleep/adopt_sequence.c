// Threads the library did not create, one after another, 10,000 of them:
// main parks receiving each one's value while it is being created and
// adopted, so the all-asleep check runs over and over while the previous
// thread is still dying.  Listing /proc/self/task while a thread exits can
// skip the thread after it (the kernel resumes the listing by position),
// here the new thread about to call in: foreign.c rereads a listing that
// shows fewer threads than the process had (without that, about 1 run in
// 10 of this program called a false deadlock on a loaded machine).  The
// threads' ms are reused (adopt.c), so 10,000 adoptions fit.
// RUN: %plain-cc %s -o %t -lpthread
// RUN: %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t 2>&1 | FileCheck %s
// CHECK-NOT: asleep
// CHECK: received 10000 values
// CHECK-NOT: asleep
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 10000 };

static go_chan *c;

static void *sender(void *arg)
{
    (void)arg;
    int v = 1;
    go_chan_send(c, &v);
    return NULL;
}

int main(void)
{
    c = go_chan_make(sizeof(int), 1);
    long n = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, sender, NULL) != 0) {
            perror("pthread_create");
            return 1;
        }
        int v;
        go_chan_recv(c, &v);
        n += v;
        pthread_join(t, NULL);
    }
    printf("received %ld values\n", n);
    return 0;
}
