/* snapshot.h - a snapshot of every goroutine, for the partial deadlock,
 * leak, all-asleep, dump and freed-wait reports (reachability.c, leak.c,
 * all_asleep.c, dump.c, free_waited.c), and the printing helpers they
 * share.
 *
 * The library's goroutine list (go_hooks_foreach_g) is only valid inside its
 * callback, under its lock, so a snapshot copies everything it needs (wait
 * objects, labels, raw stack pcs) into buffers allocated beforehand: filling
 * never allocates, never symbolizes and takes no lock of ours, so it can run
 * while the world is stopped (a stopped thread may hold any of our locks).
 * Stack ids are saved in the depot afterwards, with the world running.
 *
 * Stacks: a parked goroutine's stack is the engine's shadow call stack with
 * the library call where it blocked as frame 0; a runnable one, the caller
 * and, when the world is stopped, a running one get frame 0 from a
 * frame-pointer walk matched against the shadow stack.  A goroutine running
 * on another thread while the world runs has no stack (has_stack false).
 */
#ifndef GOSAN_SNAPSHOT_H
#define GOSAN_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "go_hooks.h"
#include "stackdepot.h"

typedef struct gs_gsnap {
    uint64_t id, parent_id;
    go_gstate state;
    go_wait_reason reason;
    const void *wait_obj;
    size_t objs_off, nobjs;      /* select: into gs_gset.objs */
    size_t labels_off, nlabels;  /* "key\0value\0" pairs in gs_gset.strs */
    size_t labels_omitted;       /* labels past the snapshot's per-goroutine bound */
    uint64_t labels_cut;         /* bit 2i: key i truncated; bit 2i+1: value i */
    size_t pcs_off, npcs;        /* raw stack in gs_gset.pcs (pcs[0] an exact pc) */
    int64_t since_ns;            /* go_ginfo.state_since_ns: GO_HOOKS_STATE_CLOCK, see gs_state_now_ns (clock.h) */
    void *create_pc;             /* the go_spawn return address */
    uint32_t create_node;        /* engine call node of the creation stack */
    uintptr_t stack_lo, stack_hi;
    bool self;                   /* the goroutine that took the snapshot */
    bool has_stack;
    bool stuck;                  /* reachability.c: can never be woken */
    bool root, reached;          /* reachability.c scratch: may run / stack marked */
    uint64_t blocker;            /* reachability.c: a stuck mutex wait's holder (or waiting writer) */
    gs_stack_id stack, create_stack; /* after gs_gset_save_stacks */
} gs_gsnap;

typedef struct gs_gset {
    gs_gsnap *g;
    size_t n, cap;
    const void **objs;
    size_t nobjs, capobjs;
    char *strs;
    size_t nstrs, capstrs;
    uintptr_t *pcs;
    size_t npcs, cappcs;
    uint32_t *order;     /* scratch: cap indices, for users' sorting */
    uintptr_t self_lo;   /* the caller's stack from here up holds all it had in registers */
    bool overflow;       /* a buffer was too small: take it again */
    bool world_stopped;  /* filled with the world stopped */
    uint64_t self_id;    /* 0 when taken from a thread that is no goroutine */
} gs_gset;

/* What a user of a stopped-world snapshot does around it.  prepare runs
 * before each attempt with the world running (allocate here; `retry` is
 * how many attempts failed).  stopped runs with the world stopped after the
 * snapshot is filled and must not allocate or lock: it returns 0 to accept,
 * 1 to retry with larger buffers, 2 to give the stopped part up. */
typedef struct gs_gset_user {
    void (*prepare)(gs_gset *s, void *arg, int retry);
    int (*stopped)(gs_gset *s, void *arg);
    void *arg;
} gs_gset_user;

/* Takes a snapshot.  With user it stops the world first (if the library
 * allows it here) and runs user->stopped before restarting it.  Returns 1
 * if the world was stopped and user->stopped accepted, 0 if the snapshot
 * was taken with the world running (or stopped gave up), -1 if no snapshot
 * could be taken (no library, buffers kept overflowing). */
int gs_gset_take(gs_gset *s, const gs_gset_user *user);
/* Saves every goroutine's stack and creation stack in the depot, each cut to
 * the program's part (user_stack.h). */
void gs_gset_save_stacks(gs_gset *s);
void gs_gset_free(gs_gset *s);

static inline const void *const *gs_gsnap_objs(const gs_gset *s, const gs_gsnap *g)
{
    return s->objs + g->objs_off;
}
static inline const char *gs_gsnap_labels(const gs_gset *s, const gs_gsnap *g)
{
    return s->strs + g->labels_off;
}

/* True for a wait only another goroutine can end through the object
 * (channels, select, WaitGroup, Cond), i.e. what reachability decides. */
bool gs_wait_is_primitive(go_wait_reason r);
/* Prints ` [k=v, ...]` (report style) when g has labels. */
void gs_gsnap_print_labels(const gs_gset *s, const gs_gsnap *g);
/* g's labels, escaped and bounded (quote.h), into buf: `k=v, ...` or, with
 * dump_style, `"k":"v", ...`. */
const char *gs_gsnap_format_labels(const gs_gset *s, const gs_gsnap *g, char *buf, size_t size,
                                   bool dump_style);
/* Prints the waited-on object: ` on channel 0x.. (len L, cap C)` etc. */
void gs_gsnap_print_obj(const gs_gset *s, const gs_gsnap *g);
/* A report's `Goroutine N created by goroutine P at:` block (or `Goroutine
 * 1 is main.`), with the blank line that ends it. */
void gs_gsnap_print_origin(const gs_gsnap *g);

#endif
