// A goroutine that took over the slot (the small id clocks are indexed by)
// of a goroutine that exited learns that goroutine's accesses even when
// the news reaches it in a clock that has already seen its own epochs.
// Goroutine P accesses data[] under mu and exits.  Then, one after
// another, goroutines B_i each take a slot, tell a relay goroutine R their
// epoch (a send on a buffered channel, which acquires nothing), wait until R has locked and unlocked mu (so mu's
// clock holds B_i's epoch joined with P's), lock mu themselves and access
// data[i].  P -> unlock -> R's lock -> R's unlock -> B_i's lock: nothing
// races.  Every slot is handed on oldest first, so some B_i gets P's slot;
// its entry of mu's clock is then its own epoch, and the P epoch joined
// under it used to be lost: a false report of P's access.  Main and R hold
// their slots throughout; main waits through relaxed atomics only (they
// order nothing), so no B_i learns P's accesses at its spawn.
// Both orders of the two kinds: P writes and B_i reads (default), P reads
// and B_i writes (-DP_READS); EXIT ends the program right after the last
// B_i's access, before R is done.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DP_READS %s -o %t-reads && %t-reads 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DEXIT %s -o %t-exit && %t-exit 2>&1 | FileCheck --check-prefix=EXIT %s
// CHECK-NOT: WARNING: gosan
// CHECK: rounds done
// CHECK-NOT: WARNING: gosan
// EXIT-NOT: WARNING: gosan
// EXIT: last access done
// EXIT-NOT: WARNING: gosan
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define ROUNDS 600 /* more than twice the 255 slots: P's slot comes round */

/* one granule per element: each keeps P's access in a cell of its own;
 * not static, so the compiler keeps every access */
struct { _Alignas(16) long v; } data[ROUNDS];
_Alignas(64) long sink[ROUNDS];
static go_mutex mu;
static go_chan *epochs;
static long r_own;
static atomic_int p_done, r_round = -1, b_round = -1, r_exited;

static void p_access(void *arg) {
    (void)arg;
    long sum = 0;
    go_mutex_lock(&mu);
    for (int i = 0; i < ROUNDS; i++) {
#ifdef P_READS
        sum += data[i].v;
#else
        data[i].v = i;
#endif
    }
    go_mutex_unlock(&mu);
    sink[0] = sum;
    atomic_store_explicit(&p_done, 1, memory_order_relaxed);
}

/* R: receives each B_i's clock, then passes it into mu's. */
static void relay(void *arg) {
    (void)arg;
    int i;
    r_own = 1; /* takes a slot */
    while (go_chan_recv(epochs, &i) && i >= 0) {
        go_mutex_lock(&mu);
        go_mutex_unlock(&mu);
        atomic_store_explicit(&r_round, i, memory_order_relaxed);
    }
    atomic_store_explicit(&r_exited, 1, memory_order_relaxed);
}

static void b_access(void *arg) {
    int i = (int)(long)arg;
    sink[i] = i; /* takes a slot */
    go_chan_send(epochs, &i);
    while (atomic_load_explicit(&r_round, memory_order_relaxed) < i)
        go_yield();
    go_mutex_lock(&mu);
#ifdef P_READS
    data[i].v = -i;
#else
    sink[i] = data[i].v;
#endif
    go_mutex_unlock(&mu);
    atomic_store_explicit(&b_round, i, memory_order_relaxed);
}

int main(void) {
    epochs = go_chan_make(sizeof(int), ROUNDS + 1); /* a send acquires nothing */
    sink[0] = 1; /* main's slot */
    go_spawn(relay, NULL);
    go_sleep(5 * 1000 * 1000); /* R holds its slot before P takes one */
    go_spawn(p_access, NULL);
    while (!atomic_load_explicit(&p_done, memory_order_relaxed))
        go_yield();
    go_sleep(5 * 1000 * 1000); /* P has exited: its slot is free */
    for (int i = 1; i < ROUNDS; i++) {
        go_spawn(b_access, (void *)(long)i);
        while (atomic_load_explicit(&b_round, memory_order_relaxed) < i)
            go_yield();
    }
#ifdef EXIT
    printf("last access done\n");
    fflush(stdout);
    return 0;
#else
    int end = -1;
    go_chan_send(epochs, &end);
    while (!atomic_load_explicit(&r_exited, memory_order_relaxed))
        go_yield();
    printf("rounds done\n");
    return 0;
#endif
}
