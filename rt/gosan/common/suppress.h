/* suppress.h - the suppressions file (GOSAN_OPTIONS=suppressions=FILE).
 *
 * Lines `TYPE:PATTERN`, TYPE one of race, deadlock, leak, misuse, `#`
 * comments, blank lines.  PATTERN is a glob (`*` any run of characters)
 * matched against the function name and the file path of every frame
 * (inlined ones too).  An unknown TYPE, a line without ':', an empty
 * pattern or one that is empty without its ^/$ anchors, a NUL byte or a
 * line over 1000 bytes is a fatal error naming FILE:LINE; so is a file
 * that is not a regular file or is larger than 1 MiB.  The program's
 * __gosan_default_suppressions(), if it defines one, adds lines in the same
 * syntax (errors name `__gosan_default_suppressions():LINE`).
 */
#ifndef GOSAN_SUPPRESS_H
#define GOSAN_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include "stackdepot.h"

/* Loads the file named by gs_flags.suppressions (once; idempotent). */
void gs_suppress_init(void);
/* type: "race", "deadlock", "leak" or "misuse". */
bool gs_suppressed(const char *type, const gs_stack_id *stacks, size_t n);
bool gs_suppressed_pcs(const char *type, const uintptr_t *pcs, size_t n);
/* Glob match, exposed for tests: `*` matches any run. */
bool gs_glob_match(const char *pattern, const char *s);

#endif
