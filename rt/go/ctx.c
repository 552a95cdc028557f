/* ctx.c - builds the first saved context of a new stack, in the layout
 * arch/ctx_x86_64.S restores (see there).  entry/arg go in r13/r12 for the
 * trampoline; a goroutine's own function and argument are stored in the
 * frame too (rbx, r14), inside the stack's live range, so a not-yet-started
 * goroutine's argument is visible to the checker's memory scan. */
#include <stdint.h>

#include "g.h"

void *go_ctx_make(char *stack_hi, void (*entry)(void *), void *arg, void *scan1, void *scan2)
{
    uintptr_t top = (uintptr_t)stack_hi & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)top;
    *--sp = (uint64_t)(uintptr_t)go_ctx_trampoline; /* at top-8: rsp is 16-aligned after ret */
    *--sp = 0;                                /* rbp: ends frame-pointer walks */
    *--sp = (uint64_t)(uintptr_t)scan1;       /* rbx */
    *--sp = (uint64_t)(uintptr_t)arg;         /* r12 */
    *--sp = (uint64_t)(uintptr_t)entry;       /* r13 */
    *--sp = (uint64_t)(uintptr_t)scan2;       /* r14 */
    *--sp = 0;                                /* r15 */
    *--sp = (uint64_t)0x037F << 32 | 0x1F80;  /* default x87 control word, MXCSR */
    return sp;
}
