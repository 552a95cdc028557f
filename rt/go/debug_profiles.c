/* debug_profiles.c - the debug endpoint's profiles: /debug/pprof/goroutine,
 * mutex, block (named profiles, ?debug=0|1|2) and profile (CPU,
 * ?seconds=N), as Go's net/http/pprof serves them.
 *
 * The profiles themselves are not in this build of the library: each path
 * answers 501 with a message saying so; an unknown name answers 404, as in
 * Go.
 */
#include <string.h>

#include "debug_server.h"

static const char *const known[] = {"goroutine", "mutex", "block"};

bool debug_profiles_available(void) { return false; }

static void unavailable(int fd, debug_page_out *out)
{
    out->status = 501;
    out->type = "text/plain; charset=utf-8";
    debug_printf(fd, "profiles are not available in this build of the gosan library "
                     "(only /debug/pprof/trace and /debug/pprof/cmdline are)\n");
}

void debug_profile_named(const char *name, const debug_req *req, int fd, debug_page_out *out)
{
    (void)req;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0) {
            unavailable(fd, out);
            return;
        }
    out->status = 404;
    out->type = "text/plain; charset=utf-8";
    debug_printf(fd, "Unknown profile: %s\n", name);
}

void debug_profile_cpu(const debug_req *req, int fd, int sock, debug_page_out *out)
{
    (void)req;
    (void)sock;
    unavailable(fd, out);
}
