/* pthread_intercept.h - libc's own pthread_create, for the runtime's
 * internal threads: the runtime never goes through its own interceptors
 * (pthread_intercept.c), so its threads add no edges and it never re-enters
 * the engine from inside it. */
#ifndef GOSAN_PTHREAD_INTERCEPT_H
#define GOSAN_PTHREAD_INTERCEPT_H

#include <pthread.h>

int gs_pthread_create_raw(pthread_t *th, const pthread_attr_t *attr, void *(*start)(void *), void *arg);

#endif
