/* symbolize.h - program counters and data addresses to names.
 *
 * Uses an llvm-symbolizer subprocess (chosen at start-up:
 * $GOSAN_SYMBOLIZER_PATH, else the build's llvm-symbolizer, else
 * llvm-symbolizer-14/-19/llvm-symbolizer in PATH; started when the first
 * symbol is needed), falling back to the symbol table and dladdr.
 * Results are cached per pc and live forever (internal allocator), so the
 * strings in a gs_frame never need freeing.  Thread-safe (one lock).
 */
#ifndef GOSAN_SYMBOLIZE_H
#define GOSAN_SYMBOLIZE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gs_frame {
    uintptr_t pc;            /* the pc that was symbolized */
    const char *function;    /* never NULL ("??" when unknown) */
    const char *file;        /* NULL when unknown; strip_path_prefix applied */
    int line, column;        /* 0 when unknown */
    const char *module;      /* binary or shared object path, or NULL */
    uintptr_t module_offset;
} gs_frame;

/* The innermost frame for pc (as is: an access pc; for a return address
 * pass pc - 1).  Returns the number of inlined frames available (>= 1). */
size_t gs_symbolize(uintptr_t pc, gs_frame *f);
/* All frames for pc, innermost (inlined callee) first, at most max.
 * Returns the count written (>= 1 when max >= 1). */
size_t gs_symbolize_inlined(uintptr_t pc, gs_frame *out, size_t max);

typedef struct gs_data_sym {
    const char *name;   /* NULL when unknown */
    uintptr_t start;
    size_t size;
    const char *file;   /* declaration file if known, else NULL */
    int line;
} gs_data_sym;
/* A global variable containing addr (llvm-symbolizer DATA, else dladdr).
 * Returns 1 if found. */
int gs_symbolize_data(uintptr_t addr, gs_data_sym *out);

/* Kills the symbolizer process (a hung one would outlive us); called by
 * every way out of the process.  Async-signal-safe, lock-free. */
void gs_symbolize_exit(void);

/* Start-up (init.c), with symbolize=1: chooses the symbolizer (its path
 * made absolute).  It is started when the first symbol is needed; with
 * symbolizer_at_start=1 now, and has it load the executable's and libc's
 * debug info while the program runs. */
void gs_symbolize_init(void);

/* fork.c's pthread_atfork handlers: phase 0 prepare (takes the lock), 1
 * parent, 2 child (the symbolizer process is the parent's: the child
 * starts its own when it first needs one). */
void gs_symbolize_fork(int phase);

/* Applies strip_path_prefix. */
const char *gs_strip_path(const char *path);

#endif
