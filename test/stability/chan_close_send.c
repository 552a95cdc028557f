// A close not ordered with a send races with it, as in Go: the checker
// finds the pair through the channel's record of its senders
// (rt/gosan/race/chan_access.c), not a shadow access per send.  Every mode
// runs in both real-time orders (send-first: the close finds the send in
// the record; close-first: the send finds the close's entry) and with main
// returning right after the second access:
//   plain    one sender, one send;
//   resend   the sender's first send is ordered before the close (a
//            WaitGroup), its second is not: the record must hold the
//            second send's epoch, not keep the first's;
//   many     five senders into distinct slots, the first four ordered
//            before the close, the fifth not: the record's four entries
//            are taken and none happens before the fifth, whose send is
//            then a shadow read that the close must meet;
//   ordered  (-DORDERED) every send is ordered before the close: no race.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: sh -c '%t plain send-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t plain close-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t plain send-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t plain close-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t resend send-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t resend close-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t resend send-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t resend close-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t many send-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t many close-first; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t many send-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: sh -c '%t many close-first exit; echo "status $?"' 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DORDERED %s -o %t-ordered
// RUN: sh -c '%t-ordered plain send-first; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered resend send-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: sh -c '%t-ordered many send-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANY 5

static go_chan *c;
static go_wg before_close; /* the sends ordered before the close */
static go_wg racy_wg;      /* -DORDERED: the last send too */
static bool send_first, exit_at_once;
static atomic_int ready;   /* relaxed: orders nothing for the checker */
static atomic_int racy_send_done, close_done;

static void spin_until(atomic_int *v, int at_least)
{
    while (atomic_load_explicit(v, memory_order_relaxed) < at_least)
        go_yield();
}

/* The send that is not ordered with the close (ordered with -DORDERED). */
static void racy_send(void)
{
    if (!send_first)
        spin_until(&close_done, 1);
    go_chan_send(c, NULL); /* after the close: GO_ECLOSED, and a misuse report */
#ifdef ORDERED
    go_wg_done(&racy_wg);
#endif
    atomic_store_explicit(&racy_send_done, 1, memory_order_relaxed);
}

static void plain_sender(void *arg)
{
    (void)arg;
    racy_send();
}

static void resender(void *arg)
{
    (void)arg;
    go_chan_send(c, NULL);
    go_wg_done(&before_close); /* the first send happens before the close */
    spin_until(&ready, 1);     /* the closer has acquired it */
    racy_send();
}

static void many_sender(void *arg)
{
    go_chan_send(c, NULL);
    go_wg_done(&before_close);
    atomic_fetch_add_explicit(&ready, 1, memory_order_relaxed);
    (void)arg;
}

static void last_sender(void *arg)
{
    (void)arg;
    spin_until(&ready, MANY - 1); /* the fifth entry of the record */
    racy_send();
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[2], "send-first") && strcmp(argv[2], "close-first"))) {
        fprintf(stderr, "usage: %s plain|resend|many send-first|close-first [exit]\n", argv[0]);
        return 2;
    }
    send_first = !strcmp(argv[2], "send-first");
    exit_at_once = argc > 3 && !strcmp(argv[3], "exit");
    c = go_chan_make(0, 16);
#ifdef ORDERED
    go_wg_add(&racy_wg, 1);
#endif
    int ordered_sends = 0;
    if (!strcmp(argv[1], "plain")) {
        go_spawn(plain_sender, NULL);
    } else if (!strcmp(argv[1], "resend")) {
        ordered_sends = 1;
        go_wg_add(&before_close, 1);
        go_spawn(resender, NULL);
    } else {
        ordered_sends = MANY - 1;
        go_wg_add(&before_close, MANY - 1);
        for (int i = 0; i < MANY - 1; i++)
            go_spawn(many_sender, NULL);
        go_spawn(last_sender, NULL);
    }
    if (ordered_sends)
        go_wg_wait(&before_close);
    if (!strcmp(argv[1], "resend"))
        atomic_store_explicit(&ready, 1, memory_order_relaxed);
#ifdef ORDERED
    go_wg_wait(&racy_wg);
#else
    if (send_first)
        spin_until(&racy_send_done, 1);
#endif
    go_chan_close(c);
    atomic_store_explicit(&close_done, 1, memory_order_relaxed);
    if (!exit_at_once)
        spin_until(&racy_send_done, 1);
    else if (!send_first)
        spin_until(&racy_send_done, 1); /* the send is the racing access: return right after it */
    printf("main returns\n");
    return 0;
}

// CHECK: WARNING: gosan: data race
// CHECK: SUMMARY: gosan: data race {{.*}}chan_close_send.c
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
