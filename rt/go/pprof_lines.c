/* pprof_lines.c - source file and line of a code address in the executable,
 * from its DWARF line table (.debug_line), for profiles and the SIGQUIT
 * dump.
 *
 * A production build run on its own machine has no symbolizer to ask, so
 * the library reads the line table itself: versions 2-5 of the line-number
 * program, 32- and 64-bit DWARF, file names inline or in .debug_line_str /
 * .debug_str.  The table is built once (under a lock, at the first lookup,
 * never from a signal handler of the CPU profiler) into mmap'd memory
 * (the SIGQUIT dump may run while malloc's state is unknown) and is
 * read-only afterwards.  Inlined frames are not unfolded (that needs
 * .debug_info): a pc gets the line of the innermost inlined code, named
 * after the function that contains it.  Without debug info (or with
 * compressed sections) lookups find nothing and callers print the module
 * offset instead.
 */
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pprof.h"

typedef struct row {
    uintptr_t addr;
    uint32_t file; /* index into files; UINT32_MAX: end of a sequence */
    uint32_t line;
} row;

static golock lines_lock;
static _Atomic int lines_state; /* 0 not built, 1 built */
static row *rows;
static size_t nrows;
static const char **files;
static size_t nfiles;
static uintptr_t load_base;

/* A bump allocator over mmap'd memory for the tables. */
static char *arena, *arena_end;

static void *arena_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (!arena || (size_t)(arena_end - arena) < size) {
        size_t chunk = size > (1u << 20) ? size : (1u << 20);
        void *p = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        arena = p;
        arena_end = arena + chunk;
    }
    void *r = arena;
    arena += size;
    return r;
}

typedef struct rd {
    const uint8_t *p, *end;
    bool bad;
} rd;

static uint64_t rd_fixed(rd *r, int n)
{
    if (r->end - r->p < n) {
        r->bad = true;
        r->p = r->end;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static uint64_t rd_uleb(rd *r)
{
    uint64_t v = 0;
    for (int shift = 0; r->p < r->end; shift += 7) {
        uint8_t b = *r->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    r->bad = true;
    return v;
}

static int64_t rd_sleb(rd *r)
{
    int64_t v = 0;
    int shift = 0;
    uint8_t b = 0x80;
    while (r->p < r->end && (b & 0x80)) {
        b = *r->p++;
        if (shift < 64)
            v |= (int64_t)(b & 0x7f) << shift;
        shift += 7;
    }
    if (shift < 64 && (b & 0x40))
        v |= -((int64_t)1 << shift);
    return v;
}

static const char *rd_str(rd *r)
{
    const char *s = (const char *)r->p;
    const uint8_t *z = memchr(r->p, 0, (size_t)(r->end - r->p));
    if (!z) {
        r->bad = true;
        r->p = r->end;
        return "";
    }
    r->p = z + 1;
    return s;
}

typedef struct sect {
    const uint8_t *data;
    size_t size;
} sect;

static const char *sect_str(const sect *s, uint64_t off)
{
    if (!s->data || off >= s->size || !memchr(s->data + off, 0, s->size - off))
        return "";
    return (const char *)s->data + off;
}

/* One attribute of a version-5 directory or file entry: a string for
 * DW_LNCT_path, a number for DW_LNCT_directory_index, skipped otherwise. */
static void rd_form(rd *r, uint64_t form, int offsize, const sect *line_str, const sect *str, const char **s,
                    uint64_t *num)
{
    switch (form) {
    case 0x08: *s = rd_str(r); break;                                    /* string */
    case 0x1f: *s = sect_str(line_str, rd_fixed(r, offsize)); break;     /* line_strp */
    case 0x0e: *s = sect_str(str, rd_fixed(r, offsize)); break;          /* strp */
    case 0x0b: *num = rd_fixed(r, 1); break;                             /* data1 */
    case 0x05: *num = rd_fixed(r, 2); break;                             /* data2 */
    case 0x06: *num = rd_fixed(r, 4); break;                             /* data4 */
    case 0x07: *num = rd_fixed(r, 8); break;                             /* data8 */
    case 0x0f: *num = rd_uleb(r); break;                                 /* udata */
    case 0x1e: r->p = r->end - r->p >= 16 ? r->p + 16 : r->end; break;  /* data16 (MD5) */
    case 0x09: {                                                         /* block */
        uint64_t n = rd_uleb(r);
        r->p = (uint64_t)(r->end - r->p) >= n ? r->p + n : r->end;
        break;
    }
    default: r->bad = true; r->p = r->end; break;
    }
}

static const char *join_path(const char *dir, const char *name)
{
    if (!dir || !*dir || name[0] == '/')
        return name;
    size_t a = strlen(dir), b = strlen(name);
    char *s = arena_alloc(a + b + 2);
    if (!s)
        return name;
    memcpy(s, dir, a);
    s[a] = '/';
    memcpy(s + a + 1, name, b + 1);
    return s;
}

enum { MAX_CU_FILES = 4096, MAX_CU_DIRS = 1024 };

/* Reads a version-5 entry list (directories or files) into names[] (and
 * the directory index of each into dirs[] when given). */
static size_t read_v5_entries(rd *r, int offsize, const sect *line_str, const sect *str, const char **names,
                              uint64_t *dirs, size_t max)
{
    uint8_t nfmt = (uint8_t)rd_fixed(r, 1);
    uint64_t fmt[16][2];
    if (nfmt > 16) {
        r->bad = true;
        return 0;
    }
    for (int i = 0; i < nfmt; i++) {
        fmt[i][0] = rd_uleb(r);
        fmt[i][1] = rd_uleb(r);
    }
    uint64_t count = rd_uleb(r);
    size_t n = 0;
    for (uint64_t i = 0; i < count && !r->bad; i++) {
        const char *name = "";
        uint64_t dir = 0;
        for (int k = 0; k < nfmt; k++) {
            const char *s = NULL;
            uint64_t num = 0;
            rd_form(r, fmt[k][1], offsize, line_str, str, &s, &num);
            if (fmt[k][0] == 1 && s)
                name = s;
            else if (fmt[k][0] == 2)
                dir = num;
        }
        if (n < max) {
            names[n] = name;
            if (dirs)
                dirs[n] = dir;
            n++;
        }
    }
    return n;
}

static void add_row(size_t *cap, uintptr_t addr, uint32_t file, uint32_t line)
{
    if (nrows == *cap) {
        size_t ncap = *cap ? *cap * 2 : 65536;
        row *n = mmap(NULL, ncap * sizeof *n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (n == MAP_FAILED)
            return;
        if (rows) {
            memcpy(n, rows, nrows * sizeof *n);
            munmap(rows, *cap * sizeof *rows);
        }
        rows = n;
        *cap = ncap;
    }
    rows[nrows++] = (row){addr, file, line};
}

static uint32_t add_file(const char *path, size_t *cap)
{
    if (nfiles == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        const char **n = arena_alloc(ncap * sizeof *n);
        if (!n)
            return UINT32_MAX;
        if (files)
            memcpy(n, files, nfiles * sizeof *n);
        files = n;
        *cap = ncap;
    }
    files[nfiles] = path;
    return (uint32_t)nfiles++;
}

/* Runs one unit's line-number program, appending its rows. */
static void read_unit(rd *u, const sect *line_str, const sect *str, size_t *rowcap, size_t *filecap)
{
    int offsize = 4;
    uint64_t len = rd_fixed(u, 4);
    if (len == 0xffffffffu) {
        offsize = 8;
        len = rd_fixed(u, 8);
    }
    if (u->bad || len > (uint64_t)(u->end - u->p)) {
        u->bad = true;
        return;
    }
    rd r = {u->p, u->p + len, false};
    u->p += len;
    unsigned version = (unsigned)rd_fixed(&r, 2);
    if (version < 2 || version > 5)
        return;
    if (version >= 5)
        rd_fixed(&r, 2); /* address size, segment selector size */
    uint64_t hlen = rd_fixed(&r, offsize);
    if (hlen > (uint64_t)(r.end - r.p))
        return;
    const uint8_t *prog = r.p + hlen;
    unsigned min_inst = (unsigned)rd_fixed(&r, 1);
    if (version >= 4)
        rd_fixed(&r, 1); /* max ops per instruction: VLIW only */
    bool default_stmt = rd_fixed(&r, 1) != 0;
    int line_base = (int8_t)rd_fixed(&r, 1);
    unsigned line_range = (unsigned)rd_fixed(&r, 1);
    unsigned opcode_base = (unsigned)rd_fixed(&r, 1);
    uint8_t oplen[256] = {0};
    for (unsigned i = 1; i < opcode_base; i++)
        oplen[i] = (uint8_t)rd_fixed(&r, 1);
    if (r.bad || !line_range)
        return;
    static const char *dirs[MAX_CU_DIRS];
    static const char *fnames[MAX_CU_FILES];
    static uint64_t fdirs[MAX_CU_FILES];
    static uint32_t fids[MAX_CU_FILES];
    size_t ndirs = 0, nf = 0;
    unsigned first_file; /* the number of the first file entry */
    if (version >= 5) {
        ndirs = read_v5_entries(&r, offsize, line_str, str, dirs, NULL, MAX_CU_DIRS);
        nf = read_v5_entries(&r, offsize, line_str, str, fnames, fdirs, MAX_CU_FILES);
        first_file = 0;
    } else {
        dirs[ndirs++] = ""; /* directory 0: the unit's own */
        for (;;) {
            const char *d = rd_str(&r);
            if (r.bad || !*d)
                break;
            if (ndirs < MAX_CU_DIRS)
                dirs[ndirs++] = d;
        }
        for (;;) {
            const char *f = rd_str(&r);
            if (r.bad || !*f)
                break;
            uint64_t d = rd_uleb(&r);
            rd_uleb(&r);
            rd_uleb(&r);
            if (nf < MAX_CU_FILES) {
                fnames[nf] = f;
                fdirs[nf++] = d;
            }
        }
        first_file = 1;
    }
    if (r.bad)
        return;
    for (size_t i = 0; i < nf; i++) {
        const char *dir = fdirs[i] < ndirs ? dirs[fdirs[i]] : "";
        /* v5 directory entries after 0 are often relative to entry 0 */
        if (version >= 5 && fdirs[i] && dir[0] != '/' && ndirs)
            dir = join_path(dirs[0], dir);
        fids[i] = add_file(join_path(dir, fnames[i]), filecap);
    }
    r.p = prog;
    uintptr_t addr = 0;
    uint64_t file = first_file, line = 1;
    bool stmt = default_stmt;
    (void)stmt;
#define FILE_ID() (file - first_file < nf ? fids[file - first_file] : UINT32_MAX - 1)
    while (r.p < r.end && !r.bad) {
        uint8_t op = *r.p++;
        if (op >= opcode_base) {
            unsigned adj = op - opcode_base;
            addr += (adj / line_range) * min_inst;
            line += (int64_t)line_base + (int64_t)(adj % line_range);
            add_row(rowcap, addr, FILE_ID(), (uint32_t)line);
            continue;
        }
        switch (op) {
        case 0: {
            uint64_t n = rd_uleb(&r);
            if (!n || n > (uint64_t)(r.end - r.p)) {
                r.bad = true;
                break;
            }
            const uint8_t *next = r.p + n;
            uint8_t sub = *r.p++;
            if (sub == 1) { /* end_sequence */
                add_row(rowcap, addr, UINT32_MAX, 0);
                addr = 0;
                file = first_file;
                line = 1;
                stmt = default_stmt;
            } else if (sub == 2 && n == 9) {
                addr = (uintptr_t)rd_fixed(&r, 8);
            }
            r.p = next;
            break;
        }
        case 1: add_row(rowcap, addr, FILE_ID(), (uint32_t)line); break;
        case 2: addr += rd_uleb(&r) * min_inst; break;
        case 3: line += rd_sleb(&r); break;
        case 4: file = rd_uleb(&r); break;
        case 6: stmt = !stmt; break;
        case 8: addr += ((255 - opcode_base) / line_range) * min_inst; break;
        case 9: addr += rd_fixed(&r, 2); break;
        default:
            for (unsigned i = 0; i < oplen[op]; i++)
                rd_uleb(&r);
            break;
        }
    }
#undef FILE_ID
}

static int row_cmp(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* an end of sequence sorts before a row starting at the same address */
    return (x->file != UINT32_MAX) - (y->file != UINT32_MAX);
}

/* The rows come as sequences (one per run of contiguous code, each ending
 * in an end-of-sequence row), each ascending, and sequences do not overlap
 * in address, but the units' order is not the addresses'.  So the rows
 * stay where they are and an index of the sequences, sorted by address,
 * finds a pc's sequence, then the row in it.  Sorting the rows themselves
 * (qsort's merge sort, page faults for its buffer) cost a few ms on the
 * library's ~18,000 rows, paid at the start of every trace; it is still
 * done if two sequences overlap (the linker's discarded code at 0). */
typedef struct { size_t at, n; } seq;
static seq *seqs;
static size_t nseqs;

static int seq_cmp(const void *a, const void *b)
{
    return row_cmp(&rows[((const seq *)a)->at], &rows[((const seq *)b)->at]);
}

/* A new sequence starts after an end-of-sequence row or where the
 * addresses go back. */
static bool seq_starts(size_t i)
{
    return i == 0 || rows[i - 1].file == UINT32_MAX || row_cmp(&rows[i - 1], &rows[i]) > 0;
}

static bool index_seqs(void)
{
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++)
        n += seq_starts(i);
    seq *s = arena_alloc(n * sizeof *s);
    if (!s)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (seq_starts(i))
            s[k++] = (seq){i, 0};
        s[k - 1].n++;
    }
    qsort(s, n, sizeof *s, seq_cmp);
    for (size_t j = 1; j < n; j++) /* a sequence ends before the next starts */
        if (rows[s[j - 1].at + s[j - 1].n - 1].addr > rows[s[j].at].addr)
            return false;
    seqs = s;
    nseqs = n;
    return true;
}

static void sort_rows(void)
{
    if (!nrows || index_seqs())
        return;
    qsort(rows, nrows, sizeof *rows, row_cmp);
    static seq all;
    all = (seq){0, nrows};
    seqs = &all;
    nseqs = 1;
}

/* The last of the n rows from `from` whose address is at most a, or NULL. */
static const row *last_at_most(const row *from, size_t n, uintptr_t a)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (from[mid].addr <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &from[lo - 1] : NULL;
}

static int base_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    load_base = info->dlpi_addr;
    return 1;
}

static void build(void)
{
    dl_iterate_phdr(base_cb, NULL);
    size_t fsize;
    const uint8_t *f = go_exe_image(&fsize);
    if (!f)
        return;
    const ElfW(Ehdr) *eh = (const void *)f;
    const ElfW(Shdr) *sh = (const void *)(f + eh->e_shoff);
    const char *shstr = (const char *)f + sh[eh->e_shstrndx].sh_offset;
    sect line = {0}, line_str = {0}, str = {0};
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type == SHT_NOBITS || (sh[i].sh_flags & SHF_COMPRESSED) ||
            sh[i].sh_offset + sh[i].sh_size > fsize)
            continue;
        const char *name = shstr + sh[i].sh_name;
        sect s = {f + sh[i].sh_offset, sh[i].sh_size};
        if (strcmp(name, ".debug_line") == 0)
            line = s;
        else if (strcmp(name, ".debug_line_str") == 0)
            line_str = s;
        else if (strcmp(name, ".debug_str") == 0)
            str = s;
    }
    if (!line.data)
        return;
    size_t rowcap = 0, filecap = 0;
    rd u = {line.data, line.data + line.size, false};
    while (u.p < u.end && !u.bad)
        read_unit(&u, &line_str, &str, &rowcap, &filecap);
    /* Sequences the linker dropped (discarded sections) start at 0. */
    sort_rows();
}

bool go_pprof_line(uintptr_t pc, const char **file, int *line)
{
    if (!atomic_load_explicit(&lines_state, memory_order_acquire)) {
        golock_lock(&lines_lock);
        if (!atomic_load(&lines_state)) {
            build();
            atomic_store_explicit(&lines_state, 1, memory_order_release);
        }
        golock_unlock(&lines_lock);
    }
    uintptr_t a = pc - load_base;
    size_t lo = 0, hi = nseqs; /* the last sequence starting at or before a */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rows[seqs[mid].at].addr <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    const row *r = lo ? last_at_most(rows + seqs[lo - 1].at, seqs[lo - 1].n, a) : NULL;
    if (!r || r->file >= nfiles || r->addr == 0)
        return false;
    *file = files[r->file];
    *line = (int)r->line;
    return true;
}
