// Code annotated for TSan with the dynamic annotations (declared here as a
// dynamic_annotations.h declares them) and TSan's __tsan_release /
// __tsan_acquire works unchanged.  Two threads; `stage`, a relaxed atomic,
// only decides which side goes first in real time and orders nothing:
//   hb, tsan-hb: data handed over with AnnotateHappensBefore/After
//     (__tsan_release/__tsan_acquire) on a flag is no race;
//   benign, benign-first: both sides write a counter declared with
//     AnnotateBenignRaceSized: not reported, either side first;
//   racy, racy-first: the same on an undeclared counter: reported;
//   ignore: both sides' writes inside AnnotateIgnoreWritesBegin/End, and
//     reads inside AnnotateIgnoreReadsBegin/End, are not checked;
//   newmem: AnnotateNewMemory forgets the other side's earlier writes
//     (gosan only: TSan ignores this annotation).
// Built with clang -fsanitize=thread, the program gives the same verdicts.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t hb 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t tsan-hb 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t benign 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t benign-first 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t ignore 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t newmem 2>&1 | FileCheck --check-prefix=OK %s
// RUN: not %t racy 2>&1 | FileCheck %s
// RUN: not %t racy-first 2>&1 | FileCheck %s
// RUN: %gosan-clang -fsanitize=thread -O1 -g %s -o %t-tsan
// RUN: %t-tsan hb 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-tsan tsan-hb 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-tsan benign 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-tsan benign-first 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %t-tsan ignore 2>&1 | FileCheck --check-prefix=OK %s
// RUN: not %t-tsan racy 2>&1 | FileCheck --check-prefix=TSAN %s
// RUN: not %t-tsan racy-first 2>&1 | FileCheck --check-prefix=TSAN %s
// OK-NOT: WARNING
// OK: done
// CHECK: WARNING: gosan: data race
// CHECK: Write of size 4 at {{.*}} by thread
// CHECK: Location is global 'plain_counter'
// CHECK: SUMMARY: gosan: data race {{.*}}tsan_annotations.c
// TSAN: WARNING: ThreadSanitizer: data race
// TSAN: Location is global 'plain_counter'
#include <pthread.h>
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void AnnotateHappensBefore(const char *file, int line, const volatile void *addr);
void AnnotateHappensAfter(const char *file, int line, const volatile void *addr);
void AnnotateBenignRaceSized(const char *file, int line, const volatile void *addr, size_t size,
                             const char *desc);
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
void AnnotateNewMemory(const char *file, int line, const volatile void *addr, size_t size);

static const char *mode;
static atomic_int stage; // relaxed only
static int data[4], flag;
static int benign_counter, plain_counter, ignored;
static int buf[8];

static int is(const char *m) { return !strcmp(mode, m); }

static void wait_stage(int at_least) {
    while (atomic_load_explicit(&stage, memory_order_relaxed) < at_least)
        usleep(100);
}

static void next_stage(void) { atomic_fetch_add_explicit(&stage, 1, memory_order_relaxed); }

// Side 0 goes first unless the mode ends in -first (then side 1 does).
static void *side(void *arg) {
    int me = (int)(size_t)arg;
    int first = strstr(mode, "-first") ? 1 : 0;
    if (me != first)
        wait_stage(1);
    if (is("hb") || is("tsan-hb")) {
        if (me == 0) {
            for (int i = 0; i < 4; i++)
                data[i] = i + 1;
            if (is("hb"))
                AnnotateHappensBefore(__FILE__, __LINE__, &flag);
            else
                __tsan_release(&flag);
        } else {
            if (is("hb"))
                AnnotateHappensAfter(__FILE__, __LINE__, &flag);
            else
                __tsan_acquire(&flag);
            if (data[3] != 4)
                printf("bad data\n");
        }
    } else if (is("benign") || is("benign-first")) {
        benign_counter++;
    } else if (is("racy") || is("racy-first")) {
        plain_counter++;
    } else if (is("ignore")) {
        AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
        ignored = me;
        AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
        AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
        int v = ignored;
        AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
        (void)v;
    } else if (is("newmem")) {
        if (me == 1)
            AnnotateNewMemory(__FILE__, __LINE__, buf, sizeof buf);
        for (int i = 0; i < 8; i++)
            buf[i] = me;
    }
    if (me == first)
        next_stage();
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2)
        return 2;
    mode = argv[1];
    AnnotateBenignRaceSized(__FILE__, __LINE__, &benign_counter, sizeof benign_counter,
                            "statistics only");
    pthread_t t[2];
    for (size_t i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, side, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("done\n");
    return 0;
}
