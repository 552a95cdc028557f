// A handler installed with the older installers runs after its install as
// one installed with sigaction or signal does: bsd_signal, ssignal,
// sysv_signal, sigset, and signal() itself under _XOPEN_SOURCE without
// _GNU_SOURCE or _DEFAULT_SOURCE (glibc's headers make it __sysv_signal).
// main writes `config`, installs the handler, then a thread created before
// both raises the signal (it waits for the install on a relaxed flag,
// which orders nothing); the handler reads `config`: no report, also when
// main returns right after the handler ran ("exit").  glibc installs
// through its internal sigaction, which the checker does not see: each was
// a false data race.  Control (RACY): a global written after the install
// (by main, with nothing ordering it with the handler) still races.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t bsd_signal 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t ssignal 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t sysv_signal 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t sigset 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t sigset exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t sysv_signal exit 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: not %t sigset racy 2>&1 | FileCheck --check-prefix=RACY %s
// RUN: %gosan-cc -O1 -DXOPEN_ONLY %s -o %t-xopen
// RUN: %t-xopen signal 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %t-xopen signal exit 2>&1 | FileCheck --check-prefix=NORACE %s
#ifdef XOPEN_ONLY
#define _XOPEN_SOURCE 700 /* signal() is __sysv_signal */
#else
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef XOPEN_ONLY
/* Not declared under _GNU_SOURCE (an X/Open legacy name). */
sighandler_t bsd_signal(int sig, sighandler_t handler);
#endif

/* Not static, so the optimizer keeps every access. */
long config, late, seen;
static bool racy;
static atomic_int installed, handled;

static void handler(int sig)
{
    (void)sig;
    seen = racy ? late : config;
    atomic_store_explicit(&handled, 1, memory_order_relaxed);
}

static void *raiser(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&installed, memory_order_relaxed))
        sched_yield();
    raise(SIGUSR1);
    return NULL;
}

static void install(const char *how)
{
#ifdef XOPEN_ONLY
    (void)how;
    signal(SIGUSR1, handler);
#else
    if (!strcmp(how, "bsd_signal"))
        bsd_signal(SIGUSR1, handler);
    else if (!strcmp(how, "ssignal"))
        ssignal(SIGUSR1, handler);
    else if (!strcmp(how, "sysv_signal"))
        sysv_signal(SIGUSR1, handler);
    else {
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
        sigset(SIGUSR1, handler);
    }
#endif
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";
    bool exit_at_once = argc > 2 && !strcmp(argv[2], "exit");
    racy = argc > 2 && !strcmp(argv[2], "racy");
    pthread_t t;
    pthread_create(&t, NULL, raiser, NULL);
    config = 7;
    install(how);
    if (racy)
        late = 8;
    atomic_store_explicit(&installed, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&handled, memory_order_relaxed))
        sched_yield();
    if (!exit_at_once)
        pthread_join(t, NULL);
    printf("main returns\n");
    return 0;
}

// NORACE-NOT: WARNING: gosan
// NORACE: main returns
// RACY: WARNING: gosan: data race
// RACY: SUMMARY: gosan: data race {{.*}}signal_handler_legacy.c:{{[0-9]+}} in handler
// RACY: main returns
