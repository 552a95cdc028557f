// A traced program ended by a signal still leaves a trace `go tool trace`
// opens: the signals that end a process write every worker's buffer out
// first, then the process ends by the same signal (the shell's status
// 128+N; 2 after SIGQUIT's goroutine dump).  Two goroutines ping-pong on
// unbuffered channels on both workers when the signal comes; before, the
// events still in the buffers were lost and the viewer refused the trace
// ("no consistent ordering of events possible").  All 20,000 round trips
// before the signal are in the trace (two wake-ups each).  Each way of dying:
// kill() of the process (SIGTERM, SIGINT, SIGHUP: delivered to any thread),
// raise() in the pinging goroutine, a null store (SIGSEGV), abort(), and
// SIGQUIT.  A program's own handler is left alone (own: exits 3 from it).
// REQUIRES: go
// RUN: %plain-cc -O1 %s -o %t
// RUN: rm -f %t.term && env GOSAN_TRACE=%t.term %t term; test $? = 143
// RUN: go tool trace -d %t.term > %t.term.events && FileCheck %s < %t.term.events
// RUN: test $(grep -c " GoUnblock " %t.term.events) -ge 39990
// RUN: rm -f %t.int && env GOSAN_TRACE=%t.int %t int; test $? = 130
// RUN: go tool trace -d %t.int > %t.int.events && FileCheck %s < %t.int.events
// RUN: test $(grep -c " GoUnblock " %t.int.events) -ge 39990
// RUN: rm -f %t.hup && env GOSAN_TRACE=%t.hup %t hup; test $? = 129
// RUN: go tool trace -d %t.hup > %t.hup.events && FileCheck %s < %t.hup.events
// RUN: test $(grep -c " GoUnblock " %t.hup.events) -ge 39990
// RUN: rm -f %t.raise && env GOSAN_TRACE=%t.raise %t raise; test $? = 143
// RUN: go tool trace -d %t.raise > %t.raise.events && FileCheck %s < %t.raise.events
// RUN: test $(grep -c " GoUnblock " %t.raise.events) -ge 39990
// RUN: rm -f %t.segv && env GOSAN_TRACE=%t.segv %t segv; test $? = 139
// RUN: go tool trace -d %t.segv > %t.segv.events && FileCheck %s < %t.segv.events
// RUN: test $(grep -c " GoUnblock " %t.segv.events) -ge 39990
// RUN: rm -f %t.abort && env GOSAN_TRACE=%t.abort %t abort; test $? = 134
// RUN: go tool trace -d %t.abort > %t.abort.events && FileCheck %s < %t.abort.events
// RUN: test $(grep -c " GoUnblock " %t.abort.events) -ge 39990
// RUN: rm -f %t.quit && env GOSAN_TRACE=%t.quit %t quit 2> %t.quit.err; test $? = 2
// RUN: FileCheck %s --check-prefix=QUIT < %t.quit.err
// RUN: go tool trace -d %t.quit > %t.quit.events && FileCheck %s < %t.quit.events
// RUN: test $(grep -c " GoUnblock " %t.quit.events) -ge 39990
// RUN: rm -f %t.own && env GOSAN_TRACE=%t.own %t own; test $? = 3
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static go_chan *ping, *pong;
static const char *how;
static volatile long bad_address; /* 0: the store faults */

static void own_handler(int sig)
{
    (void)sig;
    _exit(3);
}

static void die(void)
{
    if (strcmp(how, "term") == 0 || strcmp(how, "own") == 0)
        kill(getpid(), SIGTERM);
    else if (strcmp(how, "int") == 0)
        kill(getpid(), SIGINT);
    else if (strcmp(how, "hup") == 0)
        kill(getpid(), SIGHUP);
    else if (strcmp(how, "quit") == 0)
        kill(getpid(), SIGQUIT);
    else if (strcmp(how, "raise") == 0)
        raise(SIGTERM);
    else if (strcmp(how, "segv") == 0)
        *(volatile int *)bad_address = 1;
    else if (strcmp(how, "abort") == 0)
        abort();
}

static void ponger(void *arg)
{
    (void)arg;
    for (int v;;) {
        go_chan_recv(ping, &v);
        go_chan_send(pong, &v);
    }
}

static void pinger(void *arg)
{
    (void)arg;
    for (int i = 0;; i++) {
        if (i == 20000)
            die(); /* the signal may come while the other side runs */
        if (i == 20000 + 5000000) {
            fprintf(stderr, "still alive after the signal\n");
            exit(1);
        }
        go_chan_send(ping, &i);
        go_chan_recv(pong, &i);
    }
}

int main(int argc, char **argv)
{
    how = argc > 1 ? argv[1] : "term";
    /* A test runner may start us with SIGINT ignored (as shells start
     * background jobs): the handler goes only over the default action, so
     * start again with the default, as a terminal's program has it. */
    struct sigaction cur;
    if (strcmp(how, "int") == 0 && sigaction(SIGINT, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN) {
        signal(SIGINT, SIG_DFL);
        execv("/proc/self/exe", argv);
        return 1;
    }
    if (strcmp(how, "own") == 0)
        signal(SIGTERM, own_handler);
    ping = go_chan_make(sizeof(int), 0);
    pong = go_chan_make(sizeof(int), 0);
    go_spawn(ponger, NULL);
    go_spawn(pinger, NULL);
    for (;;)
        pause();
}
// CHECK: GoCreate
// CHECK: GoBlock{{Recv|Send}}
// CHECK: GoUnblock
// QUIT: SIGQUIT: quit
