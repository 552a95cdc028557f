/* main.c - gosan-httpd's command line: flags, then serve until SIGTERM.
 *
 *   gosan-httpd [flags] ADDR        (ADDR: host:port, 127.0.0.1:0 for any port)
 *
 * Prints the bound address on stdout (one line) once it accepts, so a test
 * or script can find an ephemeral port, then with -debug the debug
 * endpoint's URL on a second line.  On SIGTERM or SIGINT it stops
 * accepting, lets in-flight requests finish within -grace, and exits 0.
 * docs/httpd.md describes the flags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpd.h"

httpd_limits httpd_lim = {
    .max_head = 8192,
    .max_headers = 64,
    .max_body = 1 << 20,
    .read_timeout = 10000000000LL,
    .idle_timeout = 60000000000LL,
    .write_timeout = 10000000000LL,
    .handler_timeout = 5000000000LL,
};

static void usage(void)
{
    fprintf(stderr,
            "usage: gosan-httpd [flags] ADDR\n"
            "  -racy                 serve /racy, a handler with a deliberate data race\n"
            "  -debug HOST:PORT      serve /debug/pprof there (also GOSAN_DEBUG_ADDR)\n"
            "  -no-labels            leave out the labels middleware\n"
            "  -max-head BYTES       request line + headers (431 beyond; 8192)\n"
            "  -max-headers N        header lines (431 beyond; 64)\n"
            "  -max-body BYTES       Content-Length (413 beyond; 1048576)\n"
            "  -read-timeout MS      a request's first to last byte (408; 10000)\n"
            "  -idle-timeout MS      keep-alive wait for the next request (60000)\n"
            "  -write-timeout MS     writing a response (10000)\n"
            "  -handler-timeout MS   the request context's deadline (5000)\n"
            "  -grace MS             drain time after SIGTERM (10000)\n");
    exit(2);
}

static long long flag_num(const char *s)
{
    char *end;
    long long v = strtoll(s ? s : "", &end, 10);
    if (!s || !*s || *end || v < 0)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    const char *addr = NULL, *debug = NULL;
    bool racy = false, labels = true;
    int64_t grace = 10000000000LL, ms = 1000000LL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-racy")) racy = true;
        else if (!strcmp(a, "-no-labels")) labels = false;
        else if (!strcmp(a, "-debug")) debug = v, i++;
        else if (!strcmp(a, "-max-head")) httpd_lim.max_head = (size_t)flag_num(v), i++;
        else if (!strcmp(a, "-max-headers")) httpd_lim.max_headers = (size_t)flag_num(v), i++;
        else if (!strcmp(a, "-max-body")) httpd_lim.max_body = (size_t)flag_num(v), i++;
        else if (!strcmp(a, "-read-timeout")) httpd_lim.read_timeout = flag_num(v) * ms, i++;
        else if (!strcmp(a, "-idle-timeout")) httpd_lim.idle_timeout = flag_num(v) * ms, i++;
        else if (!strcmp(a, "-write-timeout")) httpd_lim.write_timeout = flag_num(v) * ms, i++;
        else if (!strcmp(a, "-handler-timeout")) httpd_lim.handler_timeout = flag_num(v) * ms, i++;
        else if (!strcmp(a, "-grace")) grace = flag_num(v) * ms, i++;
        else if (a[0] == '-' || addr) usage();
        else addr = a;
    }
    if (!addr)
        usage();
    if (debug && gosan_debug_serve(debug) != 0) {
        fprintf(stderr, "gosan-httpd: cannot serve the debug endpoint on %s\n", debug);
        return 1;
    }
    httpd_handlers_register(racy);
    if (labels)
        httpd_use(httpd_mw_labels);
    httpd_use(httpd_mw_timeout);
    char bound[128];
    int r = httpd_signals_init();
    if (r == 0)
        r = httpd_listen(addr, bound, sizeof bound);
    if (r != 0) {
        fprintf(stderr, "gosan-httpd: %s: %s\n", addr, go_strerror(r));
        return 1;
    }
    printf("%s\n", bound);
    if (debug) {
        const char *colon = strrchr(debug, ':');
        int hostlen = colon ? (int)(colon - debug) : 0;
        printf("debug http://%.*s:%d/debug/pprof/\n", hostlen, debug, gosan_debug_port());
    }
    fflush(stdout);
    httpd_serve();
    int sig = httpd_wait_signal();
    fprintf(stderr, "gosan-httpd: signal %d: shutting down\n", sig);
    httpd_stop_accepting();
    bool drained = httpd_drain(grace);
    fprintf(stderr, "gosan-httpd: %s\n", drained ? "drained" : "drain deadline passed");
    return 0;
}
