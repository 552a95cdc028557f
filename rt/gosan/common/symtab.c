/* symtab.c - function names from ELF symbol tables (see symtab.h).
 *
 * A module's file is mapped read-only once; its function symbols are
 * copied into an array sorted by address (heapsort: glibc's qsort may
 * call malloc) whose names point into the mapping.  Invariant: a module's
 * table, once published under st_lock, never changes.
 */
#include "symtab.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "str.h"
#include "heapsort.h"
#include "spinlock.h"

#define ST_MODULES 128

typedef struct st_sym {
    uintptr_t lo, hi;
    const char *name;
} st_sym;

typedef struct st_module {
    uintptr_t base, lo, hi; /* load bias; the PT_LOAD range */
    st_sym *syms;
    size_t n;
} st_module;

static gs_splock st_lock = GS_SPLOCK_INIT;
static st_module st_modules[ST_MODULES];
static size_t st_nmodules;
static uintptr_t st_libc_lo, st_libc_hi;

typedef struct st_query {
    uintptr_t pc;
    gs_module *m;
    bool found;
} st_query;

static int st_module_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    st_query *q = arg;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    bool in = false;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr, b = a + ph->p_memsz;
        lo = a < lo ? a : lo;
        hi = b > hi ? b : hi;
        in |= q->pc >= a && q->pc < b;
    }
    if (!in)
        return 0;
    *q->m = (gs_module){info->dlpi_name, info->dlpi_addr, lo, hi};
    q->found = true;
    return 1;
}

static char st_exe[4096];
static int st_exe_ready;

/* The executable's path, resolved once (under st_lock the first time). */
static const char *st_exe_path(void)
{
    if (!__atomic_load_n(&st_exe_ready, __ATOMIC_ACQUIRE)) {
        gs_splock_lock(&st_lock);
        if (!st_exe_ready) {
            long r = syscall(SYS_readlink, "/proc/self/exe", st_exe, sizeof st_exe - 1);
            st_exe[r > 0 ? r : 0] = 0;
            __atomic_store_n(&st_exe_ready, 1, __ATOMIC_RELEASE);
        }
        gs_splock_unlock(&st_lock);
    }
    return st_exe;
}

bool gs_module_of(uintptr_t pc, gs_module *m)
{
    st_query q = {pc, m, false};
    dl_iterate_phdr(st_module_cb, &q);
    if (q.found && (!m->path || !*m->path))
        m->path = st_exe_path();
    return q.found;
}

static bool st_before(const void *a, const void *b, const void *ctx)
{
    (void)ctx;
    return ((const st_sym *)a)->lo < ((const st_sym *)b)->lo;
}

static const ElfW(Shdr) *st_find_table(const char *f, size_t size, const ElfW(Ehdr) *eh)
{
    if (size < sizeof *eh || gs_strncmp((const char *)eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_shentsize != sizeof(ElfW(Shdr)) || eh->e_shoff > size ||
        (size - eh->e_shoff) / sizeof(ElfW(Shdr)) < eh->e_shnum)
        return NULL;
    const ElfW(Shdr) *sh = (const void *)(f + eh->e_shoff);
    const ElfW(Shdr) *best = NULL;
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB || (sh[i].sh_type == SHT_DYNSYM && !best))
            best = &sh[i];
    if (!best || best->sh_link >= eh->e_shnum || best->sh_offset > size ||
        best->sh_size > size - best->sh_offset || sh[best->sh_link].sh_offset > size)
        return NULL;
    return best;
}

/* Reads path's function symbols into m (none on any failure). */
static void st_load(st_module *m, const char *path)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return;
    }
    size_t size = (size_t)st.st_size;
    const char *f = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return;
    const ElfW(Ehdr) *eh = (const void *)f;
    const ElfW(Shdr) *tab = st_find_table(f, size, eh);
    if (!tab) {
        munmap((void *)f, size);
        return;
    }
    const ElfW(Shdr) *strsh = (const ElfW(Shdr) *)(f + eh->e_shoff) + tab->sh_link;
    const ElfW(Sym) *syms = (const void *)(f + tab->sh_offset);
    size_t nsyms = tab->sh_size / sizeof(ElfW(Sym)), n = 0;
    size_t strsize = strsh->sh_size < size - strsh->sh_offset ? strsh->sh_size : size - strsh->sh_offset;
    for (size_t i = 0; i < nsyms; i++) {
        int type = ELF64_ST_TYPE(syms[i].st_info);
        if ((type == STT_FUNC || type == STT_GNU_IFUNC) && syms[i].st_value && syms[i].st_shndx != SHN_UNDEF &&
            syms[i].st_name < strsize)
            n++;
    }
    if (n == 0)
        return;
    st_sym *out = mmap(NULL, n * sizeof *out, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (out == MAP_FAILED)
        return;
    size_t k = 0;
    for (size_t i = 0; i < nsyms && k < n; i++) {
        int type = ELF64_ST_TYPE(syms[i].st_info);
        if (!((type == STT_FUNC || type == STT_GNU_IFUNC) && syms[i].st_value && syms[i].st_shndx != SHN_UNDEF &&
              syms[i].st_name < strsize))
            continue;
        uintptr_t lo = m->base + syms[i].st_value;
        out[k++] = (st_sym){lo, lo + (syms[i].st_size ? syms[i].st_size : 1),
                            f + strsh->sh_offset + syms[i].st_name};
    }
    gs_heapsort(out, k, sizeof *out, st_before, NULL);
    m->syms = out;
    m->n = k;
}

/* The module containing pc, its table loaded; NULL if none. */
static st_module *st_module_for(uintptr_t pc)
{
    gs_module q;
    if (!gs_module_of(pc, &q))
        return NULL;
    gs_splock_lock(&st_lock);
    st_module *m = NULL;
    for (size_t i = 0; i < st_nmodules && !m; i++)
        if (st_modules[i].base == q.base && st_modules[i].lo == q.lo)
            m = &st_modules[i];
    if (!m && st_nmodules < ST_MODULES) {
        m = &st_modules[st_nmodules++];
        *m = (st_module){q.base, q.lo, q.hi, NULL, 0};
        st_load(m, q.path);
    }
    gs_splock_unlock(&st_lock);
    return m;
}

bool gs_symtab_lookup(uintptr_t pc, const char **name, uintptr_t *start)
{
    st_module *m = st_module_for(pc);
    if (!m || !m->n)
        return false;
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->syms[mid].lo <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* the innermost of nested or aliased symbols: the latest start */
    for (size_t i = lo; i-- > 0;) {
        if (pc < m->syms[i].hi) {
            *name = m->syms[i].name;
            *start = m->syms[i].lo;
            return true;
        }
        if (lo - i > 8)
            break;
    }
    return false;
}

extern void __libc_start_main(void); /* only its address is taken */

bool gs_symtab_in_libc(uintptr_t pc)
{
    uintptr_t lo = __atomic_load_n(&st_libc_lo, __ATOMIC_ACQUIRE);
    if (!lo) {
        gs_module q;
        if (!gs_module_of((uintptr_t)&__libc_start_main, &q))
            return false;
        __atomic_store_n(&st_libc_hi, q.hi, __ATOMIC_RELEASE);
        __atomic_store_n(&st_libc_lo, q.lo, __ATOMIC_RELEASE);
        lo = q.lo;
    }
    return pc >= lo && pc < __atomic_load_n(&st_libc_hi, __ATOMIC_ACQUIRE);
}
