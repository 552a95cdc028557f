/* own_code.c - the address ranges of gosan's code (see own_code.h).
 *
 * The linker defines __start_X and __stop_X around a section X whose name
 * is an identifier.  Weak: the library's section exists only when the
 * program links the library, and an object of the runtime linked outside
 * its sealed archive has no section either; an absent range is empty.
 */
#include "own_code.h"

extern const char __start_gosan_rt_text[] __attribute__((weak));
extern const char __stop_gosan_rt_text[] __attribute__((weak));
extern const char __start_gosan_go_text[] __attribute__((weak));
extern const char __stop_gosan_go_text[] __attribute__((weak));

static bool oc_in(uintptr_t pc, const char *lo, const char *hi)
{
    return lo && pc >= (uintptr_t)lo && pc < (uintptr_t)hi;
}

bool gs_pc_in_runtime(uintptr_t pc)
{
    return oc_in(pc, __start_gosan_rt_text, __stop_gosan_rt_text);
}

bool gs_pc_in_library(uintptr_t pc)
{
    return oc_in(pc, __start_gosan_go_text, __stop_gosan_go_text);
}
