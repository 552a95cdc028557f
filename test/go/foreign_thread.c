// A pthread the library did not create may call the API: it is adopted as a
// goroutine bound to its thread, with an id of its own; it can block on a
// channel, a mutex and a WaitGroup (its thread sleeps, the workers go on),
// and it is retired when the thread exits.
// RUN: %plain-cc %s -o %t -lpthread && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan -lpthread && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <pthread.h>
#include <stdio.h>

static go_chan *requests, *replies;
static go_mutex mu;
static go_wg done;
static int shared;

static void server(void *arg) {
    int v;
    while (go_chan_recv(requests, &v)) {
        v *= 2;
        go_chan_send(replies, &v);
    }
    go_wg_done(&done);
}

static void *foreign(void *arg) {
    long sum = 0;
    uint64_t id = go_id();
    for (int i = 1; i <= 100; i++) {
        go_chan_send(requests, &i); /* blocks until the server takes it */
        int r;
        go_chan_recv(replies, &r);
        sum += r;
        go_mutex_lock(&mu);
        shared++;
        go_mutex_unlock(&mu);
    }
    printf("foreign thread: id %s, sum %ld, same id after blocking: %s\n",
           id > 1 ? "assigned" : "missing", sum, go_id() == id ? "yes" : "no");
    return NULL;
}

int main(void) {
    requests = go_chan_make(sizeof(int), 0);
    replies = go_chan_make(sizeof(int), 0);
    go_wg_add(&done, 1);
    go_spawn(server, NULL);
    int before = go_num_goroutine();
    pthread_t t;
    pthread_create(&t, NULL, foreign, NULL);
    pthread_join(t, NULL);
    go_mutex_lock(&mu);
    printf("mutex count %d\n", shared);
    go_mutex_unlock(&mu);
    go_chan_close(requests);
    go_wg_wait(&done);
    /* The server is still returning from go_wg_done: give it a moment. */
    for (int i = 0; i < 1000 && go_num_goroutine() > 1; i++)
        go_sleep(1000000);
    printf("goroutines: before %d, after the thread exited %d\n", before, go_num_goroutine());
    return 0;
}
// CHECK: foreign thread: id assigned, sum 10100, same id after blocking: yes
// CHECK-NEXT: mutex count 100
// CHECK-NEXT: goroutines: before 2, after the thread exited 1
