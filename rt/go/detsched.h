/* detsched.h - the deterministic mode's interface to the scheduler and the
 * primitives (detsched.c), and to record/replay (record.c, replay.c).
 *
 * go_det_mode is 0 in a normal run and never changes after start-up, so
 * every check of it is one load and a branch that is always predicted; the
 * checks sit on slow paths (run queues, waking workers, timers) and at the
 * entry of the public synchronisation calls (go_det_point).
 */
#ifndef GOSAN_GO_DETSCHED_H
#define GOSAN_GO_DETSCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct go_g go_g;
typedef struct go_m go_m;
typedef struct go_fd go_fd;

enum go_det_kind { GO_DET_OFF = 0, GO_DET_RANDOM, GO_DET_PCT };
extern int go_det_mode;  /* enum go_det_kind, set once before any goroutine runs */
extern int go_rec_mode;  /* 0, or record.c's GO_REC_RECORD / GO_REC_REPLAY */

#define GO_DET_ON() __builtin_expect(go_det_mode != GO_DET_OFF, 0)
#define GO_REC_ON() __builtin_expect(go_rec_mode != 0, 0)

/* From go_sched_init_slow on the main thread, before maxprocs is read:
 * reads GOSAN_SCHED, GOSAN_RECORD and GOSAN_REPLAY. */
void go_det_init(void);
/* The worker count the mode allows (1), or n when it is off. */
int go_det_maxprocs(int n);
/* The main thread's worker is the only one that runs goroutines. */
void go_det_set_worker(go_m *m);

/* Run queue: every runnable goroutine, in the order it became runnable. */
void go_det_put(go_g *g);
/* The next goroutine to run, chosen by the seeded strategy; runs due
 * (virtual) timers, advances the virtual clock when everything waits, and
 * reports a deadlock when nothing can ever run.  Never NULL. */
go_g *go_det_find_runnable(go_m *m);
/* A waker's go_wakep: the one worker may be waiting for a foreign thread. */
void go_det_kick(void);

/* A scheduling point of the running goroutine, where it may be preempted.
 * Only where it holds no library lock. */
void go_det_point_slow(void);
static inline void go_det_point(void)
{
    if (GO_DET_ON())
        go_det_point_slow();
}

/* The virtual clock (ns). */
int64_t go_det_now(void);
int64_t go_det_now_quiet(void); /* not an event of a recording (dumps' "waiting since") */

/* netpoll.c: waiting for a descriptor without the poller (f->lock held,
 * on return too): 0 to try the call again, or the wait's error. */
int go_det_fd_wait(go_fd *f, int mode, void *pc);

/* fastrand.c: the process seed, which a replay takes from its log. */
void go_rand_seed_set(uint64_t seed);
uint64_t go_rand_seed_get(void);
int go_det_pct_depth(void);
uint64_t go_det_pct_steps(void);

/* adopt.c: a thread gosan did not create called into the library. */
void go_det_foreign_thread(pid_t tid);

#endif /* GOSAN_GO_DETSCHED_H */
