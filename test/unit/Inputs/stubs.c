/* stubs.c - what the unit tests' objects reference from the layers above
 * them (goroutines, start-up), which a unit test does not link. */
#include <stddef.h>

struct gs_thr;

/* intercept/thread_hb.c: a thread's first state orders it after its
 * creator; the tests' threads create no goroutines. */
void gs_thread_state_created(struct gs_thr *t);
void gs_thread_state_created(struct gs_thr *t)
{
    (void)t;
}
