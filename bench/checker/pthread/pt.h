/* pt.h - the pthread side of the TSan comparison: what the gosan programs get
 * from <gosan/go.h>, rebuilt from pthread mutexes and condition variables so
 * the same program can be built with clang -fsanitize=thread.
 *
 * ptq is a tiny bounded queue standing in for a channel (capacity >= 1: an
 * unbuffered Go channel is approximated by capacity 1).  ptwg is a WaitGroup.
 * Result lines match bench/lib/bench.h. */
#ifndef GOSAN_BENCH_PT_H
#define GOSAN_BENCH_PT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline int64_t pt_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline long pt_arg(int argc, char **argv, int i, long def) {
    if (i >= argc) return def;
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*end || v <= 0) {
        fprintf(stderr, "bench: argument %d: want a positive integer, got '%s'\n", i, argv[i]);
        exit(2);
    }
    return v;
}

static inline void pt_report(const char *name, long ops, int64_t ns) {
    printf("bench: name=%s ops=%ld ns_op=%.2f\n", name, ops, (double)ns / (double)ops);
    fflush(stdout);
}

static inline void pt_start(pthread_t *t, void *(*fn)(void *), void *arg) {
    if (pthread_create(t, NULL, fn, arg) != 0) {
        perror("pthread_create");
        exit(1);
    }
}

/* ---- bounded queue of fixed-size elements */
typedef struct ptq {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    size_t cap, elem, head, len;
    bool closed;
    unsigned char *buf;
} ptq;

static inline void ptq_init(ptq *q, size_t elem, size_t cap) {
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    q->cap = cap ? cap : 1;
    q->elem = elem ? elem : 1;
    q->head = q->len = 0;
    q->closed = false;
    q->buf = malloc(q->cap * q->elem);
    if (!q->buf) abort();
}

static inline void ptq_send(ptq *q, const void *v) {
    pthread_mutex_lock(&q->mu);
    while (q->len == q->cap) pthread_cond_wait(&q->not_full, &q->mu);
    memcpy(q->buf + ((q->head + q->len) % q->cap) * q->elem, v, q->elem);
    q->len++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* false once the queue is closed and drained. */
static inline bool ptq_recv(ptq *q, void *v) {
    pthread_mutex_lock(&q->mu);
    while (q->len == 0 && !q->closed) pthread_cond_wait(&q->not_empty, &q->mu);
    if (q->len == 0) {
        pthread_mutex_unlock(&q->mu);
        return false;
    }
    if (v) memcpy(v, q->buf + q->head * q->elem, q->elem);
    q->head = (q->head + 1) % q->cap;
    q->len--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return true;
}

static inline void ptq_close(ptq *q) {
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* ---- WaitGroup */
typedef struct ptwg {
    pthread_mutex_t mu;
    pthread_cond_t zero;
    long count;
} ptwg;

#define PTWG_INIT {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0}

static inline void ptwg_add(ptwg *w, long d) {
    pthread_mutex_lock(&w->mu);
    w->count += d;
    if (w->count == 0) pthread_cond_broadcast(&w->zero);
    pthread_mutex_unlock(&w->mu);
}
static inline void ptwg_done(ptwg *w) { ptwg_add(w, -1); }
static inline void ptwg_wait(ptwg *w) {
    pthread_mutex_lock(&w->mu);
    while (w->count != 0) pthread_cond_wait(&w->zero, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

#endif
