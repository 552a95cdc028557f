/* tsan_annotations.c - code annotated for ThreadSanitizer works unchanged:
 * TSan's __tsan_acquire/__tsan_release (<sanitizer/tsan_interface.h>) and
 * the dynamic annotations TSan implements (Annotate*, as declared by the
 * dynamic_annotations.h headers of Valgrind, Chromium, Abseil...).  Custom
 * locks (__tsan_mutex_*, AnnotateRWLock*) are in custom_mutex.c.
 *
 * Same meaning as in TSan, mapped onto gosan's own annotations:
 *   - __tsan_release / AnnotateHappensBefore = gosan_release: the caller's
 *     past is released on the address; __tsan_acquire /
 *     AnnotateHappensAfter = gosan_acquire;
 *   - AnnotateBenignRace(Sized): a race on those bytes is never reported
 *     (race/benign_race.h), for the rest of the run;
 *   - AnnotateIgnore{Reads,Writes}{Begin,End} = gosan_ignore_begin/end:
 *     as in TSan, either pair ignores both reads and writes, and the
 *     levels of all of them nest together;
 *   - AnnotateNewMemory: the memory is new, as if just allocated: its
 *     access history and sync objects are forgotten (TSan ignores it);
 *   - the rest of TSan's set is accepted and does nothing, as in TSan.
 * The file and line arguments of the Annotate* calls are not used: reports
 * show the call's stack.
 */
#include <stddef.h>
#include <stdint.h>

#include "annotations.h"
#include "benign_race.h"
#include "engine.h"
#include "syncobj.h"
#include "thread_hb.h"

void gs_ann_ignore(int delta)
{
    gs_thr *t = gs_thread_hb_caller();
    if (t)
        gs_thr_ignore(t, delta);
}

/* ---- TSan's own interface */

void __tsan_acquire(void *addr);
void __tsan_release(void *addr);

void __tsan_acquire(void *addr) { gs_pthread_sync(addr, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE); }
void __tsan_release(void *addr) { gs_pthread_sync(addr, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE); }

/* ---- dynamic annotations: happens-before */

#define ANN_FN(name, ...) void name(const char *file, int line, ##__VA_ARGS__)

ANN_FN(AnnotateHappensBefore, const volatile void *addr);
ANN_FN(AnnotateHappensAfter, const volatile void *addr);

ANN_FN(AnnotateHappensBefore, const volatile void *addr)
{
    gs_pthread_sync((const void *)addr, GS_SYNC_PLAIN, GS_SYNC_OP_RELEASE);
}

ANN_FN(AnnotateHappensAfter, const volatile void *addr)
{
    gs_pthread_sync((const void *)addr, GS_SYNC_PLAIN, GS_SYNC_OP_ACQUIRE);
}

/* ---- benign races */

ANN_FN(AnnotateBenignRaceSized, const volatile void *addr, size_t size, const char *desc);
ANN_FN(AnnotateBenignRace, const volatile void *addr, const char *desc);
ANN_FN(WTFAnnotateBenignRaceSized, const volatile void *addr, size_t size, const char *desc);

ANN_FN(AnnotateBenignRaceSized, const volatile void *addr, size_t size, const char *desc)
{
    gs_benign_race_add((uintptr_t)addr, size);
}

/* One byte, as TSan reads it: AnnotateBenignRace(&x) covers x's first byte. */
ANN_FN(AnnotateBenignRace, const volatile void *addr, const char *desc)
{
    gs_benign_race_add((uintptr_t)addr, 1);
}

ANN_FN(WTFAnnotateBenignRaceSized, const volatile void *addr, size_t size, const char *desc)
{
    gs_benign_race_add((uintptr_t)addr, size);
}

/* ---- ignored regions */

ANN_FN(AnnotateIgnoreReadsBegin);
ANN_FN(AnnotateIgnoreReadsEnd);
ANN_FN(AnnotateIgnoreWritesBegin);
ANN_FN(AnnotateIgnoreWritesEnd);

ANN_FN(AnnotateIgnoreReadsBegin) { gs_ann_ignore(+1); }
ANN_FN(AnnotateIgnoreReadsEnd) { gs_ann_ignore(-1); }
ANN_FN(AnnotateIgnoreWritesBegin) { gs_ann_ignore(+1); }
ANN_FN(AnnotateIgnoreWritesEnd) { gs_ann_ignore(-1); }

/* ---- new memory */

ANN_FN(AnnotateNewMemory, const volatile void *addr, size_t size);

ANN_FN(AnnotateNewMemory, const volatile void *addr, size_t size)
{
    if (!addr || !size)
        return;
    gs_engine_on_untracked_alloc((void *)addr, size);
    gs_sync_free_range((uintptr_t)addr, size);
}

/* ---- accepted, no effect (as in TSan): a program calling them links */

#define ANN_NOOP(name, ...)                                                                          \
    ANN_FN(name, ##__VA_ARGS__);                                                                     \
    ANN_FN(name, ##__VA_ARGS__) {}

ANN_NOOP(AnnotateIgnoreSyncBegin)
ANN_NOOP(AnnotateIgnoreSyncEnd)
ANN_NOOP(AnnotateCondVarSignal, const volatile void *cv)
ANN_NOOP(AnnotateCondVarSignalAll, const volatile void *cv)
ANN_NOOP(AnnotateCondVarWait, const volatile void *cv, const volatile void *lock)
ANN_NOOP(AnnotateMutexIsNotPHB, const volatile void *mu)
ANN_NOOP(AnnotateMutexIsUsedAsCondVar, const volatile void *mu)
ANN_NOOP(AnnotateTraceMemory, const volatile void *addr)
ANN_NOOP(AnnotateFlushState)
ANN_NOOP(AnnotateNoOp, const volatile void *addr)
ANN_NOOP(AnnotateFlushExpectedRaces)
ANN_NOOP(AnnotateEnableRaceDetection, int enable)
ANN_NOOP(AnnotateExpectRace, const volatile void *addr, const char *desc)
ANN_NOOP(AnnotatePCQCreate, const volatile void *pcq)
ANN_NOOP(AnnotatePCQDestroy, const volatile void *pcq)
ANN_NOOP(AnnotatePCQPut, const volatile void *pcq)
ANN_NOOP(AnnotatePCQGet, const volatile void *pcq)
ANN_NOOP(AnnotatePublishMemoryRange, const volatile void *addr, size_t size)
ANN_NOOP(AnnotateUnpublishMemoryRange, const volatile void *addr, size_t size)
ANN_NOOP(AnnotateThreadName, const char *name)
ANN_NOOP(AnnotateMemoryIsInitialized, const volatile void *addr, size_t size)
ANN_NOOP(AnnotateMemoryIsUninitialized, const volatile void *addr, size_t size)
/* WebKit annotates its atomics with these; the atomics are seen anyway. */
ANN_NOOP(WTFAnnotateHappensBefore, const volatile void *addr)
ANN_NOOP(WTFAnnotateHappensAfter, const volatile void *addr)
