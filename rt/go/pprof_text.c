/* pprof_text.c - the text forms of the profiles: Go's debug=1 stack
 * records ("#\t0xPC\tNAME+0xOFF\tFILE:LINE") and debug=2 tracebacks, which
 * are also the SIGQUIT dump's.
 *
 * Output goes through a fixed buffer and write(2): no malloc and no stdio
 * stream, so the SIGQUIT dump can use it whatever state the program is in.
 * Label sets print as Go prints them, {"key":"value", ...}, the format of
 * the checker's goroutine dumps.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pprof.h"

bool go_pp_flush(pp_out *o)
{
    size_t off = 0;
    while (off < o->len && !o->failed) {
        ssize_t n = write(o->fd, o->buf + off, o->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            o->failed = true;
        else
            off += (size_t)n;
    }
    o->len = 0;
    return !o->failed;
}

void go_pp_printf(pp_out *o, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (o->len + len > sizeof o->buf)
        go_pp_flush(o);
    memcpy(o->buf + o->len, tmp, len);
    o->len += len;
}

void go_pp_text_stack(pp_out *o, const uintptr_t *pcs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        pp_frame f;
        go_pprof_frame(pcs[i], &f);
        if (f.file)
            go_pp_printf(o, "#\t%#lx\t%s+%#lx\t%s:%d\n", (unsigned long)pcs[i], f.function,
                         (unsigned long)(pcs[i] - f.entry), f.file, f.line);
        else
            go_pp_printf(o, "#\t%#lx\t%s+%#lx\t%s+%#lx\n", (unsigned long)pcs[i], f.function,
                         (unsigned long)(pcs[i] - f.entry), f.module ? f.module : "?",
                         (unsigned long)f.module_offset);
    }
}

/* s quoted as Go's %q would for plain text: backslash before " and \,
 * control bytes as \xNN. */
static void quote(char *out, size_t size, const char *s)
{
    size_t k = 0;
    out[k++] = '"';
    for (; *s && k + 6 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[k++] = '\\';
            out[k++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            k += (size_t)snprintf(out + k, size - k, "\\x%02x", c);
        } else {
            out[k++] = (char)c;
        }
    }
    out[k++] = '"';
    out[k] = 0;
}

void go_pp_text_labels(pp_out *o, const char *prefix, const pp_label *l, size_t n, const char *suffix)
{
    go_pp_printf(o, "%s{", prefix);
    for (size_t i = 0; i < n; i++) {
        char k[256], v[512];
        quote(k, sizeof k, l[i].key);
        quote(v, sizeof v, l[i].value);
        go_pp_printf(o, "%s%s:%s", i ? ", " : "", k, v);
    }
    go_pp_printf(o, "}%s", suffix);
}

static void location(pp_out *o, const pp_frame *f)
{
    if (f->file)
        go_pp_printf(o, "\t%s:%d\n", f->file, f->line);
    else if (f->module)
        go_pp_printf(o, "\t%s+%#lx\n", f->module, (unsigned long)f->module_offset);
    else
        go_pp_printf(o, "\t?\n");
}

static const char *state_name(const pp_gsnap *s)
{
    if (s->self)
        return "running";
    switch (s->status) {
    case G_RUNNABLE: return "runnable";
    case G_RUNNING:
    case G_RUNNING_WOKEN: return "running";
    case G_WAITING: {
        const char *name = go_wait_reason_name(s->reason);
        return name ? name : "waiting";
    }
    case G_DEAD: return "dead";
    }
    return "unknown";
}

void go_pp_traceback(pp_out *o, const pp_gsnap *s, int64_t now)
{
    go_pp_printf(o, "goroutine %llu [%s", (unsigned long long)s->id, state_name(s));
    int64_t mins = s->since ? (now - s->since) / (60ll * 1000000000) : 0;
    if (s->status == G_WAITING && !s->self && mins >= 1)
        go_pp_printf(o, ", %lld minute%s", (long long)mins, mins == 1 ? "" : "s");
    go_pp_printf(o, "]:\n");
    if (s->nlabels)
        go_pp_text_labels(o, "labels: ", s->labels, s->nlabels, "\n");
    if (!s->stack_known)
        go_pp_printf(o, "goroutine running on other thread; stack unavailable\n");
    for (size_t i = 0; s->stack_known && i < s->npcs; i++) {
        if (go_pprof_in_library(s->pcs[i]))
            continue; /* the public call the profiles keep: not in a traceback */
        pp_frame f;
        go_pprof_frame(s->pcs[i], &f);
        go_pp_printf(o, "%s(...)\n", f.function);
        location(o, &f);
    }
    if (!s->is_main && s->create_pc) {
        pp_frame f;
        go_pprof_frame(s->create_pc - 1, &f);
        go_pp_printf(o, "created by %s in goroutine %llu\n", f.function, (unsigned long long)s->parent_id);
        location(o, &f);
    }
    go_pp_printf(o, "\n");
}
