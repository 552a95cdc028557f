/* adopt.c - threads the library did not create.  The first library call on
 * such a thread adopts it for the rest of its life: it gets a go_g (an id,
 * labels, a place in dumps) bound to the thread, and blocking calls park the
 * thread itself on a futex instead of switching stacks, since the thread
 * and its stack belong to the program.  An adopted thread counts as a live
 * goroutine that is running whenever it is outside a blocking call, so the
 * all-asleep check never fires while it might still send or unlock.  When
 * the thread exits, a pthread key destructor retires its goroutine.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#include "g.h"
#include "hb.h"

static pthread_key_t adopt_key;
static pthread_once_t adopt_once = PTHREAD_ONCE_INIT;

static void retire(void *arg)
{
    go_g *g = arg;
    atomic_store(&g->bound_m->tid, 0); /* still alive: foreign.c waits for it to go */
    if (GO_CHECKER_ON())
        go_hooks_active->g_exit(g->checker_ctx);
    go_all_remove(g);
    go_labels_free(g);
    atomic_store(&g->status, G_DEAD);
    go_count_add(GO_COUNT_LIVE, -1);
    go_count_event();
    go_g_free_static(g);
    go_check_all_asleep();
}

static void make_key(void)
{
    if (pthread_key_create(&adopt_key, retire) != 0)
        go_fatal("cannot create the thread key for adopted threads");
}

go_g *go_adopt_thread(void)
{
    if (atomic_load(&go_sched.initialized) != 2) {
        go_sched_init_slow();
        go_g *g = go_cur_g();
        if (g)
            return g; /* this was the main thread */
    }
    pthread_once(&adopt_once, make_key);
    go_m *m = go_m_alloc();
    go_g *g = go_g_alloc_static();
    if (!m || !g)
        go_fatal("out of memory adopting a thread");
    m->foreign = true;
    /* Counted live (and an event) before its tid marks it as the library's:
     * an all-asleep check that finds no unknown thread in /proc then sees
     * this count too (asleep.c), and does not call a deadlock that this
     * thread's first call is about to end. */
    go_count_add(GO_COUNT_LIVE, 1);
    go_count_event();
    atomic_store(&m->tid, go_gettid());
    if (GO_DET_ON())
        go_det_foreign_thread(m->tid);
    go_signals_init_thread(m);
    g->id = atomic_fetch_add(&go_sched.next_goid, 1);
    g->bound_m = m;
    g->m = m;
    go_thread_stack_bounds(&g->stack_lo, &g->stack_hi);
    m->curg = g;
    atomic_store(&g->status, G_RUNNING);
    go_set_tls_foreign(m, g);
    go_all_add(g);
    if (GO_CHECKER_ON()) {
        g->checker_ctx = go_hooks_active->g_create(0, g->id, NULL);
        go_hooks_active->g_switch(g->checker_ctx);
        go_hooks_active->g_start(g->checker_ctx);
    }
    pthread_setspecific(adopt_key, g);
    return g;
}
