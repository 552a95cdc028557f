/* pipeline_test.c - a clean test: a producer goroutine sends 1..100 on a
 * channel, main sums them.  No report under the checker; exit 0. */
#include <gosan/go.h>
#include <stdio.h>

static void produce(void *arg) {
    go_chan *ch = arg;
    for (int i = 1; i <= 100; i++)
        go_chan_send(ch, &i);
    go_chan_close(ch);
}

int main(void) {
    go_chan *ch = go_chan_make(sizeof(int), 4);
    go_spawn(produce, ch);
    int v, sum = 0;
    while (go_chan_recv(ch, &v))
        sum += v;
    go_chan_free(ch);
    printf("sum=%d\n", sum);
    return sum == 5050 ? 0 : 1;
}
