/* suppress.c - the suppressions file (see suppress.h).
 *
 * The file is read once, at gs_suppress_init (from __gosan_init, before any
 * report), into an immutable array of rules; matching then needs no lock.
 * A pattern matches anywhere in the function name or file path unless
 * anchored with ^ (start) or $ (end), as in TSan's suppressions.
 */
#include "suppress.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flags.h"
#include "gs_str.h"
#include "ialloc.h"
#include "out.h"
#include "symbolize.h"

typedef struct sup_rule {
    const char *type;
    const char *pattern;
} sup_rule;

static const char *const sup_types[] = {"race", "deadlock", "leak", "misuse"};

static sup_rule *sup_rules;
static size_t sup_count;
static int sup_state; /* 0 not loaded, 1 loading, 2 loaded */

/* '*' matches any run; the whole of s must match. */
static bool sup_glob_full(const char *p, const char *s)
{
    const char *star = NULL, *retry = NULL;
    while (*s) {
        if (*p == '*') {
            star = ++p;
            retry = s;
        } else if (*p && *p == *s) {
            p++;
            s++;
        } else if (star) {
            p = star;
            s = ++retry;
        } else {
            return false;
        }
    }
    while (*p == '*')
        p++;
    return *p == 0;
}

bool gs_glob_match(const char *pattern, const char *s)
{
    if (!s)
        return false;
    char buf[1024];
    size_t len = gs_strlen(pattern);
    bool head = len && pattern[0] == '^';
    bool tail = len && pattern[len - 1] == '$';
    if (head)
        pattern++, len--;
    if (tail)
        len--;
    if (len + 3 > sizeof buf)
        return false;
    size_t k = 0;
    if (!head)
        buf[k++] = '*';
    for (size_t i = 0; i < len; i++)
        buf[k++] = pattern[i];
    if (!tail)
        buf[k++] = '*';
    buf[k] = 0;
    return sup_glob_full(buf, s);
}

static char *sup_read_file(const char *path)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        gs_die("cannot open suppressions file '%s'", path);
    size_t cap = 4096, len = 0;
    char *buf = gs_alloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            buf = gs_realloc(buf, cap);
        }
        long r = syscall(SYS_read, fd, buf + len, cap - 1 - len);
        if (r < 0)
            gs_die("cannot read suppressions file '%s'", path);
        if (r == 0)
            break;
        len += (size_t)r;
    }
    syscall(SYS_close, fd);
    buf[len] = 0;
    return buf;
}

static char *sup_trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    char *e = s + gs_strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

static const char *sup_known_type(const char *t)
{
    for (size_t i = 0; i < sizeof sup_types / sizeof sup_types[0]; i++)
        if (!gs_strcmp(t, sup_types[i]))
            return sup_types[i];
    return NULL;
}

static void sup_parse(const char *path, char *text)
{
    size_t cap = 16;
    sup_rules = gs_alloc(cap * sizeof *sup_rules);
    int lineno = 0;
    char *s = text;
    while (*s) {
        char *line = s;
        while (*s && *s != '\n')
            s++;
        if (*s)
            *s++ = 0;
        lineno++;
        line = sup_trim(line);
        if (!*line || *line == '#')
            continue;
        char *colon = line;
        while (*colon && *colon != ':')
            colon++;
        if (!*colon)
            gs_die("%s:%d: suppression '%s' has no type (write TYPE:PATTERN, TYPE one of race, deadlock, "
                   "leak, misuse)", path, lineno, line);
        *colon = 0;
        const char *type = sup_known_type(sup_trim(line));
        if (!type)
            gs_die("%s:%d: unknown suppression type '%s' (known: race, deadlock, leak, misuse)", path, lineno,
                   sup_trim(line));
        char *pattern = sup_trim(colon + 1);
        if (!*pattern)
            gs_die("%s:%d: empty pattern after '%s:'", path, lineno, type);
        if (sup_count == cap) {
            cap *= 2;
            sup_rules = gs_realloc(sup_rules, cap * sizeof *sup_rules);
        }
        sup_rules[sup_count++] = (sup_rule){type, pattern};
    }
}

void gs_suppress_init(void)
{
    int expected = 0;
    if (!__atomic_compare_exchange_n(&sup_state, &expected, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return;
    gs_flags_init();
    const char *path = gs_flags.suppressions;
    if (path && *path)
        sup_parse(path, sup_read_file(path));
    if (gs_flags.verbosity && sup_count)
        gs_warn("loaded %zu suppression%s from %s", sup_count, sup_count == 1 ? "" : "s", path);
    __atomic_store_n(&sup_state, 2, __ATOMIC_RELEASE);
}

static bool sup_frame_matches(const char *type, const gs_frame *f)
{
    for (size_t r = 0; r < sup_count; r++) {
        if (gs_strcmp(sup_rules[r].type, type) != 0)
            continue;
        if (gs_glob_match(sup_rules[r].pattern, f->function) || gs_glob_match(sup_rules[r].pattern, f->file))
            return true;
    }
    return false;
}

bool gs_suppressed_pcs(const char *type, const uintptr_t *pcs, size_t n)
{
    gs_suppress_init();
    if (sup_count == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!pcs[i])
            continue;
        gs_frame fr[16];
        size_t m = gs_symbolize_inlined(i == 0 ? pcs[i] : pcs[i] - 1, fr, 16);
        for (size_t j = 0; j < m; j++)
            if (sup_frame_matches(type, &fr[j]))
                return true;
    }
    return false;
}

bool gs_suppressed(const char *type, const gs_stack_id *stacks, size_t n)
{
    gs_suppress_init();
    if (sup_count == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        const uintptr_t *pcs;
        size_t m;
        if (gs_stack_load(stacks[i], &pcs, &m) && gs_suppressed_pcs(type, pcs, m))
            return true;
    }
    return false;
}

/* Load (and check) the file before main: a typo in it should stop the run
 * at once, not at the first report. */
__attribute__((constructor(102))) static void sup_ctor(void)
{
    gs_suppress_init();
}
