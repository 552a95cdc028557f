// C++ new is an allocation like malloc (alloc_is_write.c): the new object
// counts as written by the allocating thread, so a read by another thread
// that gets the pointer through a relaxed atomic races with it, whichever
// side runs first (RELAXED: the reader spins before main allocates; main
// then exits right after the join).  Through a mutex (MUTEX) the read is
// ordered: no report.  TSan (clang-14 -fsanitize=thread) agrees.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DRELAXED %s -o %t-r && not %t-r 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DMUTEX %s -o %t-m && %t-m 2>&1 | FileCheck --check-prefix=ORDERED %s
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

struct Job {
    int id;
    int priority;
};

static std::atomic<Job *> job; // relaxed: orders nothing
static std::mutex mu;
static Job *locked_job; // MUTEX: under mu

int main() {
#ifdef RELAXED
    std::thread t([] {
        Job *j;
        while (!(j = job.load(std::memory_order_relaxed)))
            ;
        std::printf("priority=%d\n", j->priority);
    });
    job.store(new Job, std::memory_order_relaxed);
    t.join();
#else
    std::thread t([] {
        for (;;) {
            std::lock_guard<std::mutex> g(mu);
            if (locked_job) {
                std::printf("priority=%d\n", locked_job->priority);
                return;
            }
        }
    });
    {
        std::lock_guard<std::mutex> g(mu);
        locked_job = new Job{1, 7};
    }
    t.join();
    std::printf("done\n");
#endif
    return 0;
}
// CHECK: WARNING: gosan: data race (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 4 at 0x{{[0-9a-f]+}} by thread T1:
// CHECK-NEXT:     #0 {{.*}}alloc_is_write.cpp:30:
// CHECK:        Previous write (allocation) of size 8 at 0x[[B:[0-9a-f]+]] by goroutine 1:
// CHECK:        Location is heap block of size 8 at 0x[[B]] allocated by goroutine 1:
// CHECK:      SUMMARY: gosan: data race {{.*}}alloc_is_write.cpp:30
// CHECK-NOT: WARNING: gosan

// ORDERED-NOT: WARNING: gosan
// ORDERED: priority=7
// ORDERED-NOT: WARNING: gosan
// ORDERED: done
