/* suppress.c - the suppressions file (see suppress.h).
 *
 * The file is read once, at gs_suppress_init (from __gosan_init, before any
 * report), into an immutable array of rules; matching then needs no lock.
 * A pattern matches anywhere in the function name or file path unless
 * anchored with ^ (start) or $ (end), as in TSan's suppressions.
 */
#include "suppress.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flags.h"
#include "log.h"
#include "str.h"
#include "internal_alloc.h"
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

/* Limits that keep a hostile or mistaken file from hanging the start-up or
 * growing memory: the file must be regular, at most SUP_MAX_FILE bytes,
 * with lines of at most SUP_MAX_LINE bytes (a longer pattern could not be
 * matched: gs_glob_match works in a fixed buffer). */
#define SUP_MAX_FILE (1u << 20)
#define SUP_MAX_LINE 1000

static const char *sup_file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* Non-blocking open: a FIFO with no writer must not stall the start-up
 * before fstat rejects it. */
static int sup_open_regular(const char *path, off_t *size)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        gs_die("cannot open suppressions file '%s': %s", path, gs_strerror(errno));
    struct stat st;
    if (syscall(SYS_fstat, fd, &st) != 0)
        gs_die("cannot stat suppressions file '%s': %s", path, gs_strerror(errno));
    if (!S_ISREG(st.st_mode))
        gs_die("suppressions file '%s' is %s (expected a regular file)", path, sup_file_kind(st.st_mode));
    *size = st.st_size;
    return fd;
}

static void sup_too_big(const char *path)
{
    gs_die("suppressions file '%s' is larger than %u bytes", path, SUP_MAX_FILE);
}

/* The whole file, NUL-terminated; *len counts its bytes (it may hold NULs,
 * which sup_parse rejects). */
static char *sup_read_file(const char *path, size_t *len_out)
{
    off_t size;
    int fd = sup_open_regular(path, &size);
    if (size > (off_t)SUP_MAX_FILE)
        sup_too_big(path);
    /* Room for one byte more than the limit, to see a file that grew
     * since fstat (or a /proc file, whose size reads 0). */
    size_t cap = (size_t)size + 2, len = 0;
    char *buf = gs_alloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            cap = cap * 2 > SUP_MAX_FILE + 2 ? SUP_MAX_FILE + 2 : cap * 2;
            buf = gs_realloc(buf, cap);
        }
        long r = syscall(SYS_read, fd, buf + len, cap - 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            gs_die("cannot read suppressions file '%s': %s", path, gs_strerror(errno));
        if (r == 0)
            break;
        len += (size_t)r;
        if (len > SUP_MAX_FILE)
            sup_too_big(path);
    }
    syscall(SYS_close, fd);
    buf[len] = 0;
    *len_out = len;
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

/* A pattern that is empty once its anchors are removed (`^`, `$`, `^$`)
 * would match every frame: a typo, never a useful rule.  An explicit `*`
 * matching everything is accepted, as in TSan. */
static bool sup_empty_after_anchors(const char *p)
{
    size_t len = gs_strlen(p);
    if (len && p[0] == '^')
        p++, len--;
    if (len && p[len - 1] == '$')
        len--;
    return len == 0;
}

static void sup_add(const char *type, const char *pattern, size_t *cap)
{
    if (sup_count == *cap) {
        *cap *= 2;
        sup_rules = gs_realloc(sup_rules, *cap * sizeof *sup_rules);
    }
    sup_rules[sup_count++] = (sup_rule){type, pattern};
}

/* One line (NUL-terminated, no newline). */
static void sup_parse_line(const char *path, int lineno, char *line, size_t *cap)
{
    line = sup_trim(line);
    if (!*line || *line == '#')
        return;
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
    if (sup_empty_after_anchors(pattern))
        gs_die("%s:%d: pattern '%s' is empty without its anchors and would match everything (write "
               "'%s:*' to suppress every %s report)", path, lineno, pattern, type, type);
    sup_add(type, pattern, cap);
}

static size_t sup_cap;

/* Appends the rules of text (the file's, then the program's built-in). */
static void sup_parse(const char *path, char *text, size_t len)
{
    size_t *cap = &sup_cap;
    if (!sup_rules) {
        *cap = 16;
        sup_rules = gs_alloc(*cap * sizeof *sup_rules);
    }
    int lineno = 0;
    char *end = text + len;
    for (char *s = text; s < end;) {
        char *line = s;
        while (s < end && *s != '\n' && *s)
            s++;
        lineno++;
        if (s < end && !*s)
            gs_die("%s:%d: NUL byte in a suppression line", path, lineno);
        if (s - line > SUP_MAX_LINE)
            gs_die("%s:%d: line longer than %d bytes", path, lineno, SUP_MAX_LINE);
        if (s < end)
            *s++ = 0;
        sup_parse_line(path, lineno, line, cap);
    }
}

/* Suppressions built into the program (as TSan's
 * __tsan_default_suppressions), in the file's syntax, added to the file's:
 * a __gosan_* name, so the pass never instruments it. */
extern const char *__gosan_default_suppressions(void) __attribute__((weak));

void gs_suppress_init(void)
{
    int expected = 0;
    if (!__atomic_compare_exchange_n(&sup_state, &expected, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return;
    gs_flags_init();
    const char *path = gs_flags.suppressions;
    if (path && *path) {
        size_t len;
        char *text = sup_read_file(path, &len);
        sup_parse(path, text, len);
    }
    if (gs_flags.verbosity && sup_count)
        gs_warn("loaded %zu suppression%s from %s", sup_count, sup_count == 1 ? "" : "s", path);
    const char *builtin = __gosan_default_suppressions ? __gosan_default_suppressions() : NULL;
    if (builtin && *builtin) {
        size_t before = sup_count;
        sup_parse("__gosan_default_suppressions()", gs_strdup(builtin), gs_strlen(builtin));
        if (gs_flags.verbosity)
            gs_warn("loaded %zu built-in suppression%s", sup_count - before, sup_count - before == 1 ? "" : "s");
    }
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
