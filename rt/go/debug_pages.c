/* debug_pages.c - what the debug endpoint serves (debug_server.h):
 * the index, Go's /debug/pprof/ paths, the execution trace for N seconds,
 * and the checker's /debug/gosan/ pages through the debug_page hook.
 *
 * Every page is written into body_fd, a memory file of the handler thread
 * (debug_server.c), so a page that takes a library lock holds it only while
 * it writes memory, never while a client reads.  This runs on the
 * endpoint's handler threads, which are no goroutines and must not become
 * any: nothing here calls go_self() (go_trace_start_fd, not
 * gosan_trace_start).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gosan/trace.h>

#include "debug_server.h"
#include "g.h"
#include "trace.h"

#define TEXT "text/plain; charset=utf-8"
#define HTML "text/html; charset=utf-8"
#define BINARY "application/octet-stream"

void debug_printf(int fd, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    for (const char *p = buf; len;) {
        ssize_t k = write(fd, p, len);
        if (k <= 0)
            return;
        p += k;
        len -= (size_t)k;
    }
}

void debug_body_reset(int fd)
{
    if (ftruncate(fd, 0) == 0)
        lseek(fd, 0, SEEK_SET);
}

static void fail(debug_page_out *out, int body_fd, int status, const char *msg)
{
    out->status = status;
    out->type = TEXT;
    out->disposition = NULL;
    debug_printf(body_fd, "%s\n", msg);
}

bool debug_wait_client(int sock, int ms)
{
    struct pollfd p = {.fd = sock, .events = POLLRDHUP};
    for (int64_t end = go_now() + (int64_t)ms * 1000000;;) {
        int64_t left = end - go_now();
        if (left <= 0)
            return true;
        int r = poll(&p, 1, (int)((left + 999999) / 1000000));
        if (r > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)))
            return false;
    }
}

int debug_query_seconds(const debug_req *req, int def, int max)
{
    char v[32];
    if (!debug_query_get(req->query, "seconds", v, sizeof v))
        return def;
    char *end;
    long s = strtol(v, &end, 10);
    if (end == v || *end || s < 1 || s > max)
        return 0;
    return (int)s;
}

static bool checker_pages(void) { return go_hooks_active && go_hooks_active->debug_page; }

static void page_index(int fd, debug_page_out *out)
{
    out->status = 200;
    out->type = HTML;
    debug_printf(fd, "<html><head><title>/debug/pprof/</title></head><body>\n"
                     "<p>/debug/pprof/ of a gosan program (pid %d)</p>\n<table>\n",
                 (int)getpid());
    static const char *const rows[][2] = {
        {"goroutine?debug=1", "Stack traces of all current goroutines (debug=2: one per goroutine, Go's traceback)."},
        {"mutex", "Stack traces of holders of contended mutexes (once gosan_set_mutex_profile_fraction is set)."},
        {"block", "Stack traces that led to blocking on synchronization primitives (once gosan_set_block_profile_rate "
                  "is set)."},
        {"profile", "CPU profile; ?seconds=N (default 30)."},
        {"trace", "An execution trace for `go tool trace`; ?seconds=N (default 1)."},
        {"cmdline", "The program's command line."},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        debug_printf(fd, "<tr><td><a href=\"/debug/pprof/%s\">%s</a></td><td>%s</td></tr>\n", rows[i][0], rows[i][0],
                     rows[i][1]);
    debug_printf(fd, "</table>\n");
    if (checker_pages())
        debug_printf(fd, "<p>The checker's pages: <a href=\"/debug/gosan/\">/debug/gosan/</a></p>\n");
    debug_printf(fd, "</body></html>\n");
}

static void page_cmdline(int fd, debug_page_out *out)
{
    out->status = 200;
    out->type = TEXT;
    int in = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return;
    char buf[4096];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            if (!buf[i])
                buf[i] = '\n';
        if (write(fd, buf, (size_t)n) != n)
            break;
    }
    close(in);
}

static void page_trace(const debug_req *req, int fd, int sock, debug_page_out *out)
{
    int seconds = debug_query_seconds(req, 1, DEBUG_TRACE_MAX_S);
    if (!seconds) {
        char msg[96];
        snprintf(msg, sizeof msg, "seconds must be an integer from 1 to %d", DEBUG_TRACE_MAX_S);
        fail(out, fd, 400, msg);
        return;
    }
    if (go_trace_start_fd(fd) != 0) {
        fail(out, fd, 409,
             "could not enable tracing: a trace is already running (GOSAN_TRACE or gosan_trace_start); "
             "one trace at a time");
        return;
    }
    debug_wait_client(sock, seconds * 1000);
    gosan_trace_stop();
    out->status = 200;
    out->type = BINARY;
    out->disposition = "trace";
}

static void page_checker(const char *name, int fd, debug_page_out *out)
{
    if (!checker_pages()) {
        fail(out, fd, 404,
             "the checker is not linked into this program (built with --plain, or without gosan-cc): "
             "no /debug/gosan/ pages");
        return;
    }
    out->status = 200;
    out->type = TEXT;
    if (go_hooks_active->debug_page(name, fd) != 0) {
        debug_body_reset(fd);
        fail(out, fd, 404, "no such page of the checker: /debug/gosan/ lists them");
    }
}

void debug_route(const debug_req *req, int fd, int sock, debug_page_out *out)
{
    const char *p = req->path;
    static const char pprof[] = "/debug/pprof/", gosan[] = "/debug/gosan/";
    if (strcmp(p, "/debug/pprof") == 0 || strcmp(p, pprof) == 0) {
        page_index(fd, out);
    } else if (strncmp(p, pprof, sizeof pprof - 1) == 0) {
        const char *name = p + sizeof pprof - 1;
        if (strcmp(name, "trace") == 0)
            page_trace(req, fd, sock, out);
        else if (strcmp(name, "profile") == 0)
            debug_profile_cpu(req, fd, sock, out);
        else if (strcmp(name, "cmdline") == 0)
            page_cmdline(fd, out);
        else
            debug_profile_named(name, req, fd, out);
    } else if (strcmp(p, "/debug/gosan") == 0 || strncmp(p, gosan, sizeof gosan - 1) == 0) {
        const char *name = p[sizeof gosan - 2] ? p + sizeof gosan - 1 : "";
        page_checker(name, fd, out);
    } else {
        fail(out, fd, 404, "not found: the debug endpoint serves /debug/pprof/ and /debug/gosan/");
    }
}
