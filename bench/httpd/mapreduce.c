/* mapreduce.c - the parallel computation of bench/httpd/run.sh: a sum of a
 * CPU-bound map (an integer mixing function) over N items, split into W
 * goroutines whose partial sums are reduced through a channel.  Its twin is
 * go/mapreduce/main.go; the ratio of W=1 to W=2 times (GOSAN_MAXPROCS=W) is
 * the speedup.
 *   mapreduce W [N]   prints "workers W sum S ms T"
 */
#include <stdio.h>
#include <stdlib.h>

#include <gosan/go.h>

typedef struct {
    uint64_t lo, hi;
    go_chan *out;
} part;

static uint64_t mix(uint64_t x)
{
    for (int r = 0; r < 8; r++) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 29;
    }
    return x & 1023;
}

static void worker(void *arg)
{
    part *p = arg;
    uint64_t s = 0;
    for (uint64_t i = p->lo; i < p->hi; i++)
        s += mix(i);
    go_chan_send(p->out, &s);
}

int main(int argc, char **argv)
{
    int w = argc > 1 ? atoi(argv[1]) : 1;
    uint64_t n = argc > 2 ? strtoull(argv[2], NULL, 10) : 200000000ULL;
    if (w < 1 || w > 64)
        return 2;
    part parts[64];
    go_chan *out = go_chan_make(sizeof(uint64_t), (size_t)w);
    int64_t t0 = go_now();
    for (int i = 0; i < w; i++) {
        parts[i] = (part){n * (uint64_t)i / (uint64_t)w, n * (uint64_t)(i + 1) / (uint64_t)w, out};
        go_spawn(worker, &parts[i]);
    }
    uint64_t sum = 0, s;
    for (int i = 0; i < w; i++) {
        go_chan_recv(out, &s);
        sum += s;
    }
    printf("workers %d sum %llu ms %.1f\n", w, (unsigned long long)sum, (double)(go_now() - t0) / 1e6);
    go_chan_free(out);
    return 0;
}
