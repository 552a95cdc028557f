/* lock_access.c - a lock call's read of its object's first byte, in the
 * byte's atomic records (lock_access.h has the design). */
#include "lock_access.h"

#include "access.h"
#include "atomic_record.h"
#include "heap_shadow.h"

void gs_lock_object_read(gs_thr *t, uintptr_t addr, uintptr_t pc)
{
    if (!t)
        return;
    uint64_t fast = gs_thr_fast_word(t);
    gs_cell *c = fast ? gs_shadow_cells(addr) : NULL;
    if (!c)
        return;
    uint64_t cur = fast | GS_K_READ | GS_K_ATOMIC |
                   ((uint64_t)(1u << (addr & (GS_GRANULE - 1))) << GS_ACC_MASK_SHIFT);
    if (gs_cells_have(c, cur))
        return;
    if (gs_cell_is_freed(__atomic_load_n(&c[0], __ATOMIC_RELAXED), cur) || !gs_arec_lock_object(t, c, cur, addr, pc))
        gs_check_cells_slow(t, c, cur, addr, pc); /* reports a freed object */
}
