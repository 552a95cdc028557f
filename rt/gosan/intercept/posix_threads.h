/* posix_threads.h - what other interceptors (c11_threads.c) share with the
 * pthread interceptors (posix_threads.c): thread creation with the edges,
 * birth record and exit handler of pthread_create, so a thread made
 * through another API is born, ends and is joined exactly as a pthread;
 * whether the running thread is detached, for an edge made after its exit
 * handler (nobody joins a detached thread, so it must release nothing).
 */
#ifndef GOSAN_POSIX_THREADS_H
#define GOSAN_POSIX_THREADS_H

#include <pthread.h>
#include <stdbool.h>

/* pthread_create as the interceptor does it, for a call made by the
 * program at return address pc (the child's creation site in reports).
 * Returns libc's pthread_create result. */
int gs_posix_thread_create(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg,
                           void *pc);

/* Whether the running thread is detached (nobody can join it). */
bool gs_posix_self_detached(void);

#endif
