// Every event that carries a stack (creation, the blocks of each kind, the
// unblocks, the yield) has the user's call of the public function as its
// top frame, never a frame of the library: the walk (trace_stack.c) drops
// the library's frames above the event and nothing of the user's.
// Each operation sits in a function of its own, so a stack that skipped
// the user's top frame would name its caller instead.  One worker and two.
// REQUIRES: go
// RUN: %plain-cc -O0 -g %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=1 %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/top_frames.py %t.trace main spawn_all blocked_recv blocked_send blocked_lock blocked_wg_wait blocked_cond_wait blocked_select nap do_yield do_send do_recv release_lock finish_wg signal_cond select_send g_recv g_send g_lock g_wg g_cond g_select | FileCheck %s
// RUN: go tool trace -d %t.trace > /dev/null
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace GOSAN_MAXPROCS=2 %t | FileCheck %s --check-prefix=OUT
// RUN: python3 %S/Inputs/top_frames.py %t.trace main spawn_all blocked_recv blocked_send blocked_lock blocked_wg_wait blocked_cond_wait blocked_select nap do_yield do_send do_recv release_lock finish_wg signal_cond select_send g_recv g_send g_lock g_wg g_cond g_select | FileCheck %s --check-prefix=TWO
// RUN: go tool trace -d %t.trace > /dev/null
#include <gosan/go.h>
#include <stdio.h>

#define USER __attribute__((noinline))

static go_chan *recv_c, *send_c, *sel_c;
static go_mutex mu, cmu;
static go_cond cond;
static go_wg wg, all;
static int cond_ready;

USER static void blocked_recv(void) { long v; go_chan_recv(recv_c, &v); }
USER static void blocked_send(void) { long v = 1; go_chan_send(send_c, &v); }
USER static void blocked_lock(void) { go_mutex_lock(&mu); go_mutex_unlock(&mu); }
USER static void blocked_wg_wait(void) { go_wg_wait(&wg); }
USER static void blocked_cond_wait(void)
{
    go_mutex_lock(&cmu);
    while (!cond_ready)
        go_cond_wait(&cond);
    go_mutex_unlock(&cmu);
}
USER static void blocked_select(void)
{
    long v;
    go_case cases[1] = {{.chan = sel_c, .dir = GO_RECV, .elem = &v}};
    go_select(cases, 1, true);
}

static void g_recv(void *a) { (void)a; blocked_recv(); go_wg_done(&all); }
static void g_send(void *a) { (void)a; blocked_send(); go_wg_done(&all); }
static void g_lock(void *a) { (void)a; blocked_lock(); go_wg_done(&all); }
static void g_wg(void *a) { (void)a; blocked_wg_wait(); go_wg_done(&all); }
static void g_cond(void *a) { (void)a; blocked_cond_wait(); go_wg_done(&all); }
static void g_select(void *a) { (void)a; blocked_select(); go_wg_done(&all); }

USER static void spawn_all(void)
{
    go_wg_add(&all, 6);
    go_spawn(g_recv, NULL);
    go_spawn(g_send, NULL);
    go_spawn(g_lock, NULL);
    go_spawn(g_wg, NULL);
    go_spawn(g_cond, NULL);
    go_spawn(g_select, NULL);
}
USER static void nap(void) { go_sleep(20 * 1000 * 1000); }
USER static void do_yield(void) { go_yield(); }
USER static void do_send(void) { long v = 2; go_chan_send(recv_c, &v); }
USER static void do_recv(void) { long v; go_chan_recv(send_c, &v); }
USER static void release_lock(void) { go_mutex_unlock(&mu); }
USER static void finish_wg(void) { go_wg_done(&wg); }
USER static void signal_cond(void)
{
    go_mutex_lock(&cmu);
    cond_ready = 1;
    go_cond_signal(&cond);
    go_mutex_unlock(&cmu);
}
USER static void select_send(void) { long v = 3; go_chan_send(sel_c, &v); }

int main(void)
{
    recv_c = go_chan_make(sizeof(long), 0);
    send_c = go_chan_make(sizeof(long), 0);
    sel_c = go_chan_make(sizeof(long), 0);
    go_cond_init(&cond, &cmu);
    go_mutex_lock(&mu);
    go_wg_add(&wg, 1);
    spawn_all();
    do_yield();
    nap(); /* every goroutine blocks meanwhile */
    do_send();
    do_recv();
    release_lock();
    finish_wg();
    signal_cond();
    select_send();
    go_wg_wait(&all);
    puts("done");
    return 0;
}
// OUT: done
// CHECK-DAG: GoBlockCond blocked_cond_wait
// CHECK-DAG: GoBlockRecv blocked_recv
// CHECK-DAG: GoBlockSelect blocked_select
// CHECK-DAG: GoBlockSend blocked_send
// CHECK-DAG: GoBlockSync blocked_lock
// CHECK-DAG: GoBlockSync blocked_wg_wait
// CHECK-DAG: GoCreate spawn_all
// CHECK-DAG: GoSched do_yield
// CHECK-DAG: GoSleep nap
// CHECK-DAG: GoUnblock{{(Local)?}} do_send
// CHECK-DAG: GoUnblock{{(Local)?}} do_recv
// CHECK-DAG: GoUnblock{{(Local)?}} release_lock
// CHECK-DAG: GoUnblock{{(Local)?}} finish_wg
// CHECK-DAG: GoUnblock{{(Local)?}} signal_cond
// CHECK-DAG: GoUnblock{{(Local)?}} select_send
// CHECK: tops outside the program: 0 []
// TWO-DAG: GoBlockRecv blocked_recv
// TWO-DAG: GoBlockSend blocked_send
// TWO-DAG: GoCreate spawn_all
// TWO-DAG: GoSleep nap
// TWO: tops outside the program: 0 []
