/* report_sarif.c - report_format=sarif (see report_json.h): every report
 * of the process becomes a SARIF 2.1.0 result, and the process's one run
 * is written when it exits.
 *
 * Invariants: results are serialized when their report ends (inside it,
 * so from the report lock's holder only) into one buffer of the internal
 * allocator; gs_sarif_finish, which every exit path calls after waiting
 * for the reports in flight, neither allocates nor locks (a fatal signal's
 * handler calls it) and writes the log once per process.  A forked child
 * starts with no results: its parent's are its parent's.  Locations are
 * source_root-relative (uriBaseId SRCROOT) when under it, and a result's
 * partialFingerprints hash the kind and the stacks' functions and
 * file:lines only (gs_report_fingerprint), so code scanning matches the
 * same bug across runs and machines.
 */
#include "report_json.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flags.h"
#include "log.h"
#include "printf.h"
#include "str.h"

#define SARIF_MAX_RULES 32

static gs_jbuf sarif_results;
static size_t sarif_nresults;
static int sarif_pid; /* the process the results belong to */
static const char *sarif_rules[SARIF_MAX_RULES];
static size_t sarif_nrules;
static int sarif_written_pid;

static void sarif_uri_char(gs_jbuf *b, char c)
{
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                 c == '.' || c == '_' || c == '~' || c == '/';
    if (plain)
        gs_jbuf_put(b, &c, 1);
    else
        gs_jbuf_printf(b, "%%%02X", (unsigned)(unsigned char)c);
}

/* "artifactLocation":{...}: relative to SRCROOT when under source_root. */
static void sarif_artifact(gs_jbuf *b, const char *file)
{
    const char *rel = gs_report_rel_path(file);
    GS_JPUT(b, "\"artifactLocation\":{\"uri\":\"");
    if (rel[0] == '/')
        GS_JPUT(b, "file://");
    for (const char *s = rel; *s; s++)
        sarif_uri_char(b, *s);
    GS_JPUT(b, "\"");
    if (rel != file)
        GS_JPUT(b, ",\"uriBaseId\":\"SRCROOT\"");
    GS_JPUT(b, "}");
}

static void sarif_physical(gs_jbuf *b, const gs_frame *f)
{
    GS_JPUT(b, "\"physicalLocation\":{");
    sarif_artifact(b, f->file);
    if (f->line > 0) {
        gs_jbuf_printf(b, ",\"region\":{\"startLine\":%d", f->line);
        if (f->column > 0)
            gs_jbuf_printf(b, ",\"startColumn\":%d", f->column);
        GS_JPUT(b, "}");
    }
    GS_JPUT(b, "}");
}

/* A location object for frame f, with an optional message. */
static void sarif_location(gs_jbuf *b, const gs_frame *f, const char *message, int id)
{
    GS_JPUT(b, "{");
    if (id >= 0)
        gs_jbuf_printf(b, "\"id\":%d,", id);
    if (f->file) {
        sarif_physical(b, f);
        GS_JPUT(b, ",");
    }
    GS_JPUT(b, "\"logicalLocations\":[{\"fullyQualifiedName\":");
    gs_jbuf_str(b, f->function);
    GS_JPUT(b, ",\"kind\":\"function\"}]");
    if (message) {
        GS_JPUT(b, ",\"message\":{\"text\":");
        gs_jbuf_str(b, message);
        GS_JPUT(b, "}");
    }
    GS_JPUT(b, "}");
}

/* The frame a result is located at: the SUMMARY's, else the first stack's
 * top one with a file. */
static const gs_frame *sarif_primary(const gs_record *r)
{
    if (r->has_summary && r->summary.file)
        return &r->summary;
    for (size_t i = 0; i < r->nstacks; i++)
        for (size_t j = 0; j < r->stacks[i].nframes; j++)
            if (r->stacks[i].frames[j].file)
                return &r->stacks[i].frames[j];
    return NULL;
}

/* Each stack is a thread flow, outermost frame first (execution order). */
static void sarif_code_flows(gs_jbuf *b, const gs_record *r)
{
    GS_JPUT(b, ",\"codeFlows\":[{\"threadFlows\":[");
    bool first = true;
    for (size_t i = 0; i < r->nstacks; i++) {
        const gs_rec_stack *st = &r->stacks[i];
        if (!st->nframes)
            continue;
        if (!first)
            GS_JPUT(b, ",");
        first = false;
        GS_JPUT(b, "{\"message\":{\"text\":");
        gs_jbuf_str(b, st->title[0] ? st->title : "stack");
        GS_JPUT(b, "},\"locations\":[");
        for (size_t j = st->nframes; j-- > 0;) {
            GS_JPUT(b, "{\"location\":");
            sarif_location(b, &st->frames[j], NULL, -1);
            gs_jbuf_printf(b, ",\"nestingLevel\":%zu}", st->nframes - 1 - j);
            if (j)
                GS_JPUT(b, ",");
        }
        GS_JPUT(b, "]}");
    }
    GS_JPUT(b, "]}]");
}

/* The top frame of every stack after the first: the other side. */
static void sarif_related(gs_jbuf *b, const gs_record *r)
{
    int id = 1;
    bool any = false;
    for (size_t i = 1; i < r->nstacks; i++) {
        const gs_rec_stack *st = &r->stacks[i];
        if (!st->nframes)
            continue;
        if (any)
            GS_JPUT(b, ",");
        else
            GS_JPUT(b, ",\"relatedLocations\":[");
        any = true;
        sarif_location(b, &st->frames[0], st->title, id++);
    }
    if (any)
        GS_JPUT(b, "]");
}

static size_t sarif_rule_index(const char *kind)
{
    for (size_t i = 0; i < sarif_nrules; i++)
        if (!gs_strcmp(sarif_rules[i], kind))
            return i;
    if (sarif_nrules < SARIF_MAX_RULES)
        sarif_rules[sarif_nrules++] = kind;
    return sarif_nrules - 1;
}

static bool sarif_has_any_stack(const gs_record *r)
{
    for (size_t i = 0; i < r->nstacks; i++)
        if (r->stacks[i].nframes)
            return true;
    return false;
}

void gs_sarif_add(const gs_record *r)
{
    int pid = (int)syscall(SYS_getpid);
    if (sarif_pid != pid) { /* first result, or a forked child's first */
        sarif_results.n = 0;
        sarif_nresults = 0;
        sarif_pid = pid;
    }
    gs_jbuf *b = &sarif_results;
    char rule[64];
    gs_report_rule_id(r->kind, rule, sizeof rule);
    if (sarif_nresults++)
        GS_JPUT(b, ",");
    gs_jbuf_printf(b, "{\"ruleId\":\"%s\",\"ruleIndex\":%zu,\"level\":\"error\",\"message\":{\"text\":", rule,
                   sarif_rule_index(r->kind));
    char msg[GS_REC_TITLE + 64];
    if (r->nstacks && r->stacks[0].title[0])
        gs_snprintf(msg, sizeof msg, "%s: %s", r->kind, r->stacks[0].title);
    else
        gs_snprintf(msg, sizeof msg, "%s", r->kind);
    gs_jbuf_str(b, msg);
    GS_JPUT(b, "}");
    const gs_frame *at = sarif_primary(r);
    if (at) {
        GS_JPUT(b, ",\"locations\":[");
        sarif_location(b, at, NULL, -1);
        GS_JPUT(b, "]");
    }
    if (sarif_has_any_stack(r)) {
        sarif_code_flows(b, r);
        sarif_related(b, r);
    }
    gs_jbuf_printf(b, ",\"partialFingerprints\":{\"gosanStack/v1\":\"%016llx\"}",
                   (unsigned long long)gs_report_fingerprint(r));
    GS_JPUT(b, ",\"properties\":{\"report\":");
    gs_jbuf_str(b, r->text);
    GS_JPUT(b, "}}");
}

/* ---- the log, at exit: no allocation from here on */

static void sarif_out(int fd, const char *s)
{
    gs_write_all(fd, s, gs_strlen(s));
}

static void sarif_json_str(int fd, const char *s)
{
    char tmp[512];
    size_t k = 0;
    tmp[k++] = '"';
    for (; *s; s++) {
        if (k + 8 >= sizeof tmp) {
            gs_write_all(fd, tmp, k);
            k = 0;
        }
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            tmp[k++] = '\\';
            tmp[k++] = (char)c;
        } else if (c < 0x20) {
            k += (size_t)gs_snprintf(tmp + k, sizeof tmp - k, "\\u%04x", c);
        } else {
            tmp[k++] = (char)c;
        }
    }
    tmp[k++] = '"';
    gs_write_all(fd, tmp, k);
}

static int sarif_open(int pid)
{
    const char *path = gs_flags.sarif_path;
    if (!path || !*path)
        return gs_report_fd();
    char name[4096];
    gs_snprintf(name, sizeof name, "%s.%d.sarif", path, pid);
    int fd = (int)syscall(SYS_openat, AT_FDCWD, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        gs_fdprintf(2, "gosan: WARNING: cannot write the SARIF log %s: %s\n", name, gs_strerror(errno));
    return fd;
}

static void sarif_rules_out(int fd)
{
    for (size_t i = 0; i < sarif_nrules; i++) {
        char rule[64];
        gs_report_rule_id(sarif_rules[i], rule, sizeof rule);
        sarif_out(fd, i ? ",{\"id\":\"" : "{\"id\":\"");
        sarif_out(fd, rule);
        sarif_out(fd, "\",\"shortDescription\":{\"text\":");
        sarif_json_str(fd, sarif_rules[i]);
        sarif_out(fd, "}}");
    }
}

static void sarif_root_out(int fd)
{
    const char *root = gs_flags.source_root;
    if (!root || !*root)
        return;
    sarif_out(fd, ",\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":");
    char uri[4096];
    size_t n = gs_strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    gs_snprintf(uri, sizeof uri, "%s%.*s/", root[0] == '/' ? "file://" : "", (int)n, root);
    sarif_json_str(fd, uri);
    sarif_out(fd, "}}");
}

void gs_sarif_finish(void)
{
    if (gs_report_format() != GS_FORMAT_SARIF)
        return;
    int pid = (int)syscall(SYS_getpid);
    if (__atomic_exchange_n(&sarif_written_pid, pid, __ATOMIC_SEQ_CST) == pid)
        return;
    int fd = sarif_open(pid);
    if (fd < 0)
        return;
    sarif_out(fd, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                  "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"gosan\",\"rules\":[");
    bool mine = sarif_pid == pid;
    if (mine)
        sarif_rules_out(fd);
    sarif_out(fd, "]}}");
    sarif_root_out(fd);
    sarif_out(fd, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[");
    if (mine && sarif_results.n)
        gs_write_all(fd, sarif_results.p, sarif_results.n);
    sarif_out(fd, "]}]}\n");
    if (fd != gs_report_fd())
        syscall(SYS_close, fd);
}
