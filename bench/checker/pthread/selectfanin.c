/* selectfanin.c - pthread twin of bench/checker/selectfanin.c: 4 producer
 * threads send heap items into one shared ptq (capacity 64), the pthread
 * form of a fan-in; main takes, reads and frees them. */
#include "pt.h"

#define PRODUCERS 4

typedef struct item {
    long producer, seq;
} item;

static ptq q;
static long per_producer;

static void *producer(void *arg) {
    long id = (long)arg;
    for (long i = 0; i < per_producer; i++) {
        item *it = malloc(sizeof *it);
        if (!it) abort();
        it->producer = id;
        it->seq = i;
        ptq_send(&q, &it);
    }
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 2000000);
    per_producer = n / PRODUCERS;
    n = per_producer * PRODUCERS;
    ptq_init(&q, sizeof(item *), 64);
    pthread_t t[PRODUCERS];
    int64_t t0 = pt_now();
    for (long i = 0; i < PRODUCERS; i++) pt_start(&t[i], producer, (void *)i);
    long sum = 0, count[PRODUCERS] = {0};
    for (long i = 0; i < n; i++) {
        item *it;
        ptq_recv(&q, &it);
        sum += it->seq;
        count[it->producer]++;
        free(it);
    }
    int64_t ns = pt_now() - t0;
    for (int i = 0; i < PRODUCERS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < PRODUCERS; i++)
        if (count[i] != per_producer) { fprintf(stderr, "selectfanin: producer %d gave %ld\n", i, count[i]); return 1; }
    printf("checksum %ld\n", sum);
    pt_report("selectfanin", n, ns);
    return 0;
}
