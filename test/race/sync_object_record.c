// go_cond's and go_once's calls read their object's first byte, kept
// aside like a lock call's read (rt/gosan/race/lock_access.h): one record
// per goroutine that its later calls rewrite.  A write of the object
// (memset, free) ordered after a goroutine's earlier calls but not after
// its latest one must still be reported, whichever runs first, with the
// program exiting right after the write; the same calls ordered before
// the write are no race.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t cond call-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: not %t cond write-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-FIRST
// RUN: not %t once call-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: not %t once write-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-FIRST
// RUN: not %t cond-free call-first 2>&1 | FileCheck %s --check-prefixes=CHECK,WRITE-SECOND
// RUN: %t cond ordered 2>&1 | FileCheck %s --check-prefix=NORACE
// RUN: %t once ordered 2>&1 | FileCheck %s --check-prefix=NORACE
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static go_mutex mu;
static go_cond *cv;
static go_once *once;
static go_chan *done1, *done2;
static int write_first, ordered;
static atomic_int phase; /* relaxed: orders nothing for the checker */

static void wait_phase(int v)
{
    while (atomic_load_explicit(&phase, memory_order_relaxed) < v) {
    }
}

static void nothing(void *arg) { (void)arg; }

static void call(void)
{
    if (cv)
        go_cond_signal(cv);
    else
        go_once_do(once, nothing, NULL);
}

static void caller(void *arg)
{
    (void)arg;
    int one = 1;
    for (int i = 0; i < 3; i++)
        call(); // CALL1: main is ordered after these
    go_chan_send(done1, &one);
    if (write_first)
        wait_phase(1);
    call(); // CALL2: not ordered with main's write
    atomic_store_explicit(&phase, 2, memory_order_relaxed);
    if (ordered)
        go_chan_send(done2, &one);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    const char *kind = argv[1];
    write_first = strcmp(argv[2], "write-first") == 0;
    ordered = strcmp(argv[2], "ordered") == 0;
    bool is_free = strcmp(kind, "cond-free") == 0;
    if (strcmp(kind, "once") == 0) {
        once = calloc(1, sizeof *once);
    } else {
        cv = calloc(1, sizeof *cv);
        go_cond_init(cv, &mu);
    }
    done1 = go_chan_make(sizeof(int), 0);
    done2 = go_chan_make(sizeof(int), 0);
    go_spawn(caller, NULL);
    int got;
    go_chan_recv(done1, &got);
    if (ordered)
        go_chan_recv(done2, &got);
    else if (!write_first)
        wait_phase(2);
    if (is_free)
        free(cv); // WRITE
    else if (cv)
        memset(cv, 0, sizeof *cv); // WRITE
    else
        memset(once, 0, sizeof *once); // WRITE
    atomic_store_explicit(&phase, 1, memory_order_relaxed);
    if (write_first)
        wait_phase(2);
    if (ordered)
        printf("done\n");
    return 0;
}

// CHECK: WARNING: gosan: data race
// WRITE-SECOND: Write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// WRITE-SECOND: main {{.*}}sync_object_record.c
// WRITE-SECOND: Previous atomic read of size 1 at {{.*}} by goroutine 2:
// WRITE-SECOND: caller {{.*}}sync_object_record.c:55
// WRITE-FIRST: Atomic read of size 1 at {{.*}} by goroutine 2:
// WRITE-FIRST: caller {{.*}}sync_object_record.c:55
// WRITE-FIRST: Previous write of size {{[0-9]+}} at {{.*}} by goroutine 1:
// WRITE-FIRST: main {{.*}}sync_object_record.c
// CHECK: reported 1 warning
// NORACE-NOT: WARNING
// NORACE: done
