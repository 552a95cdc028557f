// The checker runs the program's signal handlers through a trampoline of its
// own (intercept/signal_handlers.c); the program never sees it: sigaction's
// old action and signal()'s result name the program's handler and flags, a
// handler with SA_SIGINFO gets its siginfo, and SIG_DFL / SIG_IGN stay
// what they are.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck %s
// RUN: %plain-cc -O1 %s -o %t-plain && %t-plain 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t plain_hits, info_signo;

static void plain_handler(int sig) { plain_hits += sig == SIGUSR2; }

static void info_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    info_signo = si ? si->si_signo : -sig;
}

static int check(int ok, const char *what) {
    printf("%s: %s\n", what, ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}

int main(void) {
    int bad = 0;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = plain_handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGUSR2, NULL, &old);
    bad |= check(old.sa_handler == plain_handler && !(old.sa_flags & SA_SIGINFO) &&
                     (old.sa_flags & SA_RESTART), "query");
    raise(SIGUSR2);
    bad |= check(plain_hits == 1, "plain handler ran");

    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, &old);
    bad |= check(old.sa_handler == plain_handler, "replaced");
    raise(SIGUSR2);
    bad |= check(info_signo == SIGUSR2, "siginfo handler ran");

    void (*prev)(int) = signal(SIGUSR2, SIG_IGN);
    bad |= check((void *)prev == (void *)info_handler, "signal returns the handler");
    raise(SIGUSR2); /* ignored */
    prev = signal(SIGUSR2, plain_handler);
    bad |= check(prev == SIG_IGN, "signal returns SIG_IGN");
    raise(SIGUSR2);
    bad |= check(plain_hits == 2, "signal's handler ran");
    sigaction(SIGUSR2, NULL, &old);
    bad |= check(old.sa_handler == plain_handler && !(old.sa_flags & SA_SIGINFO), "signal's query");
    return bad;
}

// CHECK: query: ok
// CHECK: plain handler ran: ok
// CHECK: replaced: ok
// CHECK: siginfo handler ran: ok
// CHECK: signal returns the handler: ok
// CHECK: signal returns SIG_IGN: ok
// CHECK: signal's handler ran: ok
// CHECK: signal's query: ok
// CHECK-NOT: WRONG
