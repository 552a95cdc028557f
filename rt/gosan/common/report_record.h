/* report_record.h - the report being printed, as data (report_record.c),
 * for the machine-readable formats (report_format=json|sarif,
 * report_json.h).
 *
 * Every detector prints its report as text; the record is filled as a
 * side effect of the common printing paths: gs_report_begin (the kind), the
 * text itself (kept whole, for the titles of stacks and the message),
 * gs_print_pcs (each stack, titled by the line printed just before it),
 * gs_print_who/gs_print_labels (whose the next stack is), gs_print_location
 * (the object) and the SUMMARY frame.  So every report kind has a record
 * without detector-specific code.  Owned by the report lock's holder: all
 * calls come from inside a report (they do nothing outside one).  Strings
 * point into the record's own storage or into the symbolizer's cache
 * (which lives forever); nothing allocates.
 */
#ifndef GOSAN_REPORT_RECORD_H
#define GOSAN_REPORT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "symbolize.h"

#define GS_REC_MAX_STACKS 8
#define GS_REC_MAX_FRAMES 32
#define GS_REC_TITLE 256
#define GS_REC_TEXT 32768

typedef struct gs_rec_stack {
    char title[GS_REC_TITLE];     /* the line above the stack, trimmed */
    uint64_t goroutine;           /* 0: unknown */
    uint64_t thread;              /* T<n> for a thread outside goroutines; 0: none */
    char labels[GS_REC_TITLE];    /* as printed between [ ], or "" */
    gs_frame frames[GS_REC_MAX_FRAMES];
    size_t nframes;
    bool truncated;               /* more frames than kept */
} gs_rec_stack;

typedef struct gs_rec_object {
    bool known;
    uintptr_t address;
    size_t size;
    const char *kind;             /* "heap block", "global", "stack" */
    char name[GS_REC_TITLE];      /* a global's name, else "" */
    const char *file;             /* a global's declaration, or NULL */
    int line;
    uint64_t goroutine;           /* heap: the allocator; stack: the owner */
} gs_rec_object;

typedef struct gs_record {
    bool active;
    const char *kind;
    int pid;
    gs_rec_stack stacks[GS_REC_MAX_STACKS];
    size_t nstacks;
    bool in_stack;                /* between gs_rec_stack_begin and _end */
    uint64_t who_goroutine, who_thread; /* named last, for the next stack */
    char who_labels[GS_REC_TITLE];
    gs_rec_object object;
    bool has_summary;
    gs_frame summary;
    char text[GS_REC_TEXT];       /* the report's text as printed */
    size_t text_len;
} gs_record;

/* The record of the report in progress (valid between begin and end). */
const gs_record *gs_rec_current(void);

void gs_rec_begin(const char *kind, int pid);
void gs_rec_end(void);
void gs_rec_text(const char *s, size_t n);
void gs_rec_stack_begin(void);
void gs_rec_frame(const gs_frame *f);
void gs_rec_stack_end(void);
/* goid as gs_print_who names it (the race layer's encoding is decoded by
 * the caller: thread is T<n> or 0). */
void gs_rec_who(uint64_t goroutine, uint64_t thread);
void gs_rec_labels(const char *labels);
void gs_rec_object_at(uintptr_t address, size_t size, const char *kind, const char *name, const char *file,
                      int line, uint64_t goroutine);
void gs_rec_summary(const gs_frame *f);

#endif
