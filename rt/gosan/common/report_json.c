/* report_json.c - report_format=json (see report_json.h): one JSON object
 * per report, on one line, following docs/report.schema.json; and the JSON
 * helpers report_sarif.c shares.
 *
 * Invariants: runs inside a report (the report lock held), so it only uses
 * the internal allocator and the runtime's printf; every string from the
 * program or the symbolizer goes through gs_jbuf_str, so no report can
 * break the one-object-per-line framing.
 */
#include "report_json.h"

#include <stdarg.h>

#include "flags.h"
#include "internal_alloc.h"
#include "log.h"
#include "printf.h"
#include "str.h"

bool gs_report_format_valid(const char *name)
{
    return !name || !*name || !gs_strcmp(name, "text") || !gs_strcmp(name, "json") || !gs_strcmp(name, "sarif");
}

gs_report_format_t gs_report_format(void)
{
    const char *f = gs_flags.report_format;
    if (f && !gs_strcmp(f, "json"))
        return GS_FORMAT_JSON;
    if (f && !gs_strcmp(f, "sarif"))
        return GS_FORMAT_SARIF;
    return GS_FORMAT_TEXT;
}

bool gs_report_text_shown(void)
{
    gs_report_format_t f = gs_report_format();
    return f == GS_FORMAT_TEXT || (f == GS_FORMAT_SARIF && gs_flags.sarif_path && *gs_flags.sarif_path);
}

void gs_jbuf_put(gs_jbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->p = gs_realloc(b->p, cap);
        b->cap = cap;
    }
    for (size_t i = 0; i < n; i++)
        b->p[b->n + i] = s[i];
    b->n += n;
    b->p[b->n] = 0;
}

void gs_jbuf_printf(gs_jbuf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = gs_vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    gs_jbuf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void gs_jbuf_str(gs_jbuf *b, const char *s)
{
    if (!s) {
        GS_JPUT(b, "null");
        return;
    }
    GS_JPUT(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            gs_jbuf_put(b, e, 2);
        } else if (c == '\n') {
            GS_JPUT(b, "\\n");
        } else if (c == '\t') {
            GS_JPUT(b, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            gs_jbuf_printf(b, "\\u%04x", c);
        } else {
            gs_jbuf_put(b, s, 1);
        }
    }
    GS_JPUT(b, "\"");
}

const char *gs_report_rel_path(const char *file)
{
    const char *root = gs_flags.source_root;
    if (!file || !root || !*root)
        return file;
    size_t n = gs_strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (gs_strncmp(file, root, n) == 0 && file[n] == '/')
        return file + n + 1;
    return file;
}

void gs_report_rule_id(const char *kind, char *out, size_t size)
{
    size_t k = 0;
    bool dash = false;
    for (const char *s = kind; *s && k + 1 < size; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) {
            if (dash && k && k + 2 < size)
                out[k++] = '-';
            out[k++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[k] = 0;
}

static uint64_t fp_mix(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (h ^ 0xff) * 0x100000001b3ull; /* a separator, so "ab"+"c" != "a"+"bc" */
}

/* The stacks are summed, not chained: which side of a race a run saw
 * first, and so the order of the stacks, must not change it. */
uint64_t gs_report_fingerprint(const gs_record *r)
{
    uint64_t h = fp_mix(0xcbf29ce484222325ull, r->kind);
    for (size_t i = 0; i < r->nstacks; i++) {
        const gs_rec_stack *st = &r->stacks[i];
        uint64_t sh = 0xcbf29ce484222325ull;
        for (size_t j = 0; j < st->nframes; j++) {
            char line[16];
            gs_snprintf(line, sizeof line, "%d", st->frames[j].line);
            sh = fp_mix(sh, st->frames[j].function);
            sh = fp_mix(sh, gs_report_rel_path(st->frames[j].file));
            sh = fp_mix(sh, line);
        }
        h += sh * 0x9e3779b97f4a7c15ull;
    }
    return h;
}

static void json_frame(gs_jbuf *b, const gs_frame *f)
{
    GS_JPUT(b, "{\"function\":");
    gs_jbuf_str(b, f->function);
    GS_JPUT(b, ",\"file\":");
    gs_jbuf_str(b, gs_report_rel_path(f->file));
    gs_jbuf_printf(b, ",\"line\":%d,\"column\":%d", f->line, f->column);
    if (!f->file && f->module) {
        GS_JPUT(b, ",\"module\":");
        gs_jbuf_str(b, f->module);
        gs_jbuf_printf(b, ",\"offset\":%lu", (unsigned long)f->module_offset);
    }
    GS_JPUT(b, "}");
}

static void json_stack(gs_jbuf *b, const gs_rec_stack *st)
{
    GS_JPUT(b, "{\"title\":");
    gs_jbuf_str(b, st->title);
    if (st->goroutine)
        gs_jbuf_printf(b, ",\"goroutine\":%llu", (unsigned long long)st->goroutine);
    if (st->thread)
        gs_jbuf_printf(b, ",\"thread\":%llu", (unsigned long long)st->thread);
    if (st->labels[0]) {
        GS_JPUT(b, ",\"labels\":");
        gs_jbuf_str(b, st->labels);
    }
    GS_JPUT(b, ",\"frames\":[");
    for (size_t i = 0; i < st->nframes; i++) {
        if (i)
            GS_JPUT(b, ",");
        json_frame(b, &st->frames[i]);
    }
    gs_jbuf_printf(b, "],\"truncated\":%s}", st->truncated ? "true" : "false");
}

static void json_object(gs_jbuf *b, const gs_rec_object *o)
{
    gs_jbuf_printf(b, "{\"address\":\"0x%lx\",\"size\":%zu,\"kind\":", (unsigned long)o->address, o->size);
    gs_jbuf_str(b, o->kind);
    if (o->name[0]) {
        GS_JPUT(b, ",\"name\":");
        gs_jbuf_str(b, o->name);
    }
    if (o->file) {
        GS_JPUT(b, ",\"file\":");
        gs_jbuf_str(b, gs_report_rel_path(o->file));
        gs_jbuf_printf(b, ",\"line\":%d", o->line);
    }
    if (o->goroutine)
        gs_jbuf_printf(b, ",\"goroutine\":%llu", (unsigned long long)o->goroutine);
    GS_JPUT(b, "}");
}

void gs_report_json_emit(const gs_record *r)
{
    gs_jbuf b = {0};
    GS_JPUT(&b, "{\"kind\":");
    gs_jbuf_str(&b, r->kind);
    gs_jbuf_printf(&b, ",\"pid\":%d,\"fingerprint\":\"%016llx\"", r->pid,
                   (unsigned long long)gs_report_fingerprint(r));
    if (r->has_summary) {
        GS_JPUT(&b, ",\"summary\":");
        json_frame(&b, &r->summary);
    }
    GS_JPUT(&b, ",\"stacks\":[");
    for (size_t i = 0; i < r->nstacks; i++) {
        if (i)
            GS_JPUT(&b, ",");
        json_stack(&b, &r->stacks[i]);
    }
    GS_JPUT(&b, "]");
    if (r->object.known) {
        GS_JPUT(&b, ",\"object\":");
        json_object(&b, &r->object);
    }
    GS_JPUT(&b, ",\"text\":");
    gs_jbuf_str(&b, r->text);
    GS_JPUT(&b, "}\n");
    gs_write_all(gs_report_fd(), b.p, b.n);
    gs_free(b.p);
}
