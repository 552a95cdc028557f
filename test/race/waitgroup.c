// go_wg_done happens before the go_wg_wait it releases (NORACE).  A write
// after go_wg_done is not ordered with the waiter (RACY).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

static int results[8];
static go_wg wg;

static void worker(void *arg) {
    int i = (int)(long)arg;
#ifndef RACY
    results[i] = i * i;
    go_wg_done(&wg);
#else
    go_wg_done(&wg);
    results[i] = i * i;
#endif
}

int main(void) {
    go_wg_add(&wg, 8);
    for (long i = 0; i < 8; i++)
        go_spawn(worker, (void *)i);
    go_wg_wait(&wg);
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += results[i];
    printf("sum=%d\n", sum);
    go_sleep(20 * 1000 * 1000);      /* let the RACY writers finish */
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'results'
