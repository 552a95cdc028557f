// AB-BA between two C11 threads on mtx_t mutexes, run one after the other
// so the program never hangs: mtx_lock/mtx_unlock feed the same lock-order
// graph as pthread and library mutexes, and the report names the threads
// and their thrd_create sites.  Either thread may run first ("reversed":
// B-then-A first), and main may return right after the second one without
// joining it ("exit": the report is still being written, the exit waits
// for it).  A recursive mtx_t locked twice by its holder is no inversion
// and no wait (no second report).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck --check-prefixes=CHECK,AB-FIRST %s
// RUN: not %t exit 2>&1 | FileCheck --check-prefixes=CHECK,AB-FIRST %s
// RUN: not %t reversed 2>&1 | FileCheck --check-prefixes=CHECK,BA-FIRST %s
// RUN: not %t reversed exit 2>&1 | FileCheck --check-prefixes=CHECK,BA-FIRST %s
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

static mtx_t mu_a, mu_b, rec;
static atomic_int finished; /* relaxed: tells main in real time only */

static int a_then_b(void *arg)
{
    (void)arg;
    mtx_lock(&mu_a);
    mtx_lock(&mu_b);
    mtx_unlock(&mu_b);
    mtx_unlock(&mu_a);
    mtx_lock(&rec);
    mtx_lock(&rec);
    mtx_unlock(&rec);
    mtx_unlock(&rec);
    atomic_fetch_add_explicit(&finished, 1, memory_order_relaxed);
    return 0;
}

static int b_then_a(void *arg)
{
    (void)arg;
    mtx_lock(&mu_b);
    mtx_lock(&mu_a);
    mtx_unlock(&mu_a);
    mtx_unlock(&mu_b);
    atomic_fetch_add_explicit(&finished, 1, memory_order_relaxed);
    return 0;
}

int main(int argc, char **argv)
{
    bool reversed = false, exit_at_once = false;
    for (int i = 1; i < argc; i++) {
        reversed |= !strcmp(argv[i], "reversed");
        exit_at_once |= !strcmp(argv[i], "exit");
    }
    mtx_init(&mu_a, mtx_plain);
    mtx_init(&mu_b, mtx_timed);
    mtx_init(&rec, mtx_plain | mtx_recursive);
    thrd_t t;
    thrd_create(&t, reversed ? b_then_a : a_then_b, NULL);
    thrd_join(t, NULL);
    thrd_create(&t, reversed ? a_then_b : b_then_a, NULL);
    if (exit_at_once)
        while (atomic_load_explicit(&finished, memory_order_relaxed) < 2)
            sched_yield();
    else
        thrd_join(t, NULL);
    fprintf(stderr, "done\n");
    return 0;
}
// CHECK: WARNING: gosan: lock-order inversion (potential deadlock)
// CHECK-NEXT: Cycle in lock order graph: M1 (0x{{[0-9a-f]+}}) => M2 (0x{{[0-9a-f]+}}) => M1
// AB-FIRST: Mutex M2 acquired here while holding mutex M1 in thread T{{[0-9]+}}:
// AB-FIRST-NEXT: #0 b_then_a {{.*}}c11_mtx_abba.c:44
// AB-FIRST: Mutex M1 previously acquired by the same thread here:
// AB-FIRST-NEXT: #0 b_then_a {{.*}}c11_mtx_abba.c:43
// AB-FIRST: Mutex M1 acquired here while holding mutex M2 in thread T{{[0-9]+}}:
// AB-FIRST-NEXT: #0 a_then_b {{.*}}c11_mtx_abba.c:29
// AB-FIRST: Mutex M2 previously acquired by the same thread here:
// AB-FIRST-NEXT: #0 a_then_b {{.*}}c11_mtx_abba.c:28
// AB-FIRST: Mutex M1 (0x{{[0-9a-f]+}}):
// AB-FIRST-NEXT: Location is global 'mu_b'
// AB-FIRST: Mutex M2 (0x{{[0-9a-f]+}}):
// AB-FIRST-NEXT: Location is global 'mu_a'
// BA-FIRST: Mutex M2 acquired here while holding mutex M1 in thread T{{[0-9]+}}:
// BA-FIRST-NEXT: #0 a_then_b {{.*}}c11_mtx_abba.c:29
// BA-FIRST: Mutex M1 previously acquired by the same thread here:
// BA-FIRST-NEXT: #0 a_then_b {{.*}}c11_mtx_abba.c:28
// BA-FIRST: Mutex M1 acquired here while holding mutex M2 in thread T{{[0-9]+}}:
// BA-FIRST-NEXT: #0 b_then_a {{.*}}c11_mtx_abba.c:44
// BA-FIRST: Mutex M2 previously acquired by the same thread here:
// BA-FIRST-NEXT: #0 b_then_a {{.*}}c11_mtx_abba.c:43
// BA-FIRST: Mutex M1 (0x{{[0-9a-f]+}}):
// BA-FIRST-NEXT: Location is global 'mu_a'
// BA-FIRST: Mutex M2 (0x{{[0-9a-f]+}}):
// BA-FIRST-NEXT: Location is global 'mu_b'
// CHECK: Thread T{{[0-9]+}} (running, not a goroutine) created by goroutine 1 at:
// CHECK-NEXT: #0 main {{.*}}c11_mtx_abba.c:64
// CHECK: Thread T{{[0-9]+}} (finished, not a goroutine) created by goroutine 1 at:
// CHECK-NEXT: #0 main {{.*}}c11_mtx_abba.c:62
// CHECK: SUMMARY: gosan: lock-order inversion (potential deadlock) {{.*}}c11_mtx_abba.c:{{29|44}} in {{a_then_b|b_then_a}}
// CHECK-NOT: WARNING: gosan
// CHECK: done
