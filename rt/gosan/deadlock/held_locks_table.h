/* held_locks_table.h - the state behind held_locks.h, shared by the
 * deadlock detectors that read it: the wait-cycle search (wait_cycle.c)
 * and the deadlock_timeout watchdog (watchdog.c).  held_locks.c alone
 * changes it.
 *
 * Invariant: every access holds gs_hl_lock, a spin lock that is never held
 * while calling the depot, the lock-order graph or report output; only a
 * goroutine's solo hold (gs_hl_g.solo, solo_read_hold.h) and the end of
 * its wait (wait_m cleared when it gets the lock) are written by its
 * goroutine without it (gs_hl_held_find finds the solo hold too).
 */
#ifndef GOSAN_HELD_LOCKS_TABLE_H
#define GOSAN_HELD_LOCKS_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "spinlock.h"
#include "stackdepot.h"

#define GS_HL_HELD_MAX 16 /* locks remembered per goroutine; more are not checked */
#define GS_HL_BUCKETS 4096u

typedef struct gs_hl_held {
    uintptr_t m;
    uint32_t node; /* call node where it was locked */
    bool write, is_rw;
} gs_hl_held;

typedef struct gs_hl_g {
    uint64_t goid;
    struct gs_hl_g *next;
    gs_hl_held held[GS_HL_HELD_MAX];
    uint32_t nheld;
    uint32_t dropped;     /* locks held beyond GS_HL_HELD_MAX */
    uintptr_t wait_m;     /* 0: not waiting */
    bool wait_write, wait_rw, exited;
    uint32_t wait_node;
    int64_t wait_since;
    uint64_t wait_seq, timeout_seq; /* timeout reported for wait number timeout_seq */
    /* The goroutine's latest lock, recorded without gs_hl_lock
     * (solo_read_hold.h): solo.m is 0 when there is none. */
    gs_hl_held solo;
    uintptr_t solo_pre_m; /* its goroutine's alone: the PRE_RLOCK taken fast */
    uint32_t solo_pre_node;
} gs_hl_g;

typedef struct gs_hl_mu {
    uintptr_t m;
    struct gs_hl_mu *next;
    uint64_t writer;      /* 0: none */
    uint32_t readers;
    bool posix;           /* a POSIX lock: its holder unlocks it */
    bool handoff;         /* once unlocked by a goroutine that had not locked it: kept until freed */
} gs_hl_mu;

/* One step of a wait cycle: waiter waits for m, which holder holds. */
typedef struct gs_hl_link {
    uint64_t waiter, holder;
    uintptr_t m;
    bool write, is_rw, holder_write;
    uint32_t wait_node, hold_node;
} gs_hl_link;

extern gs_splock gs_hl_lock;
/* Goroutine records by id: GS_HL_BUCKETS chains (NULL before the first
 * lock event). */
extern gs_hl_g **gs_hl_gs;

/* The record of goroutine goid / of mutex m, or NULL. */
gs_hl_g *gs_hl_g_get(uint64_t goid, bool create);
gs_hl_mu *gs_hl_mu_get(uintptr_t m, bool create);
/* g's hold of m in that mode, or NULL. */
gs_hl_held *gs_hl_held_find(gs_hl_g *g, uintptr_t m, bool write);
/* A goroutine other than not that read-holds m, or NULL. */
gs_hl_g *gs_hl_any_reader(uintptr_t m, const gs_hl_g *not);
/* May a goroutine other than u's locker unlock it?  Never under the owner
 * rule: POSIX locks, detect_recursive_lock=1. */
bool gs_hl_may_hand_off(const gs_hl_mu *u);
/* The mutex l waits for may be unlocked by another goroutine than its
 * recorded holder (the holder waits for it itself, or it was handed off
 * before). */
bool gs_hl_link_handoff(const gs_hl_link *l);

/* Report lines shared by the wait-cycle and timeout reports (outside
 * gs_hl_lock): the verb of a wait, and `Mutex M is held by G, which locked
 * it at:` with the stack. */
const char *gs_hl_verb(bool is_rw, bool write);
void gs_hl_print_holder(uint64_t holder, uintptr_t m, bool holder_write, gs_stack_id st);

#endif
