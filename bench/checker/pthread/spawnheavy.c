/* spawnheavy.c - pthread twin of bench/checker/spawnheavy.c: one thread per
 * task, created in batches of 64 and joined. */
#include "pt.h"

#define BATCH 64
#define SPAN 64

static long *input, *results;
static long input_len;

static void *worker(void *arg) {
    long id = (long)arg, sum = 0;
    long base = (id * 7919) % (input_len - SPAN);
    for (long i = 0; i < SPAN; i++) sum += input[base + i];
    results[id] = sum;
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 200000);
    input_len = 1 << 16;
    input = malloc(sizeof(long) * (size_t)input_len);
    results = calloc((size_t)n, sizeof(long));
    if (!input || !results) return 1;
    for (long i = 0; i < input_len; i++) input[i] = i;
    pthread_t t[BATCH];
    int64_t t0 = pt_now();
    for (long b = 0; b < n; b += BATCH) {
        long end = b + BATCH < n ? b + BATCH : n;
        for (long i = b; i < end; i++) pt_start(&t[i - b], worker, (void *)i);
        for (long i = b; i < end; i++) pthread_join(t[i - b], NULL);
    }
    long total = 0;
    for (long i = 0; i < n; i++) total += results[i];
    int64_t ns = pt_now() - t0;
    printf("checksum %ld\n", total);
    pt_report("spawnheavy", n, ns);
    return 0;
}
