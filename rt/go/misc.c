/* misc.c - small public helpers: error strings (the random numbers are in
 * fastrand.c). */
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
    case GO_ECANCELED: return "context canceled";
    case GO_EDEADLINE: return "context deadline exceeded";
    case GO_EFDCLOSED: return "use of closed file descriptor";
    default: return go_errno(err) ? strerror(go_errno(err)) : "unknown gosan error";
    }
}
