// A goroutine's stack ends at the goroutine's own function: the library's
// goroutine entry below it (recognised by address, go_hooks_entry_range) is
// never shown: not in the checker's gosan_dump, not in its report stacks
// (the all-asleep deadlock report), not in the library's own traceback
// (gosan_dump and the fatal error without the checker).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t dump 2>&1 | FileCheck --check-prefix=DUMP %s
// RUN: not %t 2>&1 | FileCheck --check-prefix=REPORT %s
// RUN: %plain-cc %s -o %t-plain
// RUN: %t-plain dump 2>&1 | FileCheck --check-prefix=PLAIN %s
// RUN: not %t-plain 2>&1 | FileCheck --check-prefix=PLAIN %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <string.h>

static go_chan *never;

__attribute__((noinline)) static void wait_here(void)
{
    go_chan_recv(never, NULL); // waits here
}

static void worker(void *arg)
{
    (void)arg;
    wait_here(); // worker calls
    __asm__ volatile("" ::: "memory"); /* keeps the call above from being a tail call */
}

int main(int argc, char **argv)
{
    never = go_chan_make(0, 0);
    go_spawn(worker, NULL);
    if (argc > 1 && strcmp(argv[1], "dump") == 0) {
        go_sleep(20 * 1000000ll); /* worker parks */
        gosan_dump(2);
        return 0;
    }
    go_chan_recv(never, NULL);
    return 0;
}
// DUMP: goroutine 2 [chan receive]:
// DUMP-NEXT: wait_here(...)
// DUMP-NEXT: goroutine_entry.c:21
// DUMP-NEXT: worker(...)
// DUMP-NEXT: goroutine_entry.c:27
// DUMP-NEXT: created by main in goroutine 1

// REPORT: WARNING: gosan: deadlock
// REPORT: Goroutine 2 waits in chan receive
// REPORT-NEXT: #0 wait_here {{.*}}goroutine_entry.c:21
// REPORT-NEXT: #1 worker {{.*}}goroutine_entry.c:27
// REPORT-NEXT: Goroutine 2 created by goroutine 1 at:

// PLAIN: goroutine 2 [chan receive]:
// PLAIN: {{^}}wait_here+0x
// PLAIN-NEXT: +0x
// PLAIN-NEXT: {{^}}worker+0x
// PLAIN-NEXT: +0x
// PLAIN-NEXT: {{^}}created by main+0x{{[0-9a-f]+}} in goroutine 1
