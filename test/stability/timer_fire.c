// Arming a timer (Reset, a Ticker's Reset, AfterFunc) happens before a
// receive of the tick it sends and before the AfterFunc's function starts,
// though the tick is sent by the timer heap, not by a goroutine; a write
// after the arming is not ordered with the receiver's read.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DTICKER %s -o %t-tk
// RUN: sh -c '%t-tk writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-tk reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DTICKER -DORDERED %s -o %t-tk-ordered
// RUN: sh -c '%t-tk-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DAFTERFUNC %s -o %t-af
// RUN: sh -c '%t-af writer-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-af reader-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-af writer-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t-af reader-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DAFTERFUNC -DORDERED %s -o %t-af-ordered
// RUN: sh -c '%t-af-ordered writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-af-ordered writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include "Inputs/two_sides.h"

#define MS 1000000ll

#if defined(AFTERFUNC)
static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    read_shared();
}

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    go_time_after_func(1 * MS, reader, NULL); /* never freed: the program ends first */
    mark_released();
    WRITE_AFTER_RELEASE();
}
#else
#if defined(TICKER)
static go_time_ticker *tk;
#define ARM() go_time_ticker_reset(tk, 1 * MS)
#define TICKS() go_time_ticker_chan(tk)
#else
static go_time_timer *tm;
#define ARM() go_time_timer_reset(tm, 1 * MS)
#define TICKS() go_time_timer_chan(tm)
#endif

static void writer(void *arg)
{
    (void)arg;
    WRITE_BEFORE_RELEASE();
    ARM();
    mark_released();
    WRITE_AFTER_RELEASE();
}

static void reader(void *arg)
{
    (void)arg;
    before_acquire();
    int64_t when;
    if (!go_chan_recv(TICKS(), &when))
        printf("unexpected close\n");
    read_shared();
}
#endif

int main(int argc, char **argv)
{
    parse_order(argc, argv);
#if defined(TICKER)
    tk = go_time_new_ticker(1000 * MS);
    go_time_ticker_stop(tk);
#elif !defined(AFTERFUNC)
    tm = go_time_new_timer(1000 * MS);
    go_time_timer_stop(tm);
#endif
    go_spawn(writer, NULL);
#if !defined(AFTERFUNC)
    go_spawn(reader, NULL);
#endif
    return finish();
}

// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'shared'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
