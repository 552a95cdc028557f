/* thread_tid.h - the calling thread's kernel thread id without a system
 * call each time: pthread_rwlock_unlock compares it with the writer glibc
 * records, on every unlock of a rwlock.
 *
 * Cached per thread at its first use; fork's child handler (fork.c)
 * forgets the forking thread's cached id, since the child's thread has a
 * new one.
 */
#ifndef GOSAN_THREAD_TID_H
#define GOSAN_THREAD_TID_H

int gs_thread_tid(void);
/* fork.c, in the child. */
void gs_thread_tid_fork_child(void);

#endif
