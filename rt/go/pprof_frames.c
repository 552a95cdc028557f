/* pprof_frames.c - what a profile says about a code address: the function
 * (the executable's symbol table, symtab.c, else the dynamic symbols), the
 * file and line (pprof_lines.c, the executable only), the module and the
 * offset in it; the executable's path and build id for the profile's
 * mapping; and which frames of a goroutine's stack are the program's.
 */
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pprof.h"

extern const char __start_gosan_go_text[] __attribute__((weak));
extern const char __stop_gosan_go_text[] __attribute__((weak));

static pthread_once_t exe_once = PTHREAD_ONCE_INIT;
static char exe_path[512];
static char build_id[2 * 64 + 1];

static int exe_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *nh = (const void *)p;
            const char *name = p + sizeof *nh;
            const unsigned char *desc = (const unsigned char *)name + ((nh->n_namesz + 3) & ~3u);
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                for (unsigned k = 0; k < nh->n_descsz && k < 64; k++)
                    snprintf(build_id + 2 * k, 3, "%02x", desc[k]);
                return 1;
            }
            p = (const char *)desc + ((nh->n_descsz + 3) & ~3u);
        }
    }
    return 1; /* the first object is the executable */
}

static void exe_init(void)
{
    ssize_t n = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
    exe_path[n > 0 ? n : 0] = 0;
    dl_iterate_phdr(exe_cb, NULL);
}

const char *go_pprof_build_id(void)
{
    pthread_once(&exe_once, exe_init);
    return build_id;
}

const char *go_pprof_exe_path(void)
{
    pthread_once(&exe_once, exe_init);
    return exe_path;
}

/* The checker's code (its sealed archive's text section), when it is
 * linked: a goroutine caught inside an access check shows the program's
 * function that made the access, not the check's entry. */
extern const char __start_gosan_rt_text[] __attribute__((weak));
extern const char __stop_gosan_rt_text[] __attribute__((weak));

bool go_pprof_in_checker(uintptr_t pc)
{
    return (const char *)pc >= __start_gosan_rt_text && (const char *)pc < __stop_gosan_rt_text;
}

/* A pc in the checker at a point where rbp is still (or again) its
 * caller's frame pointer: its first instruction (endbr64 or push %rbp), the
 * mov that sets rbp, or its ret.  The frame-pointer chain then skips the
 * check's caller, the program's function that made the access; its return
 * address is on the stack at sp.  0 otherwise. */
uintptr_t go_pprof_checker_ret(uintptr_t pc, const void *sp)
{
    if (!sp || !go_pprof_in_checker(pc))
        return 0;
    const uint8_t *ip = (const uint8_t *)pc;
    const uintptr_t *s = sp;
    if (ip[0] == 0x55 || ip[0] == 0xc3 || (ip[0] == 0xf3 && ip[1] == 0x0f && ip[2] == 0x1e && ip[3] == 0xfa))
        return s[0];
    if (ip[0] == 0x48 && ip[1] == 0x89 && ip[2] == 0xe5)
        return s[1];
    return 0;
}

bool go_pprof_in_library(uintptr_t pc)
{
    return (const char *)pc >= __start_gosan_go_text && (const char *)pc < __stop_gosan_go_text;
}

void go_pprof_frame(uintptr_t pc, pp_frame *f)
{
    memset(f, 0, sizeof *f);
    const char *name = go_symbol_name((void *)pc);
    f->function = name ? name : "?";
    f->entry = go_symbol_start((void *)pc);
    if (!go_pprof_line(pc, &f->file, &f->line))
        f->file = NULL;
    Dl_info di;
    if (dladdr((void *)pc, &di) && di.dli_fname) {
        f->module = di.dli_fname;
        f->module_offset = pc - (uintptr_t)di.dli_fbase;
        /* the executable's name in dladdr is "" or argv[0]: use its path */
        if (!*f->module || !strchr(f->module, '/'))
            f->module = go_pprof_exe_path();
    }
}

/* main is the executable's, so its own table answers, without dladdr's
 * lock: this runs while the world is stopped (pprof_goroutine.c). */
static bool frame_is_main(uintptr_t pc)
{
    const char *name = go_symbol_name_stopped((void *)pc);
    return name && strcmp(name, "main") == 0;
}

size_t go_pprof_user_frames(void *const *raw, size_t n, bool first_exact, bool keep_entry, bool is_main,
                            uintptr_t *out, size_t max)
{
    size_t k = 0;
    uintptr_t last_lib = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        uintptr_t pc = (uintptr_t)raw[i] - (i == 0 && first_exact ? 0 : 1);
        if (go_is_entry_pc((const void *)pc))
            break;
        if (go_pprof_in_checker(pc))
            continue;
        if (go_pprof_in_library(pc)) {
            last_lib = pc;
            continue;
        }
        if (last_lib && keep_entry && k < max)
            out[k++] = last_lib;
        last_lib = 0;
        if (k < max)
            out[k++] = pc;
        if (is_main && frame_is_main(pc))
            break;
    }
    if (last_lib && keep_entry && k < max)
        out[k++] = last_lib;
    return k;
}
