/* foreign.c - threads of the process that the library does not run, for
 * the all-asleep check (asleep.c).
 *
 * A thread the program created may call the API only later (adoption happens
 * at its first call): while it lives, every goroutine being parked proves
 * nothing, as Go does not call a deadlock while an M is in a system call or
 * in C code.  So before asleep.c reports, it asks whether such a thread
 * exists: a thread of /proc/self/task that is neither one of the library's
 * (a worker, goroutine 1's thread, an adopted thread still in the library's
 * books; their tids are in go_m.tid) nor marked private (the monitor, the
 * checker's own threads via go_hooks_thread_private, and every thread that
 * already existed when the library started, i.e. sanitizer runtimes',
 * TSan's included, which it starts at the library's first pthread_create).
 * While one does, the verdict is deferred and the monitor looks again every
 * tick (go_foreign_recheck_due), so a real deadlock is still reported once
 * those threads have exited; an adopted thread blocked in a library call
 * counts as asleep like any goroutine.  Without /proc nothing is deferred.
 *
 * Invariant: a tid in go_m.tid is a live thread the library runs; adopt.c
 * clears it when the adopted thread's goroutine retires, before the thread
 * is gone, so a dying adopted thread defers the verdict until it is gone
 * (its go_m is reused only after that, adopt.c).
 */
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "g.h"

#define FOREIGN_PRIVATE_MAX 64

static _Atomic pid_t private_tids[FOREIGN_PRIVATE_MAX];
static _Atomic int nprivate;
static _Atomic int recheck; /* a verdict was deferred: the monitor must look again */

pid_t go_gettid(void) { return (pid_t)syscall(SYS_gettid); }

static void private_add(pid_t tid)
{
    int i = atomic_fetch_add(&nprivate, 1);
    if (i < FOREIGN_PRIVATE_MAX)
        atomic_store(&private_tids[i], tid);
}

void go_hooks_thread_private(void) { private_add(go_gettid()); }

static bool is_private(pid_t tid)
{
    int n = atomic_load(&nprivate);
    for (int i = 0; i < n && i < FOREIGN_PRIVATE_MAX; i++)
        if (atomic_load(&private_tids[i]) == tid)
            return true;
    return false;
}

static bool is_library_thread(pid_t tid)
{
    int nm = atomic_load(&go_sched.nm);
    for (int i = 0; i < nm && i < GO_MAX_M; i++) {
        go_m *m = atomic_load(&go_sched.ms[i]);
        if (m && atomic_load_explicit(&m->tid, memory_order_relaxed) == tid)
            return true;
    }
    return false;
}

/* Calls fn for each thread of the process but the caller; stops when fn
 * returns true and returns that.  false when /proc cannot be read.  *seen
 * counts the threads listed, the caller included. */
static bool each_other_thread(bool (*fn)(pid_t tid), int *seen)
{
    DIR *d = opendir("/proc/self/task");
    *seen = 0;
    if (!d)
        return false;
    pid_t self = go_gettid();
    bool hit = false;
    struct dirent *e;
    while (!hit && (e = readdir(d))) {
        char *end;
        long tid = strtol(e->d_name, &end, 10);
        if (end != e->d_name && !*end) {
            ++*seen;
            if (tid != self)
                hit = fn((pid_t)tid);
        }
    }
    closedir(d);
    return hit;
}

/* The process's thread count (/proc/self/status), or -1. */
static int threads_now(void)
{
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    char *p = strstr(buf, "\nThreads:");
    return p ? atoi(p + 9) : -1;
}

static bool mark_private(pid_t tid)
{
    private_add(tid);
    return false;
}

void go_foreign_init(void)
{
    int seen;
    each_other_thread(mark_private, &seen);
}

static bool unknown(pid_t tid) { return !is_private(tid) && !is_library_thread(tid); }

/* A listing of /proc/self/task can skip a live thread when another exits
 * while it is read (the kernel resumes by position once the thread it
 * stopped at is gone): a dying adopted thread would hide the new thread
 * after it, which may be about to call in.  So the listing must show at
 * least as many threads as the process had before it began (a thread
 * created meanwhile comes from a thread that is running, and the verdict
 * that needs this scan has every goroutine parked), else it is read again,
 * and a few failed tries defer the verdict. */
static bool unknown_thread_listed(void)
{
    for (int tries = 0; tries < 4; tries++) {
        int before = threads_now(), seen;
        if (each_other_thread(unknown, &seen))
            return true;
        if (before < 0 || seen >= before)
            return false;
    }
    return true;
}

bool go_foreign_threads_live(void)
{
    if (!unknown_thread_listed())
        return false;
    atomic_store(&recheck, 1);
    go_monitor_poke();
    return true;
}

/* fork.c: the child's threads are new; none of the parent's is private. */
void go_foreign_fork_child(void)
{
    atomic_store(&nprivate, 0);
    atomic_store(&recheck, 0);
}

bool go_foreign_recheck_due(void) { return atomic_exchange(&recheck, 0) != 0; }
