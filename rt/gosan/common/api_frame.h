/* api_frame.h - a stack frame that stands for a call the runtime
 * intercepted (pthread_mutex_lock, sem_post, ...): frame 0 of an access the
 * runtime makes on the program's behalf inside that call, above the
 * program's call site, so that a report says which call touched the
 * memory and on what kind of object, as TSan's reports do.
 *
 * The frame is a pseudo pc: the address of the call's static descriptor
 * with bit 63 set.  It is never a code address (user space has 47 bits,
 * gosan_platform.h), so it needs no registry, is interned and saved like
 * any pc, and is told apart by one test.  The symbolizer names it after the
 * call, without a file; stacks print it as `#0 pthread_mutex_lock`.
 * Invariant: an api frame is only ever frame 0 of a stack (never a caller,
 * so never looked up as "return address - 1").
 */
#ifndef GOSAN_API_FRAME_H
#define GOSAN_API_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* One intercepted call, as its api frame describes it.  Descriptors are
 * static and live forever; 8-byte aligned (pointers), so their pseudo pcs
 * have three low bits free. */
typedef struct gs_api_call {
    const char *name;   /* the function the program called */
    const char *object; /* what it acts on, for reports: "a mutex (pthread_mutex_t)" */
} gs_api_call;

#define GS_API_FRAME_BIT (1ull << 63)

static inline uintptr_t gs_api_frame_pc(const gs_api_call *c)
{
    return (uintptr_t)c | GS_API_FRAME_BIT;
}

/* The call pc stands for, or NULL for a real code address. */
static inline const gs_api_call *gs_api_frame_call(uintptr_t pc)
{
    if (!(pc & GS_API_FRAME_BIT))
        return NULL;
    return (const gs_api_call *)(pc & ~(GS_API_FRAME_BIT | (uintptr_t)7));
}

#endif
