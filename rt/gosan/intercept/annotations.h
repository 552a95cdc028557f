/* annotations.h - what the annotation interfaces of other tools share
 * (tsan_annotations.c: TSan's and the dynamic annotations; custom_mutex.c:
 * annotated custom locks).  Their happens-before edges go through
 * gs_pthread_sync (thread_hb.h), on the calling goroutine or thread.
 */
#ifndef GOSAN_ANNOTATIONS_H
#define GOSAN_ANNOTATIONS_H

/* +1: the calling goroutine's (or thread's) accesses stop being checked
 * (levels nest), -1: one level less, never below zero.  Safe before
 * start-up and in the library's scheduler: it then does nothing. */
void gs_ann_ignore(int delta);

#endif
