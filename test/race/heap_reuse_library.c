// The library's own heap objects are reused like the program's: a
// request/response server whose client makes and frees a reply channel
// (136 bytes) per request, and whose handler sets labels (copied strings)
// per request, reports nothing.  Before whole granules were cleared, the
// reply channel's last granule kept the previous owner's accesses and
// go_chan_free and the label code reported races with them.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

typedef struct request {
    int n;
    go_chan *reply;
} request;

static go_chan *requests;

static void server(void *arg) {
    (void)arg;
    request rq;
    while (go_chan_recv(requests, &rq) && rq.reply) {
        char id[24];
        snprintf(id, sizeof id, "req-%d", rq.n);
        go_label_set("request", id); /* a new copy per request, the old one freed */
        go_label_set(rq.n % 2 ? "odd" : "even", id);
        go_label_set(rq.n % 2 ? "odd" : "even", NULL);
        int answer = rq.n * 2;
        go_chan_send(rq.reply, &answer);
    }
}

static void client(void *arg) {
    go_chan *finished = arg;
    int sum = 0;
    for (int i = 0; i < 200; i++) {
        request rq = {i, go_chan_make(sizeof(int), i % 3 == 0 ? 1 : 0)};
        go_chan_send(requests, &rq);
        int answer;
        go_chan_recv(rq.reply, &answer);
        sum += answer;
        go_chan_free(rq.reply);
    }
    go_chan_send(finished, &sum);
}

int main(void) {
    requests = go_chan_make(sizeof(request), 0);
    go_chan *finished = go_chan_make(sizeof(int), 2);
    go_spawn(server, NULL);
    go_spawn(client, finished);
    go_spawn(client, finished);
    int a, b;
    go_chan_recv(finished, &a);
    go_chan_recv(finished, &b);
    request end = {0, NULL};
    go_chan_send(requests, &end);
    printf("sum=%d\n", a + b);
    return 0;
}
// CHECK-NOT: WARNING: gosan
// CHECK: sum=79600
