/* uninstrumented.c - warns at start-up about user objects linked into the
 * checked program without instrumentation: their accesses are not checked,
 * so races in them go unreported and the run must not look clean.
 *
 * gosan-cc finds them when it links (an instrumented object references
 * __gosan_init; see tools/gosan-cc.in) and, if there are any, links in the
 * string gosan_uninstrumented_objects: the objects' names, each ended by a
 * newline.  Without it the weak reference below is null and nothing is
 * printed, so the library's and libc's own objects, which are not on the
 * link line as .o files, never cause a warning.
 */
#include "uninstrumented.h"

#include "report.h"

extern const char gosan_uninstrumented_objects[] __attribute__((weak));

void gs_warn_uninstrumented(void)
{
    const char *p = gosan_uninstrumented_objects;
    if (!p)
        return;
    while (*p) {
        int len = 0;
        while (p[len] && p[len] != '\n')
            len++;
        gs_printf("gosan: warning: %.*s was not compiled with gosan: its accesses are not checked\n", len, p);
        p += len + (p[len] == '\n');
    }
    gs_flush();
}
