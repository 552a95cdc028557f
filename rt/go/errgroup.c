/* errgroup.c - golang.org/x/sync/errgroup (<gosan/errgroup.h>), built from
 * the library's own primitives, as Go's is: a WaitGroup for Wait, a
 * Mutex-guarded first error, a cancel context, and a semaphore channel of
 * capacity `limit` (a send takes a slot, a receive gives it back).
 *
 * Invariants: `err` is set at most once (the first failure), under mu;
 * the semaphore holds one token per running subtask, so its length is 0
 * exactly when none runs (SetLimit's check).  Every happens-before edge
 * comes from those primitives: go_spawn (Go before fn), the WaitGroup
 * (each fn's return before Wait returns), mu and the context's
 * cancellation (the first error before the context is seen cancelled).
 */
#include <stdlib.h>

#include "sched.h"

struct go_errgroup {
    go_wg wg;
    go_mutex mu;
    int err;          /* the first error (mu) */
    go_context *ctx;  /* NULL without a context */
    go_chan *sem;     /* NULL: no limit */
};

typedef struct eg_task {
    go_errgroup *g;
    go_errfunc fn;
    void *arg;
} eg_task;

go_errgroup *go_errgroup_new(go_context *parent)
{
    go_errgroup *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (parent && !(g->ctx = go_context_with_cancel(parent))) {
        free(g);
        return NULL;
    }
    return g;
}

go_context *go_errgroup_context(go_errgroup *g) { return g->ctx; }

static void eg_fail(go_errgroup *g, int err)
{
    go_mutex_lock(&g->mu);
    bool first = g->err == 0;
    if (first)
        g->err = err;
    go_mutex_unlock(&g->mu);
    if (first && g->ctx)
        go_context_cancel_cause(g->ctx, err);
}

static void eg_run(void *arg)
{
    eg_task task = *(eg_task *)arg;
    free(arg);
    go_errgroup *g = task.g;
    int err = task.fn(task.arg);
    if (err)
        eg_fail(g, err);
    if (g->sem)
        go_chan_recv(g->sem, NULL);
    go_wg_done(&g->wg);
}

/* Starts the subtask once its semaphore token is held. */
static int eg_start(go_errgroup *g, go_errfunc fn, void *arg)
{
    eg_task *t = malloc(sizeof *t);
    if (!t) {
        if (g->sem)
            go_chan_recv(g->sem, NULL);
        return GO_ENOMEM;
    }
    *t = (eg_task){g, fn, arg};
    go_wg_add(&g->wg, 1);
    int r = go_spawn(eg_run, t);
    if (r) {
        free(t);
        if (g->sem)
            go_chan_recv(g->sem, NULL);
        go_wg_done(&g->wg);
    }
    return r;
}

int go_errgroup_go(go_errgroup *g, go_errfunc fn, void *arg)
{
    if (!fn)
        return GO_EINVAL;
    if (g->sem)
        go_chan_send(g->sem, NULL);
    return eg_start(g, fn, arg);
}

bool go_errgroup_try_go(go_errgroup *g, go_errfunc fn, void *arg)
{
    if (!fn)
        return false;
    if (g->sem) {
        go_case cs = {g->sem, GO_SEND, NULL, false};
        if (go_select(&cs, 1, false) < 0)
            return false;
    }
    return eg_start(g, fn, arg) == 0;
}

int go_errgroup_set_limit(go_errgroup *g, int n)
{
    if (g->sem && go_chan_len(g->sem) != 0)
        return GO_EINVAL;
    go_chan *sem = NULL;
    if (n >= 0 && !(sem = go_chan_make(0, (size_t)n)))
        return GO_ENOMEM;
    go_chan_free(g->sem);
    g->sem = sem;
    return 0;
}

int go_errgroup_wait(go_errgroup *g)
{
    go_wg_wait(&g->wg);
    go_mutex_lock(&g->mu);
    int err = g->err;
    go_mutex_unlock(&g->mu);
    if (g->ctx)
        go_context_cancel_cause(g->ctx, err);
    return err;
}

void go_errgroup_free(go_errgroup *g)
{
    if (!g)
        return;
    go_chan_free(g->sem);
    if (g->ctx)
        go_context_release(g->ctx);
    free(g);
}
