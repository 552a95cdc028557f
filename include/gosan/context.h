/* gosan/context.h - Go's package context: cancellation, deadlines and
 * request-scoped values carried down a tree of contexts.  Included by
 * <gosan/go.h>; docs/api.md is the reference.
 *
 * Ownership: every context a go_context_with_* call returns belongs to its
 * caller, who calls go_context_release on it exactly once (Go's
 * `defer cancel()`: it cancels the context if it can be cancelled and
 * drops the caller's reference).  A context's memory lives until it is
 * released and every context derived from it is released too, so a child
 * may outlive its parent's release.  Any call on a context after its
 * release is misuse: the library stops with "fatal error: ... of a
 * released context" (as long as the memory was not reused).
 * go_context_background() is static and never released.
 *
 * Happens-before: cancelling a context (go_context_cancel, its deadline,
 * its parent's cancellation) happens before a receive from its Done
 * channel that sees the channel closed, and before go_context_err or
 * go_context_cause returns non-zero for it.
 */
#ifndef GOSAN_CONTEXT_H
#define GOSAN_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include <gosan/go.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

typedef struct go_context go_context;

/* context.Background: never cancelled, no deadline, no values. */
go_context *go_context_background(void);
/* context.WithCancel: a child cancelled by go_context_cancel, by its
 * release, or when parent is cancelled.  NULL: out of memory, or parent is
 * NULL. */
go_context *go_context_with_cancel(go_context *parent);
/* context.WithDeadline (`when` on the go_now() clock) and WithTimeout: also
 * cancelled with GO_EDEADLINE when `when` passes (at once if it has, or
 * the parent's deadline if that is earlier). */
go_context *go_context_with_deadline(go_context *parent, int64_t when);
go_context *go_context_with_timeout(go_context *parent, int64_t timeout_ns);
/* context.WithValue: key is compared as a pointer (use the address of a
 * static object of your own); val is not copied. */
go_context *go_context_with_value(go_context *parent, const void *key, void *val);

/* Cancels c and every context derived from it, with GO_ECANCELED (the
 * cause: `cause`, 0 meaning GO_ECANCELED too); the first cancellation
 * wins.  c is detached from its parent.  0, or GO_EINVAL if c cannot be
 * cancelled (a value context or Background). */
int go_context_cancel(go_context *c);
int go_context_cancel_cause(go_context *c, int cause);
/* Cancels c if it can be, and drops the caller's reference. */
void go_context_release(go_context *c);

/* ctx.Done: a channel closed when c is cancelled, for go_chan_recv or a
 * go_select case; NULL (blocks forever, as Go's nil channel) if c can
 * never be cancelled.  Valid as long as c is. */
go_chan *go_context_done(go_context *c);
/* ctx.Err: 0 while not cancelled, then GO_ECANCELED or GO_EDEADLINE. */
int go_context_err(go_context *c);
/* context.Cause: the cause given to go_context_cancel_cause, else Err. */
int go_context_cause(go_context *c);
/* ctx.Deadline: true and *when (go_now() clock) if c has a deadline. */
bool go_context_deadline(go_context *c, int64_t *when);
/* ctx.Value: the value of the nearest context on the way up with this key,
 * or NULL. */
void *go_context_value(go_context *c, const void *key);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* GOSAN_CONTEXT_H */
