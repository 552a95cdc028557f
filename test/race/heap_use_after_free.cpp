// C++ delete marks the object freed like free (heap_use_after_free.c): a
// later access is a heap-use-after-free, ordered (by the mutex) or not,
// in both directions (a thread deletes and main reads: THREAD_DELETES;
// main deletes and a thread reads: MAIN_DELETES, after which the program
// exits at once).  (The allocation stack of `new` ends in libstdc++'s
// operator new, whose caller the checker does not see.)  An object new hands back from the same memory is new
// (REUSE, no report).  TSan (clang-14 -fsanitize=thread) agrees.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DTHREAD_DELETES %s -o %t-td && not %t-td 2>&1 | FileCheck --check-prefixes=CHECK,TD %s
// RUN: %gosan-cc -O1 -DMAIN_DELETES %s -o %t-md && not %t-md 2>&1 | FileCheck --check-prefixes=CHECK,MD %s
// RUN: %gosan-cc -O1 -DREUSE %s -o %t-reuse && %t-reuse 2>&1 | FileCheck --check-prefix=NOUAF %s
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

struct Account {
    long id;
    long balance;
};

static std::mutex mu;
static Account *acct;
static std::atomic<int> flag; // relaxed: real-time order only

static void wait_flag() {
    while (!flag.load(std::memory_order_relaxed))
        ;
}

static void deleter() {
    {
        std::lock_guard<std::mutex> g(mu);
        Account *old = acct;
        delete acct;
#ifdef REUSE
        acct = new Account{2, 0}; // the same memory, from this thread's cache
        std::printf("reused=%s\n", acct == old ? "yes" : "no");
#endif
        (void)old;
    }
    flag.store(1, std::memory_order_relaxed);
}

static long reader() {
    wait_flag();
    std::lock_guard<std::mutex> g(mu);
    return acct->balance;
}

int main() {
    acct = new Account{1, 100};
#ifdef MAIN_DELETES
    std::thread t([] { std::printf("balance=%ld\n", reader()); });
    {
        std::lock_guard<std::mutex> g(mu);
        delete acct;
    }
    flag.store(1, std::memory_order_relaxed);
    t.join();
    return 0;
#else
    std::thread t(deleter);
    long b = reader();
    t.join();
    std::printf("balance=%ld done\n", b);
    return 0;
#endif
}
// CHECK: WARNING: gosan: heap-use-after-free (pid={{[0-9]+}})
// CHECK-NEXT:   Read of size 8 at 0x{{[0-9a-f]+}} by
// TD-SAME: goroutine 1:
// MD-SAME: thread T1:
// CHECK-NEXT:     #0 reader{{.*}} {{.*}}heap_use_after_free.cpp:48:18
// CHECK:        Previous free of size 16 at 0x[[B:[0-9a-f]+]] by
// TD-SAME: thread T1:
// TD-NEXT:     #0 deleter{{.*}} {{.*}}heap_use_after_free.cpp:35:
// MD-SAME: goroutine 1:
// MD-NEXT:     #0 main {{.*}}heap_use_after_free.cpp:57:
// CHECK:        Location is heap block of size 16 at 0x[[B]] (freed) allocated by goroutine 1:
// CHECK: SUMMARY: gosan: heap-use-after-free {{.*}}heap_use_after_free.cpp:48 in reader
// CHECK-NOT: WARNING: gosan

// NOUAF-NOT: WARNING: gosan
// NOUAF: reused=yes
// NOUAF-NOT: WARNING: gosan
// NOUAF: balance=0 done
// NOUAF-NOT: WARNING: gosan
