/* report_json.h - the machine-readable report formats (report_json.c,
 * report_sarif.c): GOSAN_OPTIONS report_format=text|json|sarif,
 * source_root, sarif_path (docs/usage.md).
 *
 * json: each report is one line holding one JSON object
 * (docs/report.schema.json), on the report output, instead of its text.
 * sarif: one SARIF 2.1.0 log per process, written when the process exits
 * (every way out, fatal signals included), to sarif_path.PID.sarif (the
 * text reports then go to the report output as usual) or, without
 * sarif_path, to the report output instead of the text.
 * Nothing here calls malloc or stdio: buffers come from the internal
 * allocator, text is formatted by the runtime's printf.
 */
#ifndef GOSAN_REPORT_JSON_H
#define GOSAN_REPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report_record.h"

typedef enum { GS_FORMAT_TEXT, GS_FORMAT_JSON, GS_FORMAT_SARIF } gs_report_format_t;

/* From gs_flags.report_format (validated when the flags are parsed). */
gs_report_format_t gs_report_format(void);
/* Whether a report's text goes to the report output. */
bool gs_report_text_shown(void);
/* True if name is a valid report_format value. */
bool gs_report_format_valid(const char *name);

/* A growing buffer of the internal allocator. */
typedef struct gs_jbuf {
    char *p;
    size_t n, cap;
} gs_jbuf;
void gs_jbuf_put(gs_jbuf *b, const char *s, size_t n);
/* A string literal, without counting its length by hand. */
#define GS_JPUT(b, lit) gs_jbuf_put((b), (lit), sizeof(lit) - 1)
void gs_jbuf_printf(gs_jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string, quotes included ("null" for NULL). */
void gs_jbuf_str(gs_jbuf *b, const char *s);
/* A file name for reports: source_root-relative when under it. */
const char *gs_report_rel_path(const char *file);
/* The report's kind as a rule id: lower case, '-' for other characters. */
void gs_report_rule_id(const char *kind, char *out, size_t size);
/* Stable across runs: the kind and the stacks' functions and file:lines,
 * never addresses. */
uint64_t gs_report_fingerprint(const gs_record *r);

/* Called by gs_report_end with the finished record. */
void gs_report_json_emit(const gs_record *r);
void gs_sarif_add(const gs_record *r);
/* Writes the SARIF log once (later calls do nothing); from every exit path
 * after the wait for reports in flight. */
void gs_sarif_finish(void);

#endif
