/* symtab.c - names for code addresses in the library's own tracebacks
 * (fatal errors, the all-asleep message, gosan_dump without the checker).
 *
 * dladdr only knows exported symbols, which leaves a plain executable's own
 * functions nameless; so for the main executable we read its ELF .symtab
 * from /proc/self/exe once, into mmap'd memory (tracebacks may run while
 * malloc's state is unknown).  Other modules fall back to dladdr.  Safe to
 * call from several threads: the table is built under a lock, then read-only.
 */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "g.h"

typedef struct sym {
    uintptr_t lo, hi;
    const char *name;
} sym;

static golock tab_lock;
static _Atomic int tab_state; /* 0 not built, 1 built (maybe empty) */
static sym *tab;
static size_t ntab;
static uintptr_t exe_base, exe_lo, exe_hi;
static char exe_path[256];

static int phdr_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    exe_base = info->dlpi_addr;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t lo = exe_base + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!exe_lo || lo < exe_lo)
            exe_lo = lo;
        if (hi > exe_hi)
            exe_hi = hi;
    }
    return 1; /* the first object is the executable */
}

static int sym_cmp(const void *a, const void *b)
{
    const sym *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The running executable's file mapped read-only, once it is known to be an
 * ELF image whose section headers (and their names) lie inside it; NULL
 * otherwise.  The mapping is never unmapped: the names and line tables read
 * from it are kept for the life of the process. */
const void *go_exe_image(size_t *size)
{
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(ElfW(Ehdr))) {
        close(fd);
        return NULL;
    }
    const char *f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return NULL;
    const ElfW(Ehdr) *eh = (const void *)f;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_shoff + (size_t)eh->e_shnum * sizeof(ElfW(Shdr)) > (size_t)st.st_size ||
        eh->e_shstrndx >= eh->e_shnum) {
        munmap((void *)f, (size_t)st.st_size);
        return NULL;
    }
    *size = (size_t)st.st_size;
    return f;
}

static void build_table(void)
{
    dl_iterate_phdr(phdr_cb, NULL);
    ssize_t n = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
    exe_path[n > 0 ? n : 0] = 0;
    size_t fsize;
    const char *f = go_exe_image(&fsize);
    if (!f)
        return;
    const ElfW(Ehdr) *eh = (const void *)f;
    const ElfW(Shdr) *sh = (const void *)(f + eh->e_shoff);
    const ElfW(Shdr) *symsh = NULL;
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB)
            symsh = &sh[i];
    if (!symsh)
        for (int i = 0; i < eh->e_shnum; i++)
            if (sh[i].sh_type == SHT_DYNSYM)
                symsh = &sh[i];
    if (!symsh || symsh->sh_link >= eh->e_shnum || symsh->sh_offset + symsh->sh_size > fsize ||
        sh[symsh->sh_link].sh_offset + sh[symsh->sh_link].sh_size > fsize)
        return;
    const ElfW(Sym) *syms = (const void *)(f + symsh->sh_offset);
    size_t nsyms = symsh->sh_size / sizeof(ElfW(Sym));
    const char *strs = f + sh[symsh->sh_link].sh_offset;
    size_t nfunc = 0;
    for (size_t i = 0; i < nsyms; i++)
        if (ELF64_ST_TYPE(syms[i].st_info) == STT_FUNC && syms[i].st_value)
            nfunc++;
    if (!nfunc)
        return;
    sym *t = mmap(NULL, nfunc * sizeof *t, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (t == MAP_FAILED)
        return;
    size_t k = 0;
    for (size_t i = 0; i < nsyms; i++) {
        if (ELF64_ST_TYPE(syms[i].st_info) != STT_FUNC || !syms[i].st_value)
            continue;
        uintptr_t lo = exe_base + syms[i].st_value;
        t[k++] = (sym){lo, lo + (syms[i].st_size ? syms[i].st_size : 1), strs + syms[i].st_name};
    }
    qsort(t, k, sizeof *t, sym_cmp);
    tab = t;
    ntab = k;
}

static const sym *lookup(uintptr_t pc)
{
    if (!atomic_load_explicit(&tab_state, memory_order_acquire)) {
        golock_lock(&tab_lock);
        if (!atomic_load(&tab_state)) {
            build_table();
            atomic_store_explicit(&tab_state, 1, memory_order_release);
        }
        golock_unlock(&tab_lock);
    }
    size_t lo = 0, hi = ntab;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tab[mid].lo <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const sym *s = &tab[lo - 1];
    return pc < s->hi ? s : NULL;
}

/* Writes "NAME+0xOFF\n\tMODULE+0xOFF\n" (or as much as is known) for pc. */
size_t go_symbolize(void *pcv, char *buf, size_t size)
{
    uintptr_t pc = (uintptr_t)pcv;
    const sym *s = lookup(pc);
    if (s)
        return (size_t)snprintf(buf, size, "%s+0x%lx\n\t%s+0x%lx", s->name, (unsigned long)(pc - s->lo),
                                exe_path, (unsigned long)(pc - exe_base));
    Dl_info di;
    if (dladdr(pcv, &di) && di.dli_fname) {
        if (di.dli_sname)
            return (size_t)snprintf(buf, size, "%s+0x%lx\n\t%s+0x%lx", di.dli_sname,
                                    (unsigned long)(pc - (uintptr_t)di.dli_saddr), di.dli_fname,
                                    (unsigned long)(pc - (uintptr_t)di.dli_fbase));
        return (size_t)snprintf(buf, size, "?\n\t%s+0x%lx", di.dli_fname,
                                (unsigned long)(pc - (uintptr_t)di.dli_fbase));
    }
    return (size_t)snprintf(buf, size, "?\n\t0x%lx", (unsigned long)pc);
}

/* Builds the executable's table now, so that a lookup made while the
 * world is stopped (go_symbol_name_stopped) finds it built: a thread
 * stopped while building it would hold tab_lock. */
void go_symtab_ready(void)
{
    (void)lookup(0);
}

/* The function name from the executable's own table only, or NULL; never
 * takes a lock.  For code that runs while the world is stopped (world.c):
 * dladdr takes the dynamic loader's lock, which a stopped thread may hold
 * (a traced thread naming a frame, trace_stack.c), and the stopper would
 * wait for it forever. */
const char *go_symbol_name_stopped(void *pc)
{
    if (!atomic_load_explicit(&tab_state, memory_order_acquire))
        return NULL;
    const sym *s = lookup((uintptr_t)pc);
    return s ? s->name : NULL;
}

/* The function name only, or NULL. */
const char *go_symbol_name(void *pc)
{
    const sym *s = lookup((uintptr_t)pc);
    if (s)
        return s->name;
    Dl_info di;
    return dladdr(pc, &di) ? di.dli_sname : NULL;
}

/* The address the function containing pc starts at, or 0 if unknown. */
uintptr_t go_symbol_start(void *pc)
{
    const sym *s = lookup((uintptr_t)pc);
    if (s)
        return s->lo;
    Dl_info di;
    return dladdr(pc, &di) && di.dli_sname ? (uintptr_t)di.dli_saddr : 0;
}
