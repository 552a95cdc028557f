/* hb.h - the library's calls into the checker's hook table (go_hooks.h),
 * wrapped so every call site reads as one line and costs one load plus a
 * not-taken branch when no checker is linked.
 *
 * `pc` is always the user's call site: public functions take
 * __builtin_return_address(0) once on entry (GO_CALLER_PC) and pass it down.
 * go_hooks.h says, per hook, which library locks its call sites hold.
 */
#ifndef GOSAN_GO_HB_H
#define GOSAN_GO_HB_H

#include "go_hooks.h"

#define GO_CALLER_PC() __builtin_return_address(0)
#define GO_CHECKER_ON() GO_HOOKS_UNLIKELY(go_hooks_active != NULL)

static inline void go_hb_acquire(const void *sync, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->acquire(NULL, sync, pc);
}
static inline void go_hb_release(const void *sync, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->release(NULL, sync, pc);
}
static inline void go_hb_release_store(const void *sync, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->release_store(NULL, sync, pc);
}
static inline void go_hb_release_acquire(const void *sync, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->release_acquire(NULL, sync, pc);
}
/* One of the above on a sync address only ever used under one object's
 * lock, which the caller holds (go_hooks.h, hb_serial). */
static inline void go_hb_serial(go_hb_op op, void *ctx, const void *sync, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->hb_serial(op, ctx, sync, pc);
}
static inline void go_hb_sync_free(const void *sync, size_t size) {
    if (GO_CHECKER_ON()) go_hooks_active->sync_free(sync, size);
}
/* A lock call reads its object's first byte, as a channel operation reads
 * the channel's (TSan reads one byte of a pthread mutex too): a free or an
 * initialisation writes the whole object, so it races with that byte, and
 * one granule costs a quarter of a 64-byte object's checks.  The checker
 * takes a mutex's or RWMutex's read as an atomic one, recorded aside
 * (rt/gosan/race/lock_access.h). */
#define GO_HB_OBJ_READ_SIZE 1
static inline void go_hb_read(const void *obj, size_t size, go_obj_kind kind, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->access(NULL, obj, size, GO_ACCESS_READ, kind, pc);
}
static inline void go_hb_write(const void *obj, size_t size, go_obj_kind kind, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->access(NULL, obj, size, GO_ACCESS_WRITE, kind, pc);
}
static inline void go_hb_free(const void *obj, size_t size, go_obj_kind kind, void *pc) {
    if (GO_CHECKER_ON())
        go_hooks_active->access(NULL, obj, size, GO_ACCESS_WRITE | GO_ACCESS_FREE, kind, pc);
}
/* A channel's access of its race address (go_hooks.h, chan); rec is the
 * channel's race_rec. */
static inline void go_hb_chan(go_chan_event ev, void *rec, const void *c, size_t size, void *pc) {
    if (!GO_CHECKER_ON())
        return;
    if (go_hooks_active->chan)
        go_hooks_active->chan(ev, rec, c, size, pc);
    else
        go_hooks_active->access(NULL, c, ev == GO_CHAN_FREE ? size : 1,
                                ev == GO_CHAN_SEND    ? GO_ACCESS_READ
                                : ev == GO_CHAN_CLOSE ? GO_ACCESS_WRITE
                                                      : GO_ACCESS_WRITE | GO_ACCESS_FREE,
                                GO_OBJ_CHAN, pc);
}
/* The bytes go_chan_make adds to a channel's block for the chan hook. */
static inline size_t go_hb_chan_rec_size(void) {
    return GO_CHECKER_ON() && go_hooks_active->chan ? GO_CHAN_RACE_REC_SIZE : 0;
}
static inline void go_hb_mutex(go_mutex_event ev, const void *m, bool is_rw, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->mutex(ev, m, is_rw, pc);
}
static inline void go_hb_misuse(go_misuse kind, const void *obj, void *pc) {
    if (GO_CHECKER_ON()) go_hooks_active->misuse(kind, obj, pc);
}

#endif /* GOSAN_GO_HB_H */
