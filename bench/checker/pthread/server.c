/* server.c - pthread twin of bench/checker/server.c: 4 client threads,
 * 4 handler threads, ptq queues for the requests (capacity 16) and each
 * client's replies (capacity 1); the handler's label is a thread-local
 * string copied per request. */
#include "pt.h"

#define CLIENTS 4
#define HANDLERS 4
#define BODY 16

typedef struct request {
    long client, seq;
    long body[BODY];
    long reply[BODY];
    ptq *reply_to;
} request;

static ptq requests;
static long per_client;
static long sums[CLIENTS];
static const char *client_names[CLIENTS] = {"c0", "c1", "c2", "c3"};
static __thread char label[32];

static void *handler(void *arg) {
    (void)arg;
    request *r;
    while (ptq_recv(&requests, &r)) {
        snprintf(label, sizeof label, "client=%s", client_names[r->client]);
        long acc = r->seq;
        for (int i = 0; i < BODY; i++) {
            acc = acc * 31 + r->body[i];
            r->reply[i] = acc;
        }
        ptq_send(r->reply_to, &r);
    }
    return NULL;
}

static void *client(void *arg) {
    long id = (long)arg, sum = 0;
    ptq replies;
    ptq_init(&replies, sizeof(request *), 1);
    for (long s = 0; s < per_client; s++) {
        request *r = malloc(sizeof *r);
        if (!r) abort();
        r->client = id;
        r->seq = s;
        for (int i = 0; i < BODY; i++) r->body[i] = s + i;
        r->reply_to = &replies;
        ptq_send(&requests, &r);
        request *got;
        ptq_recv(&replies, &got);
        sum += got->reply[BODY - 1];
        free(got);
    }
    free(replies.buf);
    sums[id] = sum;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 400000);
    per_client = n / CLIENTS;
    n = per_client * CLIENTS;
    ptq_init(&requests, sizeof(request *), 16);
    pthread_t h[HANDLERS], c[CLIENTS];
    int64_t t0 = pt_now();
    for (long i = 0; i < HANDLERS; i++) pt_start(&h[i], handler, NULL);
    for (long i = 0; i < CLIENTS; i++) pt_start(&c[i], client, (void *)i);
    for (int i = 0; i < CLIENTS; i++) pthread_join(c[i], NULL);
    ptq_close(&requests);
    for (int i = 0; i < HANDLERS; i++) pthread_join(h[i], NULL);
    int64_t ns = pt_now() - t0;
    long sum = 0;
    for (int i = 0; i < CLIENTS; i++) sum += sums[i];
    printf("checksum %ld\n", sum);
    pt_report("server", n, ns);
    return 0;
}
