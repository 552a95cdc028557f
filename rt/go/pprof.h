/* pprof.h - the library's profiles (include/gosan/pprof.h), shared by its
 * files:
 *   pprof_lines.c      file:line from the executable's DWARF line table
 *   pprof_frames.c     a code address to function, file, line, module
 *   pprof_proto.c      stacks aggregated and encoded as gzipped profile.proto
 *   pprof_goroutine.c  the goroutine snapshot; gosan_pprof_write
 *   pprof_text.c       the debug=1 and debug=2 text forms
 *   pprof_cpu.c        CPU sampling by per-thread timers
 *   pprof_contention.c mutex and block profiles (hooks in the primitives)
 *   pprof_sigquit.c    the production SIGQUIT dump
 *
 * Stacks everywhere are arrays of "pcs to symbolize": the interrupted pc
 * itself for the innermost frame of a CPU sample, a return address minus 1
 * for every caller, so a frame's line is the call's line.
 */
#ifndef GOSAN_GO_PPROF_H
#define GOSAN_GO_PPROF_H

#include <stdbool.h>
#include <stdint.h>

#include "g.h"

#define PP_MAX_FRAMES 64

/* pprof_lines.c: false when the executable has no line for pc. */
bool go_pprof_line(uintptr_t pc, const char **file, int *line);

/* pprof_frames.c */
typedef struct pp_frame {
    const char *function; /* never NULL: "?" when unknown */
    const char *file;     /* NULL when unknown */
    int line;
    const char *module;   /* NULL when unknown */
    uintptr_t module_offset, entry;
} pp_frame;
void go_pprof_frame(uintptr_t pc, pp_frame *f);
bool go_pprof_in_library(uintptr_t pc);
bool go_pprof_in_checker(uintptr_t pc); /* pprof_frames.c: the checker's code, when linked */
uintptr_t go_pprof_checker_ret(uintptr_t pc, const void *sp); /* pprof_frames.c */
/* The build id of the executable as hex ("" if none) and its path. */
const char *go_pprof_build_id(void);
const char *go_pprof_exe_path(void);

/* The frames of a goroutine as the profiles show them: from raw return
 * addresses (raw[0] exact if first_exact) into pcs to symbolize, the
 * library's internal frames dropped except the outermost one the program
 * called (keep_entry; the public call the goroutine is in), ending at the
 * goroutine's function (or main for goroutine 1). */
size_t go_pprof_user_frames(void *const *raw, size_t n, bool first_exact, bool keep_entry, bool is_main,
                            uintptr_t *out, size_t max);

/* pprof_proto.c: a profile being built (malloc'd). */
typedef struct pp_label {
    const char *key, *value;
} pp_label;
typedef struct pp_entry {
    struct pp_entry *next;   /* hash chain */
    uint64_t hash;
    int64_t vals[2];
    size_t npcs, nlabels;
    uintptr_t *pcs;
    pp_label *labels;        /* sorted by key */
} pp_entry;
typedef struct pp_profile pp_profile;
pp_profile *go_pp_new(int nvals, const char *const types[][2], const char *const period_type[2], int64_t period);
/* Adds vals to the sample of this stack and label set.  False on ENOMEM. */
bool go_pp_add(pp_profile *p, const uintptr_t *pcs, size_t n, const pp_label *labels, size_t nlabels,
               const int64_t *vals);
/* The aggregated samples, sorted by their first value, largest first. */
pp_entry **go_pp_entries(pp_profile *p, size_t *n);
/* Encodes, gzips and writes; 0 or a GO_E* code. */
int go_pp_write_proto(pp_profile *p, int fd, int64_t start_ns, int64_t duration_ns);
void go_pp_free(pp_profile *p);
int64_t go_pp_wall_ns(void); /* the profile's time: the real-time clock */

/* pprof_text.c */
typedef struct pp_out {
    int fd;
    bool failed;
    size_t len;
    char buf[4096];
} pp_out;
void go_pp_printf(pp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool go_pp_flush(pp_out *o);
/* "#\t0xPC\tNAME+0xOFF\tFILE:LINE" lines of Go's debug=1 text. */
void go_pp_text_stack(pp_out *o, const uintptr_t *pcs, size_t n);
void go_pp_text_labels(pp_out *o, const char *prefix, const pp_label *l, size_t n, const char *suffix);

/* pprof_goroutine.c: one goroutine as the profiles see it. */
typedef struct pp_gsnap {
    uint64_t id, parent_id;
    int status;
    go_wait_reason reason;
    int64_t since;
    uintptr_t create_pc;
    bool self, stack_known, is_main;
    size_t npcs, nlabels;
    uintptr_t pcs[PP_MAX_FRAMES];
    pp_label labels[8];
    char label_text[512];   /* the label strings, copied */
} pp_gsnap;
/* Fills s from g, copying its labels.  fp: where to start walking a
 * running goroutine (its frame pointer; pre[0..npre) its interrupted pc
 * and any return addresses found above it; lo its stack pointer), or NULL
 * for a parked one's saved registers. */
void go_pprof_snap_g(go_g *g, pp_gsnap *s, bool self, void *fp, void *const *pre, size_t npre, const void *lo);
/* One goroutine in Go's traceback format (debug=2 and the SIGQUIT dump). */
void go_pp_traceback(pp_out *o, const pp_gsnap *s, int64_t now);

/* pprof_contention.c: called by the primitives. */
extern _Atomic int go_pprof_mutex_rate;   /* 0: off */
extern _Atomic int64_t go_pprof_block_rate; /* 0: off */
/* A contended unlock: the waiters waited since `since` (go_now()). */
void go_pprof_mutex_event(int64_t since);
/* A goroutine was blocked from `since` to now. */
void go_pprof_block_event(int64_t since);
int go_pprof_write_contention(bool mutex, int fd, int debug);

/* pprof_cpu.c */
int go_pprof_cpu_thread_start(go_m *m);  /* a worker thread starts */
void go_pprof_cpu_thread_exit(go_m *m);  /* an adopted thread retires: its timer goes (adopt.c) */

#endif /* GOSAN_GO_PPROF_H */
