// What a check of a full crowded granule (13 records: 3 inline, 10 in the
// side table) that skips the stripe lock for reads the locked check would
// neither store nor report must keep (tried: docs/perf.md, "What the
// checker's design choices are worth"):
//   WR  no write hidden: crowders read c, a writer unordered with the
//       reader writes a, MOVERS (0..4) unordered writes of d's bytes push
//       that write out to the side table, then the reader reads ab: it
//       races with the write (such a path that ignored the side table's
//       unordered writes lost it with MOVERS 3 and 4, where the write is
//       in the side table).
//   RW  no new read dropped: the reader reads ab, releases to the writer
//       (so that read happens before the write), CROWDERS reads of c fill
//       the granule, the reader reads ab again in a new epoch, and the
//       writer writes a: the write races with the re-read only (a path
//       that took the older read of the same goroutine as representing
//       the re-read lost it with BEFORE 5 and 11, where that older read
//       is in the side table).  BEFORE crowders read c before the first
//       read, the others after it.
// Each run exits right after the racy access.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DWR -DMOVERS=0 %s -o %t-wr0 && not %t-wr0 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=1 %s -o %t-wr1 && not %t-wr1 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=2 %s -o %t-wr2 && not %t-wr2 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=3 %s -o %t-wr3 && not %t-wr3 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DWR -DMOVERS=4 %s -o %t-wr4 && not %t-wr4 2>&1 | FileCheck --check-prefix=WR %s
// RUN: %gosan-cc -O1 -DRW -DBEFORE=0 %s -o %t-rw0 && not %t-rw0 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DBEFORE=5 %s -o %t-rw5 && not %t-rw5 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %gosan-cc -O1 -DRW -DBEFORE=11 %s -o %t-rw11 && not %t-rw11 2>&1 | FileCheck --check-prefix=RW %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdlib.h>

/* With the write (WR) or the reader's first read (RW), 13 records: the
 * granule is full, and the read is a candidate for the unlocked path. */
#define CROWDERS 12

union granule {
    long ab; /* a and b, read as one */
    struct {
        int a, b, c, d;
    } f;
    char byte[16];
};

/* Not static, so every access is kept. */
union granule g __attribute__((aligned(16)));
static char handoff, own_release;
static atomic_int flag, done; /* relaxed: order nothing */

static void wait_flag(int v)
{
    while (atomic_load_explicit(&flag, memory_order_relaxed) < v)
        go_yield();
}

static void set_flag(int v)
{
    atomic_store_explicit(&flag, v, memory_order_relaxed);
}

/* One access in a goroutine of its own: one more unordered record. */
static void crowd(void *arg)
{
    if (arg) {
        g.byte[11 + (long)arg] = 1; /* a byte of d of its own: no race among movers */
    } else {
        volatile int v = g.f.c;
        (void)v;
    }
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
}

static void spawn_one(long mover)
{
    int n = atomic_load_explicit(&done, memory_order_relaxed);
    go_spawn(crowd, (void *)mover);
    while (atomic_load_explicit(&done, memory_order_relaxed) == n)
        go_yield();
}

static void writer(void *arg)
{
    (void)arg;
#ifdef RW
    wait_flag(1);
    gosan_acquire(&handoff); /* after the reader's first read */
    wait_flag(30);
#endif
    g.f.a = 1; /* THE WRITE */
#ifdef RW
    exit(0);
#else
    set_flag(10);
#endif
}

static void reader(void *arg)
{
    (void)arg;
    volatile long v;
#ifdef RW
    v = g.ab;
    gosan_release(&handoff);
    gosan_release(&own_release); /* a new epoch, seen by no one */
    set_flag(1);
#endif
    wait_flag(20);
    v = g.ab; /* THE READ */
    (void)v;
#ifdef WR
    exit(0);
#else
    set_flag(30);
    for (;;)
        go_yield();
#endif
}

int main(void)
{
#ifdef WR
    go_spawn(reader, NULL);
    for (int i = 0; i < CROWDERS; i++)
        spawn_one(0);
    go_spawn(writer, NULL);
    wait_flag(10);
    for (long i = 1; i <= MOVERS; i++)
        spawn_one(i);
#else
    for (int i = 0; i < BEFORE; i++)
        spawn_one(0);
    go_spawn(reader, NULL);
    go_spawn(writer, NULL);
    wait_flag(1);
    for (int i = BEFORE; i < CROWDERS; i++)
        spawn_one(0);
#endif
    set_flag(20);
    for (;;)
        go_yield();
}
// WR: WARNING: gosan: data race
// WR: Read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 reader {{.*}}crowded_read_unlocked.c:[[@LINE-36]]
// WR: Previous write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// WR-NEXT: #0 writer {{.*}}crowded_read_unlocked.c:[[@LINE-57]]
// WR: Location is global 'g'
// RW: WARNING: gosan: data race
// RW: Write of size 4 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 writer {{.*}}crowded_read_unlocked.c:[[@LINE-61]]
// RW: Previous read of size 8 at {{.*}} by goroutine {{[0-9]+}}:
// RW-NEXT: #0 reader {{.*}}crowded_read_unlocked.c:[[@LINE-44]]
// RW: Location is global 'g'
