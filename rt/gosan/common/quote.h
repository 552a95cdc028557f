/* quote.h - printing strings the program chose (goroutine labels) so that
 * they cannot forge report lines or terminal escapes.
 *
 * gs_quote writes Go's %q form: "..." with \" \\ \a \b \f \n \r \t \v, \xNN
 * for other control bytes, DEL and bytes that are not valid UTF-8, and
 * \uNNNN / \UNNNNNNNN for code points that print nothing or move text (C1
 * controls, zero-width and bidirectional formatting characters, line and
 * paragraph separators); printable UTF-8 is kept.  Output is bounded: a
 * string that does not fit (or that was already cut, `cut`) ends with the
 * closing quote followed by `...`, so a cut is never mistaken for content.
 * Neither function allocates; both are safe inside a report.
 */
#ifndef GOSAN_QUOTE_H
#define GOSAN_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the quoted form of s[0..n) into dst (NUL-terminated when size > 0,
 * at most size - 1 bytes).  Returns the bytes written. */
size_t gs_quote(char *dst, size_t size, const char *s, size_t n, bool cut);
/* As gs_quote, but s is written bare when it is non-empty, not cut, fits,
 * and is made only of printable ASCII other than space and " \ , = [ ] { }
 * (so `k=v, k2=v2` lists stay unambiguous). */
size_t gs_quote_if_needed(char *dst, size_t size, const char *s, size_t n, bool cut);

/* A bounded label list, `k=v, k2=v2` (report style) or `"k":"v", "k2":"v2"`
 * (dump style, always quoted, as Go's tracebacks print pprof labels).  A
 * label that no longer fits is left out with all after it, and the list
 * ends with `, ... N more`. */
typedef struct gs_labels_out {
    char *buf;
    size_t size, len;
    size_t omitted;
    bool dump_style;
} gs_labels_out;

void gs_labels_begin(gs_labels_out *o, char *buf, size_t size, bool dump_style);
/* key_cut / value_cut: the string was already truncated by its source. */
void gs_labels_add(gs_labels_out *o, const char *key, size_t klen, bool key_cut, const char *value,
                   size_t vlen, bool value_cut);
/* The same for NUL-terminated strings (NULL reads as ""). */
void gs_labels_add_str(gs_labels_out *o, const char *key, const char *value);
/* Counts labels the source already dropped. */
void gs_labels_omit(gs_labels_out *o, size_t n);
/* Appends the omission marker; returns the NUL-terminated text. */
const char *gs_labels_end(gs_labels_out *o);

#endif
