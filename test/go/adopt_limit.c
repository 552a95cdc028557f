// The limit on threads alive at once (GO_MAX_M, 1,024 workers and adopted
// threads): 1,100 threads blocked in a library call at the same time
// cannot all be adopted, and the error says how many are alive and what
// to do (rt/go/adopt.c waits 2 s for an exiting one first).
// RUN: %plain-cc %s -o %t -lpthread
// RUN: not --crash %t 2>&1 | FileCheck %s
// CHECK: fatal error: too many threads alive at once: {{10[0-9][0-9]}} adopted threads (0 of them exiting) and {{[0-9]+}} workers, at most 1024 (GO_MAX_M) at a time: join threads that called the library, or use a pool of threads (or goroutines)
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>

enum { N = 1100 };
static go_chan *never;

static void *blocked(void *arg)
{
    (void)arg;
    go_chan_recv(never, NULL);
    return NULL;
}

int main(void)
{
    never = go_chan_make(0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        if (pthread_create(&t[i], &attr, blocked, NULL) != 0) {
            perror("pthread_create");
            return 1;
        }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
