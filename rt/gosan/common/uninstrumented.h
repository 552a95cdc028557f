/* uninstrumented.h - the start-up warning about user objects that were
 * linked into a checked program without being instrumented. */
#ifndef GOSAN_UNINSTRUMENTED_H
#define GOSAN_UNINSTRUMENTED_H

/* Prints one warning line per object named in gosan_uninstrumented_objects
 * (defined by gosan-cc's link step when there are any); once per process. */
void gs_warn_uninstrumented(void);

#endif
