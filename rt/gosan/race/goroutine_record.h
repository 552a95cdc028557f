/* goroutine_record.h - goroutine records: what reports show of a goroutine that may be
 * gone (its creator, creation stack, state, and labels as they were at its
 * exit).
 *
 * Invariants:
 *  - Memory is bounded: records of finished goroutines are recycled once
 *    gs_flags.goroutine_records newer goroutines took their place; a live
 *    goroutine's record is never recycled.
 *  - A lookup never returns another goroutine's record: it finds the id's
 *    own record, or says it was recycled, or that there is none.
 */
#ifndef GOSAN_GREC_H
#define GOSAN_GREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { GS_GREC_UNKNOWN = 0, GS_GREC_CREATED = 1, GS_GREC_RUNNING = 2, GS_GREC_FINISHED = 3 };

typedef struct gs_grec {
    uint64_t parent;
    uint32_t create_node;
    uint8_t state; /* GS_GREC_* */
    uint8_t is_main;
} gs_grec;

typedef enum { GS_GREC_NONE, GS_GREC_FOUND, GS_GREC_RECYCLED } gs_grec_lookup_result;

/* A goroutine (or thread) with this id now exists: (re)writes its record,
 * keeping labels already remembered for the same id. */
void gs_grec_created(uint64_t goid, uint64_t parent, uint32_t create_node, uint8_t state, bool is_main);
void gs_grec_set_state(uint64_t goid, uint8_t state);
void gs_grec_set_origin(uint64_t goid, uint64_t parent, uint32_t create_node);
/* Remembers labels ("k=v, ..."), copied, unless the record has some. */
void gs_grec_set_labels(uint64_t goid, const char *labels);
/* Copies the record out (and its labels into labels[size], "" if none;
 * labels may be NULL).  Not on hot paths: reports. */
gs_grec_lookup_result gs_grec_lookup(uint64_t goid, gs_grec *out, char *labels, size_t size);

#endif
