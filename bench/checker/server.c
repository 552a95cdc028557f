/* server.c - checker-overhead profile "request/response server": 4 client
 * goroutines send N requests in total on one request channel (capacity
 * 16); 4 handler goroutines take them, label themselves with the request's
 * client ("client" = "cN", go_label_set per request, as a server tags its
 * profile), fill the request's heap reply buffer from its heap body and
 * answer on the client's own reply channel (capacity 1).  Each request is
 * a heap block handed client -> handler -> client.
 * Twins: pthread/server.c, go/server.go. */
#include "bench.h"

#define CLIENTS 4
#define HANDLERS 4
#define BODY 16

typedef struct request {
    long client, seq;
    long body[BODY];
    long reply[BODY];
    go_chan *reply_to;
} request;

static go_chan *requests;
static go_wg clients_done, handlers_done;
static long per_client;
static long sums[CLIENTS];
static const char *client_names[CLIENTS] = {"c0", "c1", "c2", "c3"};

static void handler(void *arg) {
    (void)arg;
    request *r;
    while (go_chan_recv(requests, &r)) {
        go_label_set("client", client_names[r->client]);
        long acc = r->seq;
        for (int i = 0; i < BODY; i++) {
            acc = acc * 31 + r->body[i];
            r->reply[i] = acc;
        }
        go_chan_send(r->reply_to, &r);
    }
    go_label_set("client", NULL);
    go_wg_done(&handlers_done);
}

static void client(void *arg) {
    long id = (long)arg, sum = 0;
    go_chan *replies = go_chan_make(sizeof(request *), 1);
    if (!replies) abort();
    for (long s = 0; s < per_client; s++) {
        request *r = malloc(sizeof *r);
        if (!r) abort();
        r->client = id;
        r->seq = s;
        for (int i = 0; i < BODY; i++) r->body[i] = s + i;
        r->reply_to = replies;
        go_chan_send(requests, &r);
        request *got;
        go_chan_recv(replies, &got);
        sum += got->reply[BODY - 1];
        free(got);
    }
    go_chan_free(replies);
    sums[id] = sum;
    go_wg_done(&clients_done);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 400000);
    bench_maxprocs_from_env();
    per_client = n / CLIENTS;
    n = per_client * CLIENTS;
    requests = go_chan_make(sizeof(request *), 16);
    if (!requests) return 1;
    int64_t t0 = bench_now();
    go_wg_add(&handlers_done, HANDLERS);
    for (long i = 0; i < HANDLERS; i++)
        if (go_spawn(handler, NULL)) return 1;
    go_wg_add(&clients_done, CLIENTS);
    for (long i = 0; i < CLIENTS; i++)
        if (go_spawn(client, (void *)i)) return 1;
    go_wg_wait(&clients_done);
    go_chan_close(requests);
    go_wg_wait(&handlers_done);
    int64_t ns = bench_now() - t0;
    long sum = 0;
    for (int i = 0; i < CLIENTS; i++) sum += sums[i];
    printf("checksum %ld\n", sum);
    bench_report("server", n, ns);
    return 0;
}
