/* thread_annotations.h - clang's lock analysis (-Wthread-safety) for the
 * checker runtime's spin locks.
 *
 * A gs_splock is a capability; gs_splock_lock/unlock/try acquire and
 * release it, and fields or globals a lock guards say so with
 * GS_GUARDED_BY, so clang warns at compile time about an access without
 * the lock, a lock not released on some path or released twice.  Code the
 * analysis cannot follow (a lock taken in one function and released in
 * another, locks chosen at run time from an array) says why next to a
 * GS_NO_THREAD_SAFETY_ANALYSIS.  Under gcc, which has no such analysis,
 * the macros are empty.  In C, guarded_by cannot name a sibling field, so
 * only globals carry GS_GUARDED_BY; a struct field names its lock in a
 * comment (and "called with the lock held" functions may
 * GS_DCHECK(gs_splock_held(...))).
 */
#ifndef GOSAN_THREAD_ANNOTATIONS_H
#define GOSAN_THREAD_ANNOTATIONS_H

#if defined(__clang__)
#define GS_TSA(x) __attribute__((x))
#else
#define GS_TSA(x)
#endif

#define GS_CAPABILITY(name) GS_TSA(capability(name))
#define GS_GUARDED_BY(l) GS_TSA(guarded_by(l))
#define GS_PT_GUARDED_BY(l) GS_TSA(pt_guarded_by(l))
#define GS_ACQUIRE(...) GS_TSA(acquire_capability(__VA_ARGS__))
#define GS_RELEASE(...) GS_TSA(release_capability(__VA_ARGS__))
#define GS_TRY_ACQUIRE(...) GS_TSA(try_acquire_capability(__VA_ARGS__))
#define GS_REQUIRES(...) GS_TSA(requires_capability(__VA_ARGS__))
#define GS_EXCLUDES(...) GS_TSA(locks_excluded(__VA_ARGS__))
#define GS_NO_THREAD_SAFETY_ANALYSIS GS_TSA(no_thread_safety_analysis)

#endif
