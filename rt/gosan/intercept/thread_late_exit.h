/* thread_late_exit.h - a thread's life released again after glibc's TSD
 * destructors (pthread_key_create's, C11 tss_create's), which run once the
 * thread's exit edge (thread_hb.h) has been released: what a destructor
 * writes is then ordered before a join of the thread too.
 */
#ifndef GOSAN_THREAD_LATE_EXIT_H
#define GOSAN_THREAD_LATE_EXIT_H

/* Arms the late release for the running thread, a program thread at its
 * start (posix_threads.c's trampoline), once; makes the thread's state now,
 * so its birth is acquired before its exit edge even if it touches checked
 * memory only in a destructor. */
void gs_thread_late_exit_arm(void);

#endif
