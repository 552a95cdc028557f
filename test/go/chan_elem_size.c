// Zero-size elements (signal channels, elem may be NULL) and 64 KiB
// elements, buffered and unbuffered, copied whole.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG 65536
static go_chan *sig, *big;

static void signaller(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++)
        go_chan_send(sig, NULL);
    go_chan_close(sig);
}

static void big_sender(void *arg) {
    (void)arg;
    unsigned char *m = malloc(BIG);
    for (int k = 0; k < 10; k++) {
        for (int i = 0; i < BIG; i++)
            m[i] = (unsigned char)(i * 7 + k);
        go_chan_send(big, m);
    }
    free(m);
}

static int check_big(size_t cap) {
    big = go_chan_make(BIG, cap);
    go_spawn(big_sender, NULL);
    unsigned char *m = malloc(BIG);
    int bad = 0;
    for (int k = 0; k < 10; k++) {
        memset(m, 0xee, BIG);
        go_chan_recv(big, m);
        for (int i = 0; i < BIG; i++)
            bad += m[i] != (unsigned char)(i * 7 + k);
    }
    free(m);
    go_chan_free(big);
    return bad;
}

int main(void) {
    for (size_t cap = 0; cap <= 5; cap += 5) {
        sig = go_chan_make(0, cap);
        go_spawn(signaller, NULL);
        int n = 0;
        while (go_chan_recv(sig, NULL))
            n++;
        printf("cap %zu: %d signals\n", cap, n);
        go_chan_free(sig);
    }
    printf("64 KiB unbuffered: %d bad bytes\n", check_big(0));
    printf("64 KiB buffered: %d bad bytes\n", check_big(2));
    return 0;
}
// CHECK: cap 0: 100 signals
// CHECK: cap 5: 100 signals
// CHECK: 64 KiB unbuffered: 0 bad bytes
// CHECK: 64 KiB buffered: 0 bad bytes
