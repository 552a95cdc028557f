/* misc.c - small public helpers: error strings, wait-reason and misuse
 * names (Go's spellings), and the per-worker random numbers select uses. */
#include "g.h"

const char *go_strerror(int err)
{
    switch (err) {
    case 0: return "success";
    case GO_ECLOSED: return "channel is closed";
    case GO_ENIL: return "nil channel";
    case GO_EINVAL: return "invalid argument";
    case GO_ENOMEM: return "out of memory";
    case GO_ETIMEDOUT: return "deadline passed";
    default: return "unknown gosan error";
    }
}

const char *go_wait_reason_name(go_wait_reason r)
{
    static const char *const names[GO_WAIT_COUNT] = {
        [GO_WAIT_NONE] = "running",
        [GO_WAIT_CHAN_SEND] = "chan send",
        [GO_WAIT_CHAN_RECV] = "chan receive",
        [GO_WAIT_CHAN_SEND_NIL] = "chan send (nil chan)",
        [GO_WAIT_CHAN_RECV_NIL] = "chan receive (nil chan)",
        [GO_WAIT_SELECT] = "select",
        [GO_WAIT_SELECT_NO_CASES] = "select (no cases)",
        [GO_WAIT_MUTEX] = "sync.Mutex.Lock",
        [GO_WAIT_RWMUTEX_RLOCK] = "sync.RWMutex.RLock",
        [GO_WAIT_RWMUTEX_LOCK] = "sync.RWMutex.Lock",
        [GO_WAIT_WAITGROUP] = "sync.WaitGroup.Wait",
        [GO_WAIT_COND] = "sync.Cond.Wait",
        [GO_WAIT_SLEEP] = "sleep",
    };
    return (unsigned)r < GO_WAIT_COUNT && names[r] ? names[r] : "waiting";
}

const char *go_misuse_name(go_misuse m)
{
    switch (m) {
    case GO_MISUSE_SEND_ON_CLOSED: return "send on closed channel";
    case GO_MISUSE_CLOSE_CLOSED: return "close of closed channel";
    case GO_MISUSE_CLOSE_NIL: return "close of nil channel";
    case GO_MISUSE_UNLOCK_UNLOCKED: return "unlock of unlocked mutex";
    case GO_MISUSE_NEGATIVE_WG: return "negative WaitGroup counter";
    case GO_MISUSE_FREE_WAITED: return "free of object with blocked goroutines";
    }
    return "misuse";
}

/* xorshift32 on the worker (or a thread-local seed off workers). */
uint32_t go_fastrand(void)
{
    static __thread uint32_t seed;
    go_m *m = go_cur_m();
    uint32_t *s = m ? &m->rand : &seed;
    uint32_t x = *s;
    if (!x)
        x = (uint32_t)(uintptr_t)s | 1;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}
