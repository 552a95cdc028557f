// Contexts (Go's package context): Background is never done; cancelling a
// context closes its Done channel and those of every context derived from
// it (through value contexts too), not its parent's or siblings'; the first
// cancellation's error and cause win; a child of a cancelled context starts
// cancelled; a deadline cancels with GO_EDEADLINE no earlier than it, and a
// child's deadline is never later than its parent's; values are found up
// the chain; a child outlives its parent's release; a cancelled child is
// detached from its parent (a parent with many short-lived children keeps
// none of them).
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
// RUN: %gosan-cc %s -o %t-chk && %t-chk 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define MS 1000000ll

static bool closed(go_context *c)
{
    go_case cs = {go_context_done(c), GO_RECV, NULL, false};
    return go_select(&cs, 1, false) == 0;
}

static int key_a, key_b;
static go_chan *waiter_printed; /* main's "after" line waits for the waiter's */

static void waiter(void *arg)
{
    go_context *c = arg;
    go_chan_recv(go_context_done(c), NULL);
    printf("waiter saw: %s\n", go_strerror(go_context_err(c)));
    go_chan_send(waiter_printed, NULL);
}

int main(void)
{
    go_context *bg = go_context_background();
    int64_t when;
    printf("background: done %p err %d deadline %d value %p\n", (void *)go_context_done(bg),
           go_context_err(bg), go_context_deadline(bg, &when), go_context_value(bg, &key_a));
    printf("cancel background: %s\n", go_strerror(go_context_cancel(bg)));
    go_context_release(bg);
    // CHECK: background: done (nil) err 0 deadline 0 value (nil)
    // CHECK: cancel background: invalid argument

    go_context *root = go_context_with_cancel(bg);
    go_context *val = go_context_with_value(root, &key_a, "A");
    go_context *kid = go_context_with_cancel(val);
    go_context *kid2 = go_context_with_value(kid, &key_b, "B");
    go_context *sib = go_context_with_cancel(bg);
    printf("values: %s %s %s %p\n", (char *)go_context_value(kid2, &key_a), (char *)go_context_value(kid2, &key_b),
           (char *)go_context_value(kid, &key_a), go_context_value(root, &key_a));
    printf("value ctx done is parent's: %d, cancel value ctx: %s\n", go_context_done(val) == go_context_done(root),
           go_strerror(go_context_cancel(val)));
    // CHECK: values: A B A (nil)
    // CHECK: value ctx done is parent's: 1, cancel value ctx: invalid argument

    waiter_printed = go_chan_make(0, 0);
    go_spawn(waiter, kid2);
    go_sleep(5 * MS);
    printf("before: root %d kid %d\n", closed(root), closed(kid));
    go_context_cancel_cause(root, GO_EINVAL);
    go_chan_recv(waiter_printed, NULL);
    // CHECK: before: root 0 kid 0
    // CHECK: waiter saw: context canceled
    printf("after: root %d kid %d kid2 %d sib %d\n", closed(root), closed(kid), closed(kid2), closed(sib));
    printf("errs: %s / %s, causes: %s / %s\n", go_strerror(go_context_err(root)), go_strerror(go_context_err(kid2)),
           go_strerror(go_context_cause(root)), go_strerror(go_context_cause(kid)));
    go_context_cancel_cause(root, GO_ENOMEM);
    printf("second cancel keeps the first cause: %s\n", go_strerror(go_context_cause(root)));
    // CHECK: after: root 1 kid 1 kid2 1 sib 0
    // CHECK: errs: context canceled / context canceled, causes: invalid argument / invalid argument
    // CHECK: second cancel keeps the first cause: invalid argument

    go_context *late = go_context_with_cancel(kid2);
    printf("child of cancelled: %d %s\n", closed(late), go_strerror(go_context_cause(late)));
    // CHECK: child of cancelled: 1 invalid argument

    /* The parent goes first: the children keep working. */
    go_context_release(root);
    go_context_release(val);
    printf("after parent release: %s %s\n", go_strerror(go_context_err(kid2)), (char *)go_context_value(kid2, &key_a));
    // CHECK: after parent release: context canceled A
    go_context_release(late);
    go_context_release(kid2);
    go_context_release(kid);

    /* Cancelling a child leaves its parent alone. */
    go_context *c1 = go_context_with_cancel(sib);
    go_context_cancel(c1);
    printf("child cancelled: child %d parent %d\n", closed(c1), closed(sib));
    // CHECK: child cancelled: child 1 parent 0
    go_context_release(c1);

    /* Detach: a long-lived parent with many short-lived children. */
    for (int i = 0; i < 10000; i++) {
        go_context *c = go_context_with_timeout(sib, 3600 * 1000 * MS);
        go_context_release(c);
    }
    printf("children released\n");
    // CHECK: children released

    /* Deadlines. */
    int64_t t0 = go_now();
    go_context *d = go_context_with_timeout(sib, 30 * MS);
    go_context *dv = go_context_with_value(d, &key_a, NULL);
    go_context *dk = go_context_with_deadline(dv, t0 + 3600 * 1000 * MS);
    int64_t dl = 0;
    printf("deadline: %d inherited: %d\n", go_context_deadline(d, &when) && when >= t0 + 30 * MS,
           go_context_deadline(dk, &dl) && dl == when);
    go_chan_recv(go_context_done(dk), NULL);
    printf("deadline passed: %s, %s, parent %s\n", go_now() - t0 >= 30 * MS ? "not early" : "EARLY",
           go_strerror(go_context_err(dk)), go_strerror(go_context_err(d)));
    // CHECK: deadline: 1 inherited: 1
    // CHECK: deadline passed: not early, context deadline exceeded, parent context deadline exceeded
    go_context *past = go_context_with_deadline(sib, go_now() - 1);
    printf("past deadline: %d %s\n", closed(past), go_strerror(go_context_err(past)));
    // CHECK: past deadline: 1 context deadline exceeded
    go_context *early = go_context_with_timeout(sib, 3600 * 1000 * MS);
    go_context_cancel(early);
    go_sleep(5 * MS);
    printf("cancelled before deadline: %s\n", go_strerror(go_context_err(early)));
    // CHECK: cancelled before deadline: context canceled
    go_context_release(early);
    go_context_release(past);
    go_context_release(dk);
    go_context_release(dv);
    go_context_release(d);

    /* A deadline context released before its timer fires, from many goroutines. */
    for (int i = 0; i < 200; i++)
        go_context_release(go_context_with_timeout(sib, (i % 3) * MS));
    go_sleep(10 * MS);
    go_context_release(sib);
    printf("done\n");
    // CHECK: done
    // CHECK-NOT: WARNING
    return 0;
}
