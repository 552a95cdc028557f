// go_chan_len and go_chan_cap never race with a close (NORACE), and they
// synchronise nothing: seeing len > 0 does not order the sender's earlier
// writes before the reader (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int x;
static go_chan *c;
static go_wg wg;

static void producer(void *arg) {
    (void)arg;
    x = 1;
#ifdef RACY
    go_chan_send(c, NULL);
#else
    go_chan_close(c);
#endif
    go_wg_done(&wg);
}

int main(void) {
    c = go_chan_make(0, 1);
    go_wg_add(&wg, 1);
    go_spawn(producer, NULL);
#ifdef RACY
    while (go_chan_len(c) == 0)
        go_yield();
    printf("x=%d\n", x);             /* not ordered after x = 1 */
#else
    size_t n = 0;
    for (int i = 0; i < 100; i++)    /* concurrent with the close: fine */
        n += go_chan_len(c) + go_chan_cap(c);
    printf("n=%zu\n", n);
#endif
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
