/* debug_profiles.c - the debug endpoint's profiles, as Go's net/http/pprof
 * serves them: /debug/pprof/goroutine, mutex, block (named profiles,
 * ?debug=0|1|2, gosan_pprof_write) and profile (CPU for ?seconds=N,
 * gosan_cpuprofile_start/stop).
 *
 * The profiles are written into the handler's memory file (body_fd), never
 * straight to the client: the CPU profile is written while its lock is
 * held, and a goroutine snapshot is taken under the goroutine-list lock.
 * An unknown name answers 404 and a bad parameter 400, as in Go.
 */
#include <stdlib.h>
#include <string.h>

#include <gosan/pprof.h>

#include "debug_server.h"
#include "g.h"

#define TEXT "text/plain; charset=utf-8"

static const char *const known[] = {"goroutine", "mutex", "block"};

static void fail(int fd, debug_page_out *out, int status, const char *msg, const char *name)
{
    out->status = status;
    out->type = TEXT;
    out->disposition = NULL;
    debug_printf(fd, msg, name);
    debug_printf(fd, "\n");
}

/* debug=N of the query: 0 when absent; -1 when not a small integer. */
static int query_debug(const debug_req *req)
{
    char v[16];
    if (!debug_query_get(req->query, "debug", v, sizeof v))
        return 0;
    char *end;
    long d = strtol(v, &end, 10);
    return end == v || *end || d < 0 || d > 2 ? -1 : (int)d;
}

void debug_profile_named(const char *name, const debug_req *req, int fd, debug_page_out *out)
{
    const char *found = NULL;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            found = known[i];
    if (!found) {
        fail(fd, out, 404, "Unknown profile: %s", name);
        return;
    }
    char v[16];
    if (debug_query_get(req->query, "seconds", v, sizeof v)) {
        fail(fd, out, 400, "seconds= (a delta profile) is not supported for the %s profile", found);
        return;
    }
    int debug = query_debug(req);
    if (debug < 0) {
        fail(fd, out, 400, "debug must be 0, 1 or 2: %s", req->query);
        return;
    }
    if (debug == 2 && strcmp(found, "goroutine") != 0)
        debug = 1; /* as Go: 2 is special for goroutines only */
    int rc = gosan_pprof_write(found, fd, debug);
    if (rc != 0) {
        debug_body_reset(fd);
        fail(fd, out, 500, "could not write the %s profile (out of memory)", found);
        return;
    }
    out->status = 200;
    out->type = debug ? TEXT : "application/octet-stream";
    out->disposition = debug ? NULL : found;
}

void debug_profile_cpu(const debug_req *req, int fd, int sock, debug_page_out *out)
{
    int seconds = debug_query_seconds(req, 30, DEBUG_PROFILE_MAX_S);
    if (!seconds) {
        out->status = 400;
        out->type = TEXT;
        debug_printf(fd, "seconds must be an integer from 1 to %d\n", DEBUG_PROFILE_MAX_S);
        return;
    }
    if (gosan_cpuprofile_start(fd, 0) != 0) {
        fail(fd, out, 409,
             "could not enable CPU profiling: a CPU profile is already running "
             "(GOSAN_CPUPROFILE or gosan_cpuprofile_start)%s",
             "");
        return;
    }
    debug_wait_client(sock, seconds * 1000);
    if (gosan_cpuprofile_stop() != 0) {
        debug_body_reset(fd);
        fail(fd, out, 500, "could not write the CPU profile%s", "");
        return;
    }
    out->status = 200;
    out->type = "application/octet-stream";
    out->disposition = "profile";
}
