// Two adopted threads in turn on one reused m (rt/go/adopt.c): thread A is
// adopted, touches x and exits; thread B, started with A and ordered after
// it by nothing but time (a relaxed flag and A's tid vanishing from
// /proc), is adopted only once A is gone, so it takes A's m.  The checker
// must still see two threads: A's access and B's race whichever of them
// writes (wr: A writes, B reads; rw: A reads, B writes), and the program
// exits right after.  A hand-off through a channel (chan: A writes and
// sends, B receives and reads) orders them: no report.  GOSAN_SCHEDSTATS
// shows the single adopted m (one row marked *) that both used.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t -lpthread
// RUN: not %t wr 2>&1 | FileCheck %s --check-prefixes=RACE,WR
// RUN: not %t rw 2>&1 | FileCheck %s --check-prefixes=RACE,RW
// RUN: %t chan 2>&1 | FileCheck %s --check-prefix=CHAN
// RUN: env GOSAN_SCHEDSTATS=1 %t chan 2>&1 | grep -c '^ *[0-9][0-9]*\*' | FileCheck %s --check-prefix=ONE_M
// RUN: %plain-cc -O1 %s -o %t-plain -lpthread
// RUN: env GOSAN_SCHEDSTATS=1 %t-plain wr 2>&1 | grep -c '^ *[0-9][0-9]*\*' | FileCheck %s --check-prefix=ONE_M
#include <gosan/go.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

_Alignas(64) static int x;
_Alignas(64) static atomic_int a_tid; /* relaxed only: orders nothing */
static go_chan *c;
static const char *mode;

static void *thread_a(void *arg)
{
    (void)arg;
    go_id(); /* adopted here */
    if (strcmp(mode, "rw") == 0)
        printf("A read %d\n", x);
    else
        x = 1; // A_WRITE
    if (strcmp(mode, "chan") == 0) {
        int v = 1;
        go_chan_send(c, &v);
    }
    atomic_store_explicit(&a_tid, (int)syscall(SYS_gettid), memory_order_relaxed);
    return NULL;
}

static void *thread_b(void *arg)
{
    (void)arg;
    int tid;
    while (!(tid = atomic_load_explicit(&a_tid, memory_order_relaxed)))
        usleep(100);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d", tid);
    while (access(path, F_OK) == 0)
        usleep(100); /* A is gone: its m is free */
    usleep(1000);
    go_id(); /* adopted here, on A's m */
    if (strcmp(mode, "chan") == 0) {
        int v;
        go_chan_recv(c, &v);
    }
    if (strcmp(mode, "rw") == 0)
        x = 2; // B_WRITE
    else
        printf("B read %d\n", x); // B_READ
    fflush(stdout);
    return NULL;
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "wr";
    c = go_chan_make(sizeof(int), 1);
    pthread_t a, b;
    pthread_create(&a, NULL, thread_a, NULL);
    pthread_create(&b, NULL, thread_b, NULL);
    pthread_join(b, NULL);
    pthread_join(a, NULL);
    return 0; /* exits right after the race */
}
// RACE: WARNING: gosan: data race
// WR: Read of size 4 at {{.*}} by goroutine [[B:[0-9]+]]:
// WR-NEXT: #0 thread_b {{.*}}adopt_reuse_race.c:[[@LINE-18]]
// WR: Previous write of size 4 at {{.*}} by goroutine [[A:[0-9]+]]:
// WR-NEXT: #0 thread_a {{.*}}adopt_reuse_race.c:[[@LINE-48]]
// RW: Write of size 4 at {{.*}} by goroutine [[B:[0-9]+]]:
// RW-NEXT: #0 thread_b {{.*}}adopt_reuse_race.c:[[@LINE-24]]
// RW: Previous read of size 4 at {{.*}} by goroutine [[A:[0-9]+]]:
// RW-NEXT: #0 thread_a {{.*}}adopt_reuse_race.c:[[@LINE-54]]
// RACE: Location is global 'x'
// RACE: Goroutine [[B]] (running)
// RACE: Goroutine [[A]] (finished)
// CHAN-NOT: WARNING: gosan
// CHAN: B read 1
// CHAN-NOT: WARNING: gosan
// ONE_M: {{^}}1{{$}}
