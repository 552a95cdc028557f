/* globals.h - the table of instrumented globals (registered by each
 * module's constructor through __gosan_register_globals), for reports. */
#ifndef GOSAN_GLOBALS_H
#define GOSAN_GLOBALS_H

#include <stdbool.h>
#include <stdint.h>
#include "gosan_abi.h"

/* The registered global containing addr, else (fallback) the symbol table's
 * data symbol; out->file may be NULL, out->line 0.  Returns true if found. */
bool gs_global_find(uintptr_t addr, gosan_global *out);

#endif
