/* runtime_thread.h - libc's own pthread_create, for the runtime's
 * internal threads: the runtime never goes through its own interceptors
 * (intercept/posix_threads.c), so its threads add no edges and it never
 * re-enters the engine from inside it. */
#ifndef GOSAN_RUNTIME_THREAD_H
#define GOSAN_RUNTIME_THREAD_H

#include <pthread.h>

int gs_pthread_create_raw(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg);

#endif
