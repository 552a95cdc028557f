/* Bug kernel: hugo#3251 (GoKer blocking/hugo/3251), a resource deadlock
 * between an RWMutex guarding a map of per-URL mutexes and those mutexes.
 *
 * URLLock takes the map's write lock, then, still holding it, locks the
 * URL's mutex.  URLUnlock takes the map's read lock to find the URL's mutex
 * and unlock it:
 *
 *   fetcher A                          fetcher B
 *   URLLock: map lock; url lock;
 *   map unlock
 *                                      URLLock: map lock;
 *                                      url lock (blocks: A holds it)
 *   URLUnlock: map rlock (blocks:
 *   B holds the map)
 *
 * Only when B's URLLock runs between A's URLLock and A's URLUnlock. */
#include "kernel.h"

#define FETCHERS 2
#define FETCHES 2

static go_rwmutex remote_lock;  /* guards url_lock's existence */
static go_mutex *url_lock;      /* created on first use */

static void url_lock_acquire(void)
{
    go_rwmutex_lock(&remote_lock);
    if (!url_lock)
        url_lock = calloc(1, sizeof *url_lock);
    go_mutex_lock(url_lock);
    go_rwmutex_unlock(&remote_lock);
}

static void url_lock_release(void)
{
    go_rwmutex_rlock(&remote_lock);
    go_mutex_unlock(url_lock);
    go_rwmutex_runlock(&remote_lock);
}

static void fetcher(void *arg)
{
    (void)arg;
    for (int i = 0; i < FETCHES; i++) {
        url_lock_acquire(); /* resGetRemote */
        url_lock_release();
    }
}

int main(void)
{
    for (int i = 0; i < FETCHERS; i++)
        kernel_go(fetcher, NULL);
    kernel_join();
    return 0;
}
