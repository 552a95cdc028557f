/* pingpong.c - unbuffered ping-pong: main sends on `ping`, the partner
 * receives and answers on `pong`; N round trips.  ns/op is per round trip
 * (two synchronous hand-offs).  Twin: go/pingpong.go. */
#include "bench.h"

static go_chan *ping, *pong;

static void partner(void *arg) {
    long v;
    (void)arg;
    while (go_chan_recv(ping, &v)) {
        v++;
        go_chan_send(pong, &v);
    }
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 1000000);
    bench_maxprocs_from_env();
    ping = go_chan_make(sizeof(long), 0);
    pong = go_chan_make(sizeof(long), 0);
    if (!ping || !pong || go_spawn(partner, NULL) != 0) return 1;
    long v = 0;
    int64_t t0 = bench_now();
    for (long i = 0; i < n; i++) {
        go_chan_send(ping, &v);
        go_chan_recv(pong, &v);
    }
    int64_t ns = bench_now() - t0;
    go_chan_close(ping);
    if (v != n) { fprintf(stderr, "pingpong: got %ld, want %ld\n", v, n); return 1; }
    bench_report("pingpong", n, ns);
    return 0;
}
