/* own_code.h - whether a code address belongs to gosan itself rather than
 * to the program: the test that drops gosan's frames from reports.
 *
 * By address, never by name: the build puts all of the checker runtime's
 * code in the section gosan_rt_text and all of the library's in
 * gosan_go_text (cmake/GosanSealedArchive.cmake), so a program's function
 * is never taken for gosan's whatever it is called, and gosan's frames are
 * recognised without symbols.
 */
#ifndef GOSAN_OWN_CODE_H
#define GOSAN_OWN_CODE_H

#include <stdbool.h>
#include <stdint.h>

/* pc is in the checker runtime's code (interceptors, ABI, reports...). */
bool gs_pc_in_runtime(uintptr_t pc);

/* pc is in the goroutine library's code; always false when the program is
 * linked without the library. */
bool gs_pc_in_library(uintptr_t pc);

#endif
