// go_errgroup (golang.org/x/sync/errgroup): Wait waits for every subtask
// and returns the first error; the first error cancels the group's context
// (cause: the error) so the other subtasks can stop; Wait cancels it too;
// SetLimit bounds how many run at once (Go blocks, TryGo refuses) and is
// refused while subtasks run; a group with no context works.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
// RUN: %cc-tsan %s -o %t-tsan && env GOSAN_MAXPROCS=2 %t-tsan | FileCheck %s
// RUN: %gosan-cc %s -o %t-chk && %t-chk 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

#define MS 1000000ll

static go_errgroup *g;
static atomic_int running, max_running, finished, stopped_early;
static go_chan *gate;

static int fails(void *arg)
{
    go_sleep((int64_t)(intptr_t)arg * MS);
    return GO_EINVAL;
}

/* Fails only once the group is cancelled, i.e. after the first error:
 * a sleep could not promise that on a loaded machine. */
static int fails_later(void *arg)
{
    (void)arg;
    go_chan_recv(go_context_done(go_errgroup_context(g)), NULL);
    return GO_ENOMEM;
}

static int waits_for_cancel(void *arg)
{
    (void)arg;
    go_case cs[2] = {{go_context_done(go_errgroup_context(g)), GO_RECV, NULL, false},
                     {go_after(3600 * 1000 * MS), GO_RECV, NULL, false}};
    int i = go_select(cs, 2, true);
    go_chan_free(cs[1].chan);
    if (i == 0)
        atomic_fetch_add(&stopped_early, 1);
    return 0;
}

static int limited(void *arg)
{
    (void)arg;
    int n = atomic_fetch_add(&running, 1) + 1;
    int m = atomic_load(&max_running);
    while (n > m && !atomic_compare_exchange_weak(&max_running, &m, n))
        ;
    go_sleep(2 * MS);
    atomic_fetch_sub(&running, 1);
    atomic_fetch_add(&finished, 1);
    return 0;
}

static int blocked(void *arg)
{
    (void)arg;
    go_chan_recv(gate, NULL);
    return 0;
}

int main(void)
{
    g = go_errgroup_new(go_context_background());
    go_context *ctx = go_errgroup_context(g);
    for (int i = 0; i < 5; i++)
        go_errgroup_go(g, waits_for_cancel, NULL);
    go_errgroup_go(g, fails_later, NULL);
    go_errgroup_go(g, fails, (void *)(intptr_t)5);
    int err = go_errgroup_wait(g);
    printf("wait: %s; stopped early: %d; ctx: %s, cause %s\n", go_strerror(err), atomic_load(&stopped_early),
           go_strerror(go_context_err(ctx)), go_strerror(go_context_cause(ctx)));
    // CHECK: wait: invalid argument; stopped early: 5; ctx: context canceled, cause invalid argument
    go_errgroup_free(g);

    g = go_errgroup_new(go_context_background());
    for (int i = 0; i < 20; i++)
        go_errgroup_go(g, limited, NULL);
    printf("no error: %d, ctx after wait: %s\n", go_errgroup_wait(g),
           go_strerror(go_context_err(go_errgroup_context(g))));
    // CHECK: no error: 0, ctx after wait: context canceled
    go_errgroup_free(g);

    /* A limit, and a group with no context. */
    g = go_errgroup_new(NULL);
    printf("no context: %p\n", (void *)go_errgroup_context(g));
    // CHECK: no context: (nil)
    atomic_store(&max_running, 0);
    atomic_store(&finished, 0);
    printf("set limit: %d\n", go_errgroup_set_limit(g, 3));
    for (int i = 0; i < 30; i++)
        go_errgroup_go(g, limited, NULL);
    printf("limited wait: %d, finished %d, at most 3 at once: %s\n", go_errgroup_wait(g), atomic_load(&finished),
           atomic_load(&max_running) <= 3 ? "yes" : "no");
    // CHECK: set limit: 0
    // CHECK: limited wait: 0, finished 30, at most 3 at once: yes

    gate = go_chan_make(0, 0);
    go_errgroup_set_limit(g, 2);
    bool a = go_errgroup_try_go(g, blocked, NULL), b = go_errgroup_try_go(g, blocked, NULL);
    bool c = go_errgroup_try_go(g, blocked, NULL);
    printf("try_go: %d %d %d; set limit while running: %s\n", a, b, c, go_strerror(go_errgroup_set_limit(g, 5)));
    // CHECK: try_go: 1 1 0; set limit while running: invalid argument
    go_chan_close(gate);
    printf("wait: %d\n", go_errgroup_wait(g));
    printf("try_go after wait: %d\n", go_errgroup_try_go(g, fails, (void *)(intptr_t)0));
    printf("wait: %s\n", go_strerror(go_errgroup_wait(g)));
    // CHECK: wait: 0
    // CHECK: try_go after wait: 1
    // CHECK: wait: invalid argument
    printf("go NULL: %s\n", go_strerror(go_errgroup_go(g, NULL, NULL)));
    // CHECK: go NULL: invalid argument
    go_errgroup_free(g);
    go_chan_free(gate);
    printf("done\n");
    // CHECK: done
    // CHECK-NOT: WARNING
    return 0;
}
