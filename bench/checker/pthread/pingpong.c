/* pingpong.c - pthread twin of bench/checker/pingpong.c: the unbuffered
 * channels are ptq queues of capacity 1 (the closest pthread analogue). */
#include "pt.h"

static ptq ping, pong;
static long buf[8];

static void *partner(void *arg) {
    char tok = 0;
    (void)arg;
    while (ptq_recv(&ping, &tok)) {
        for (int i = 0; i < 8; i++) buf[i] += i;
        ptq_send(&pong, &tok);
    }
    return NULL;
}

int main(int argc, char **argv) {
    long n = pt_arg(argc, argv, 1, 500000);
    ptq_init(&ping, 1, 1);
    ptq_init(&pong, 1, 1);
    pthread_t t;
    char tok = 0;
    int64_t t0 = pt_now();
    pt_start(&t, partner, NULL);
    for (long r = 0; r < n; r++) {
        for (int i = 0; i < 8; i++) buf[i] ^= r;
        ptq_send(&ping, &tok);
        ptq_recv(&pong, &tok);
    }
    int64_t ns = pt_now() - t0;
    ptq_close(&ping);
    pthread_join(t, NULL);
    long sum = 0;
    for (int i = 0; i < 8; i++) sum += buf[i];
    printf("checksum %ld\n", sum);
    pt_report("pingpong", n, ns);
    return 0;
}
