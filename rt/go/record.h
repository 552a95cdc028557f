/* record.h - record/replay of a deterministic run (GOSAN_RECORD=PATH,
 * GOSAN_REPLAY=PATH): the log's events, written by record.c and checked
 * and fed back by replay.c.
 *
 * A log is text: a header (format, seed, strategy), then one event a line,
 * "CHECK" or "CHECK = INPUT".  CHECK says what the program did (which
 * goroutine the scheduler ran, a clock reading, a select's random number,
 * a descriptor call and its size); a replay compares it with what the
 * program does at the same event and stops with exit status 3 on the
 * first difference.  INPUT is what the run received from outside (a read's
 * bytes, a call's result, whether a descriptor was ready); a replay
 * returns it instead of asking the system.  Events are made only on the
 * deterministic worker, one goroutine at a time, so their order is the
 * run's.
 */
#ifndef GOSAN_GO_RECORD_H
#define GOSAN_GO_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { GO_REC_RECORD = 1, GO_REC_REPLAY = 2 };

/* What the deterministic mode runs with.  go_rec_init fills it from a
 * replay's log, or turns the mode on for a recording. */
struct go_rec_setup {
    int mode;   /* enum go_det_kind */
    int depth;  /* pct */
    uint64_t steps;
};
void go_rec_init(struct go_rec_setup *rs);
void go_rec_start(void); /* writes a recording's header */
void go_rec_flush(void); /* before the process may end without exit() */

/* record.c: the log's writer, and a checked event's text. */
void go_rec_write_event(const char *check, const char *input, size_t ninput);
/* replay.c: matches the next event of the log against check (exits on a
 * divergence) and returns its input (NUL-terminated, valid until the
 * next event), "" if it has none. */
const char *go_rec_replay_event(const char *check);
/* Either of the above, after formatting check; returns the replay's input
 * or NULL when recording. */
const char *go_rec_event(const char *check, const char *input);

void go_rec_pick(uint64_t goid);
void go_rec_now(int64_t t);
void go_rec_clock(int64_t t);
void go_rec_rand(uint32_t v);
bool go_rec_fd_ready(int mode, bool ready);

/* netfd.c's system calls under record/replay: recorded as made, or on
 * replay answered from the log without touching the descriptor.  They set
 * errno and return as the system call does. */
ssize_t go_rec_read(int fd, void *buf, size_t n);
ssize_t go_rec_write(int fd, const void *buf, size_t n);
int go_rec_accept(int fd);
int go_rec_connect(int fd, const void *sa, unsigned len);

/* replay.c */
bool go_replay_open(const char *path, struct go_rec_setup *rs, uint64_t *seed);

#endif /* GOSAN_GO_RECORD_H */
