/* init.c - __gosan_init: the checker's start-up, run once, from the first
 * of its callers (every instrumented module's constructor, and the
 * constructor below for a program with none).
 */
#include "dump.h"
#include "engine.h"
#include "flags.h"
#include "gosan_abi.h"
#include "hooks_table.h"
#include "suppress.h"
#include "uninstrumented.h"

void __gosan_init(void)
{
    static int state; /* 0 not yet, 1 running, 2 done */
    int expect = 0;
    if (!__atomic_compare_exchange_n(&state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return; /* done, or re-entered from inside init */
    gs_flags_init();
    gs_warn_uninstrumented();
    gs_suppress_init();
    gs_engine_start();
    gs_hooks_install();
    gs_watch_start();
    __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
}

/* Runs before the instrumented modules' constructors in most link orders;
 * they call __gosan_init themselves anyway. */
__attribute__((constructor(101))) static void gs_engine_ctor(void)
{
    __gosan_init();
}
