// The layout of a race report: both accesses with their full stacks (the
// previous one too, however long ago), the goroutines' labels, each
// goroutine's creation stack and state, the SUMMARY line; the same race
// reported once however often it happens; exit status 66 (or exitcode=N).
// REQUIRES: plugin
// RUN: %gosan-cc -O0 %s -o %t0 && not %t0 2>&1 | FileCheck %s
// RUN: %gosan-cc -O2 %s -o %t2 && not %t2 2>&1 | FileCheck %s
// RUN: %t2 >/dev/null 2>&1; test $? = 66
// RUN: env GOSAN_OPTIONS=exitcode=3 %t2 >/dev/null 2>&1; test $? = 3
#include <gosan/go.h>
#include <stdio.h>

static long shared;
static go_wg wg;

static __attribute__((noinline)) void store_it(long v) { shared = v; }
static __attribute__((noinline)) long load_it(void) { return shared; }

static void writer(void *arg) {
    (void)arg;
    go_label_set("role", "writer");
    for (int i = 0; i < 100; i++)      /* 100 racy writes: one report */
        store_it(i);
    go_wg_done(&wg);
}

static void reader(void *arg) {
    (void)arg;
    go_sleep(10 * 1000 * 1000);
    long s = 0;
    for (int i = 0; i < 100; i++)
        s += load_it();
    printf("s=%ld\n", s);
    go_wg_done(&wg);
}

static __attribute__((noinline)) void start_writer(void) { go_spawn(writer, NULL); }

int main(void) {
    go_wg_add(&wg, 2);
    start_writer();
    go_spawn(reader, NULL);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// CHECK: WARNING: gosan: data race (pid={{[0-9]+}})
// CHECK-NEXT: {{Read|Write}} of size 8 at 0x{{[0-9a-f]+}} by goroutine {{[23]}}{{( \[role=writer\])?}}:
// CHECK-NEXT: #0 {{load_it|store_it}} {{.*}}report.c:{{1[67]}}:{{[0-9]+}}
// CHECK-NEXT: #1 {{reader|writer}} {{.*}}report.c:{{[0-9]+}}
// CHECK: Previous {{read|write}} of size 8 at 0x{{[0-9a-f]+}} by goroutine {{[23]}}
// CHECK-NEXT: #0 {{load_it|store_it}} {{.*}}report.c:{{1[67]}}:{{[0-9]+}}
// CHECK-NEXT: #1 {{reader|writer}} {{.*}}report.c:{{[0-9]+}}
// CHECK: Location is global 'shared' of size 8
// CHECK: Goroutine {{[23]}} ({{running|finished}}) created at:
// CHECK: main {{.*}}report.c:{{4[0-9]}}
// CHECK: Goroutine {{[23]}} ({{running|finished}}) created at:
// CHECK: main {{.*}}report.c:{{4[0-9]}}
// CHECK: SUMMARY: gosan: data race {{.*}}report.c:{{1[67]}} in {{load_it|store_it}}
// CHECK-NOT: WARNING: gosan: data race
// CHECK: done
// CHECK: gosan: reported 1 warning
