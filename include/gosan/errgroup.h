/* gosan/errgroup.h - golang.org/x/sync/errgroup: goroutines working on
 * subtasks of one task, the first error cancelling the rest.  Included by
 * <gosan/go.h>; docs/api.md is the reference.
 *
 * Happens-before: go_errgroup_go happens before its fn starts; the return
 * of every fn happens before go_errgroup_wait returns; the first error's
 * fn return happens before the group's context is seen cancelled.
 */
#ifndef GOSAN_ERRGROUP_H
#define GOSAN_ERRGROUP_H

#include <stdbool.h>

#include <gosan/go.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

typedef struct go_errgroup go_errgroup;
/* A subtask: returns 0 or an error (any non-zero int, e.g. a GO_E* code). */
typedef int (*go_errfunc)(void *arg);

/* errgroup.WithContext: a group with a context derived from parent
 * (go_errgroup_context), cancelled with cause = the first error when a
 * subtask fails, or when go_errgroup_wait returns.  parent NULL: a group
 * with no context (Go's zero Group).  NULL when out of memory. */
go_errgroup *go_errgroup_new(go_context *parent);
/* The group's context (owned by the group: do not release it), or NULL. */
go_context *go_errgroup_context(go_errgroup *g);
/* g.Go: runs fn(arg) in a new goroutine, first waiting while the limit's
 * worth of subtasks are running.  0, GO_ENOMEM or GO_EINVAL (NULL fn). */
int go_errgroup_go(go_errgroup *g, go_errfunc fn, void *arg);
/* g.TryGo: starts fn only if the limit allows it now; false otherwise. */
bool go_errgroup_try_go(go_errgroup *g, go_errfunc fn, void *arg);
/* g.SetLimit: at most n subtasks at once; n < 0 removes the limit.
 * GO_EINVAL (unchanged) while subtasks are running (Go panics), GO_ENOMEM. */
int go_errgroup_set_limit(go_errgroup *g, int n);
/* g.Wait: waits for every subtask started so far, cancels the context,
 * and returns the first non-zero error (0 if none failed). */
int go_errgroup_wait(go_errgroup *g);
/* Frees a group that has no subtask running (after Wait), its context
 * too.  NULL is a no-op. */
void go_errgroup_free(go_errgroup *g);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif

#endif /* GOSAN_ERRGROUP_H */
