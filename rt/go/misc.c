/* misc.c - small public helpers: error strings and the per-worker random
 * numbers select uses. */
#include <string.h>

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
    case GO_EFDCLOSED: return "use of closed file descriptor";
    default: return go_errno(err) ? strerror(go_errno(err)) : "unknown gosan error";
    }
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
