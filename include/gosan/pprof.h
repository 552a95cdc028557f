/* gosan/pprof.h - profiles of a gosan program in the profile.proto format
 * that `go tool pprof` reads (docs/observability.md).
 *
 * Part of the library (libgosan_go): works in production (--plain) builds
 * with no checker.  The profiles are Go's: goroutine (every goroutine,
 * grouped by stack and labels), CPU (sampled by per-thread timers), mutex
 * (contention, sampled at an unlock with waiters) and block (time parked on
 * channels, select, mutexes, wait groups and condition variables).
 *
 * Environment: GOSAN_CPUPROFILE=PATH profiles the CPU for the whole run;
 * GOSAN_MUTEXPROFILE=PATH and GOSAN_BLOCKPROFILE=PATH turn the sampling on
 * at start-up (every event) and write the profile at exit.
 */
#ifndef GOSAN_PPROF_H
#define GOSAN_PPROF_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/* Writes the named profile ("goroutine", "mutex" or "block") to fd (the
 * library does not close it).  debug 0: gzipped profile.proto; 1: text,
 * stacks grouped with counts (Go's debug=1); 2 (goroutine only): every
 * goroutine in Go's traceback format, as the SIGQUIT dump.  Returns 0,
 * GO_EINVAL (unknown profile or debug level, fd < 0), GO_ENOMEM, or
 * GO_ECLOSED if the write failed. */
int gosan_pprof_write(const char *profile, int fd, int debug);

/* Starts sampling the CPU at hz samples per second of CPU time per thread
 * (0: 100) into fd, written as profile.proto at gosan_cpuprofile_stop.
 * Returns 0, or GO_EINVAL if a CPU profile is already running, fd < 0 or
 * hz < 0 or hz > 10000. */
int gosan_cpuprofile_start(int fd, int hz);
/* Stops the CPU profile and writes it.  0, GO_EINVAL if none runs, or
 * GO_ECLOSED if the write failed. */
int gosan_cpuprofile_stop(void);

/* Go's runtime.SetMutexProfileFraction: on average 1 in rate contended
 * unlocks is recorded; 0 turns mutex profiling off, a negative rate leaves
 * it unchanged. */
void gosan_set_mutex_profile_fraction(int rate);
/* Go's runtime.SetBlockProfileRate: on average one blocking event per ns
 * nanoseconds spent blocked is recorded (1: every event); <= 0 turns block
 * profiling off. */
void gosan_set_block_profile_rate(int64_t ns);

#pragma GCC visibility pop

#ifdef __cplusplus
}
#endif
#endif /* GOSAN_PPROF_H */
