// close(fd) is a write of the file descriptor and every other use of it a
// read, as in TSan: a close not ordered with another goroutine's write(fd)
// is a race on "file descriptor N", whichever ran first (a write after the
// close fails with EBADF and is checked then), also when main returns right
// after it.  Closing after the writer is done (a WaitGroup) is no race, nor
// is a reused number: an fd closed by one goroutine and created again by
// fopen, which gosan does not see, is used without a report.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t write-first; echo status $?' 2>&1 | FileCheck --check-prefix=WRITE-FIRST %s
// RUN: sh -c '%t write-first exit; echo status $?' 2>&1 | FileCheck --check-prefix=WRITE-FIRST %s
// RUN: sh -c '%t close-first; echo status $?' 2>&1 | FileCheck --check-prefix=CLOSE-FIRST %s
// RUN: sh -c '%t close-first exit; echo status $?' 2>&1 | FileCheck --check-prefix=CLOSE-FIRST %s
// RUN: sh -c '%t ordered; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t reused; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include <gosan/go.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int p[2];
static atomic_int turns; /* relaxed: orders nothing for the checker */
static int close_first, exit_at_once;
static go_wg wg;

static void wait_turns(int n)
{
    while (atomic_load_explicit(&turns, memory_order_relaxed) < n)
        go_yield();
}

static void writer(void *arg)
{
    (void)arg;
    if (close_first)
        wait_turns(1);
    ssize_t r = write(p[1], "x", 1);
    if (close_first != (r < 0 && errno == EBADF))
        abort();
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
    go_wg_done(&wg);
}

static void closer(void *arg)
{
    (void)arg;
    if (!close_first && arg == NULL)
        wait_turns(1);
    close(p[1]);
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

/* One goroutine closes the pipe's write end; then main, not ordered with
 * that close, gets the number again from fopen and writes to it. */
static void reused(void)
{
    go_spawn(closer, "first");
    wait_turns(1);
    FILE *f = fopen("/dev/null", "w");
    if (!f || fileno(f) != p[1] || write(fileno(f), "x", 1) != 1)
        abort();
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 2 || pipe(p))
        return 2;
    close_first = !strcmp(argv[1], "close-first");
    exit_at_once = argc > 2;
    if (!strcmp(argv[1], "reused")) {
        reused();
        printf("main returns\n");
        return 0;
    }
    go_wg_add(&wg, 1);
    go_spawn(writer, NULL);
    if (!strcmp(argv[1], "ordered")) {
        go_wg_wait(&wg);
        close(p[1]);
    } else {
        go_spawn(closer, NULL);
        wait_turns(2);
        if (!exit_at_once)
            go_sleep(20 * 1000 * 1000);
    }
    printf("main returns\n");
    return 0;
}
// WRITE-FIRST: WARNING: gosan: data race
// WRITE-FIRST-NEXT: Write of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WRITE-FIRST-NEXT: #0 closer {{.*}}fd_close.c:[[@LINE-43]]
// WRITE-FIRST: Previous read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WRITE-FIRST-NEXT: #0 writer {{.*}}fd_close.c:[[@LINE-57]]
// WRITE-FIRST: Location is file descriptor {{[0-9]+}}, created by goroutine 1 at:
// WRITE-FIRST-NEXT: #0 main {{.*}}fd_close.c
// WRITE-FIRST: SUMMARY: gosan: data race {{.*}}fd_close.c:{{[0-9]+}} in closer
// WRITE-FIRST-NOT: WARNING: gosan
// WRITE-FIRST: status 66
// CLOSE-FIRST: WARNING: gosan: data race
// CLOSE-FIRST-NEXT: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// CLOSE-FIRST-NEXT: #0 writer {{.*}}fd_close.c
// CLOSE-FIRST: Previous write of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// CLOSE-FIRST-NEXT: #0 closer {{.*}}fd_close.c
// CLOSE-FIRST: Location is file descriptor {{[0-9]+}}, closed by goroutine {{[0-9]+}} at:
// CLOSE-FIRST: SUMMARY: gosan: data race {{.*}}fd_close.c:{{[0-9]+}} in writer
// CLOSE-FIRST-NOT: WARNING: gosan
// CLOSE-FIRST: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
