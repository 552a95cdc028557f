/* pingpong.c - checker-overhead profile "ping-pong": two goroutines hand a
 * shared 8-word buffer back and forth over unbuffered channels; each side
 * reads and rewrites the buffer only while it owns it.
 * Twins: pthread/pingpong.c, go/pingpong.go. */
#include "bench.h"

static go_chan *ping, *pong;
static long buf[8];
static const char token;

static void partner(void *arg) {
    (void)arg;
    while (go_chan_recv(ping, NULL)) {
        for (int i = 0; i < 8; i++) buf[i] += i;
        go_chan_send(pong, &token);
    }
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 500000);
    bench_maxprocs_from_env();
    ping = go_chan_make(0, 0);
    pong = go_chan_make(0, 0);
    if (!ping || !pong) return 1;
    int64_t t0 = bench_now();
    if (go_spawn(partner, NULL)) return 1;
    for (long r = 0; r < n; r++) {
        for (int i = 0; i < 8; i++) buf[i] ^= r;
        go_chan_send(ping, &token);
        go_chan_recv(pong, NULL);
    }
    int64_t ns = bench_now() - t0;
    go_chan_close(ping);
    long sum = 0;
    for (int i = 0; i < 8; i++) sum += buf[i];
    printf("checksum %ld\n", sum);
    bench_report("pingpong", n, ns);
    return 0;
}
