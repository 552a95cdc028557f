// Every goroutine asleep under the checker: main waits for a mutex that
// goroutine G holds while G waits on a channel nobody will send on.  One
// `deadlock` report lists both: the wait reason, the object (the channel
// with len/cap; the mutex with its holder and where it locked it), the
// stack and the creation stack.  It replaces the library's fatal error and
// traceback; the exit status is the checker's (66).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: sh -c '%t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: FileCheck --check-prefix=MAIN %s < %t.out
// RUN: FileCheck --check-prefix=HOLDER %s < %t.out
#include <gosan/go.h>
#include <stdio.h>

static go_mutex mu;
static go_chan *never, *ready;

static void holder(void *arg)
{
    (void)arg;
    go_mutex_lock(&mu);         // holder locks mu here
    go_chan_send(ready, NULL);
    go_chan_recv(never, NULL);  // holder waits here forever
    go_mutex_unlock(&mu);
}

int main(void)
{
    never = go_chan_make(0, 0);
    ready = go_chan_make(0, 0);
    go_spawn(holder, NULL);     // holder created here
    go_chan_recv(ready, NULL);
    go_mutex_lock(&mu);         // main waits here forever
    printf("unreachable\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: All goroutines are asleep: none of them can ever run again.
// CHECK: SUMMARY: gosan: deadlock {{.*}}all_asleep.c:34 in main
// CHECK-NOT: fatal error: all goroutines are asleep
// CHECK-NOT: unreachable
// CHECK: status 66

// MAIN: Goroutine 1 waits in sync.Mutex.Lock on Mutex 0x{{[0-9a-f]+}} (for {{.*}}):
// MAIN-NEXT: #0 main {{.*}}all_asleep.c:34
// MAIN-NEXT: Mutex 0x{{[0-9a-f]+}} is held by goroutine [[G:[0-9]+]], which locked it at:
// MAIN-NEXT: #0 holder {{.*}}all_asleep.c:22
// MAIN: Goroutine 1 is main.

// HOLDER: Goroutine [[G:[0-9]+]] waits in chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 0) (for {{.*}}):
// HOLDER-NEXT: #0 holder {{.*}}all_asleep.c:24
// HOLDER: Goroutine [[G]] created by goroutine 1 at:
// HOLDER-NEXT: #0 main {{.*}}all_asleep.c:32
