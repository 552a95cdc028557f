// The exit's wait for a report in flight is bounded by exit_wait_timeout
// (seconds): with a symbolizer that never answers, the report cannot
// finish; the exit gives up after the bound, says so, and still fails the
// run (exitcode 66: a race was found).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: printf '#!/bin/sh\nexec cat > /dev/null\n' > %t.mute; chmod +x %t.mute
// RUN: sh -c 'GOSAN_SYMBOLIZER_PATH=%t.mute GOSAN_OPTIONS=exit_wait_timeout=1 %t; echo "status $?"' > %t.out 2>&1
// RUN: FileCheck %s < %t.out
#include <gosan/go.h>
#include <stdatomic.h>
#include <time.h>

_Alignas(64) int x;
_Alignas(64) static atomic_int wrote, about_to_read;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static void reader(void *p)
{
    (void)p;
    while (!atomic_load_explicit(&wrote, memory_order_relaxed))
        sleep_ms(1);
    atomic_store_explicit(&about_to_read, 1, memory_order_relaxed);
    int r = x; // racy: its report waits for the symbolizer forever
    __asm__ __volatile__("" ::"r"(r));
}

int main(void)
{
    go_spawn(reader, 0);
    x = 1;
    atomic_store_explicit(&wrote, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&about_to_read, memory_order_relaxed))
        sleep_ms(1);
    sleep_ms(10);
    return 0;
}
// CHECK-NOT: SUMMARY
// CHECK: gosan: WARNING: exiting with 1 report still being written after waiting 1 s (GOSAN_OPTIONS=exit_wait_timeout=SECONDS)
// CHECK-NEXT: status 66
