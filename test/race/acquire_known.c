// A goroutine skips an acquire whose clock it already knows (the object's
// version has not moved since it last acquired or released it): a release
// by another goroutine in between must still be acquired.  The steps run
// in a fixed real-time order, sequenced by a relaxed counter that orders
// nothing for the checker:
//  mutex:   A locks/unlocks m twice; B locks m, writes x, unlocks; A locks m
//           again and reads x (ordered: no report);
//  rwmutex: (main has write-locked rw once) R read-locks rw and reads y; W write-locks rw, writes y; R
//           read-locks rw again and reads y (ordered);
//  channel: A receives from c; B writes v and sends on c; A receives and
//           reads v (ordered);
//  readers: R and S read-lock rw; S writes z under its read lock; R
//           read-locks again (the plain clock has not moved: skipped) and
//           reads z: readers do not order each other, so -DRACY reports.
// -DRACY also has B write x after its unlock (a race with A's read), in
// both real-time orders (-DREADER_FIRST: A reads before B writes), and
// with the program exiting right after (-DEXIT_NOW).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: %gosan-cc -O1 -DRACY -DREADER_FIRST %s -o %t-rf && not %t-rf 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: %gosan-cc -O1 -DRACY -DEXIT_NOW %s -o %t-exit && not %t-exit 2>&1 | FileCheck --check-prefix=EXIT %s
// RUN: %gosan-cc -O1 -DREADERS %s -o %t-readers && not %t-readers 2>&1 | FileCheck --check-prefix=READERS %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static long x, y, z, v;
static go_mutex m;
static go_rwmutex rw;
static go_chan *c;
static go_wg wg;
static atomic_int step; /* relaxed: sequences the steps, orders nothing */

static void wait_step(int s) {
    while (atomic_load_explicit(&step, memory_order_relaxed) < s)
        go_yield();
}

static void next_step(void) {
    atomic_fetch_add_explicit(&step, 1, memory_order_relaxed);
}

static void side_a(void *arg) {
    (void)arg;
    long got, sum = 0;
    for (int i = 0; i < 2; i++) {         /* step 0: the second round caches m */
        go_mutex_lock(&m);
        go_mutex_unlock(&m);
    }
    go_rwmutex_rlock(&rw);
    sum += y;
    go_rwmutex_runlock(&rw);
    go_chan_recv(c, &got);
    next_step();
    wait_step(2);                         /* step 2 */
    go_mutex_lock(&m);
#if defined(RACY) && defined(READER_FIRST)
    sum += x;                             /* before B's write (step 3) */
    go_mutex_unlock(&m);
    next_step();
    wait_step(4);
#else
    sum += x;
    go_mutex_unlock(&m);
#endif
    go_rwmutex_rlock(&rw);
    sum += y;
    go_rwmutex_runlock(&rw);
    go_chan_recv(c, &got);
    sum += v + got;
#ifdef EXIT_NOW
    printf("exiting %ld\n", sum);
    fflush(stdout);
    exit(0);
#endif
    printf("sum=%ld\n", sum);
    go_wg_done(&wg);
}

static void side_b(void *arg) {
    (void)arg;
    long one = 1;
    wait_step(1);                         /* step 1 */
    go_mutex_lock(&m);
#ifndef RACY
    x = 1;
#endif
    go_mutex_unlock(&m);
#ifdef RACY
#ifdef READER_FIRST
    next_step();
    wait_step(3);
#endif
    x = 1;                                /* after the unlock: unordered */
#endif
    go_rwmutex_lock(&rw);
    y = 2;
    go_rwmutex_unlock(&rw);
    v = 3;
    go_chan_send(c, &one);
    next_step();
    go_wg_done(&wg);
}

#ifdef READERS
/* Two readers: S's write under its read lock is not ordered before R's
 * later read under its own read lock. */
static void reader_r(void *arg) {
    (void)arg;
    long sum = 0;
    go_rwmutex_rlock(&rw);
    sum += y;
    go_rwmutex_runlock(&rw);
    next_step();
    wait_step(2);
    go_rwmutex_rlock(&rw);
    sum += z;
    go_rwmutex_runlock(&rw);
    printf("sum=%ld\n", sum);
    go_wg_done(&wg);
}

static void reader_s(void *arg) {
    (void)arg;
    wait_step(1);
    go_rwmutex_rlock(&rw);
    z = 5;
    go_rwmutex_runlock(&rw);
    next_step();
    go_wg_done(&wg);
}
#endif

int main(void) {
    long zero = 0;
    go_rwmutex_lock(&rw); /* gives rw's clock a version a read lock can cache */
    y = 1;
    go_rwmutex_unlock(&rw);
    c = go_chan_make(sizeof(long), 1);
    go_wg_add(&wg, 2);
#ifdef READERS
    go_spawn(reader_r, NULL);
    go_spawn(reader_s, NULL);
#else
    go_chan_send(c, &zero);
    go_spawn(side_a, NULL);
    go_spawn(side_b, NULL);
#endif
    go_wg_wait(&wg);
    printf("done %ld\n", z);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// RACY: WARNING: gosan: data race
// RACY: Location is global 'x'
// EXIT: WARNING: gosan: data race
// EXIT: Location is global 'x'
// EXIT: exiting
// READERS: WARNING: gosan: data race
// READERS: Location is global 'z'
