/* symtab.h - function names from the ELF symbol tables, without a
 * symbolizer (symbolize=0, or none found, or it failed).
 *
 * Each module (the executable, every shared object) has its .symtab read
 * (its .dynsym when stripped) at the first lookup in it, so static
 * functions have names too, which dladdr does not give.  Tables live in
 * mmap'd memory forever; nothing here uses malloc.  Thread-safe.
 */
#ifndef GOSAN_SYMTAB_H
#define GOSAN_SYMTAB_H

#include <stdbool.h>
#include <stdint.h>

/* A loaded module: its file (the executable's resolved through
 * /proc/self/exe), load bias and the range of its PT_LOAD segments. */
typedef struct gs_module {
    const char *path;
    uintptr_t base, lo, hi;
} gs_module;

/* The module containing pc; false if none does. */
bool gs_module_of(uintptr_t pc, gs_module *m);

/* The function containing pc: its name and start address.  False when no
 * symbol covers pc. */
bool gs_symtab_lookup(uintptr_t pc, const char **name, uintptr_t *start);

/* Whether pc is in the C library's code (its start code is the bottom
 * frame of main's stack and of every thread's). */
bool gs_symtab_in_libc(uintptr_t pc);

#endif
