/* quote.c - Go-style quoting of program-chosen strings (see quote.h).
 *
 * Invariants: every output is NUL-terminated within its buffer, cut only
 * between whole escapes (never inside a \x.. or a UTF-8 sequence), and a
 * cut output always ends with `"...`.
 */
#include "quote.h"

#include <stdint.h>

#include "printf.h"


#define Q_MARK "..."
#define Q_MARK_LEN 3
#define Q_STR_MAX 128 /* bytes of one quoted key or value in a label list */

/* Length of the valid UTF-8 sequence at s (1..4) and its code point, or 0
 * when s[0..n) does not start with one (stray byte, overlong form,
 * surrogate, beyond U+10FFFF, truncated). */
static size_t q_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xe0) == 0xc0) {
        len = 2, v = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3, v = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

/* Code points that print nothing visible or move the text around: they
 * would let a label hide or reorder what follows it on a terminal. */
static bool q_invisible(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9f) || cp == 0xad || (cp >= 0x200b && cp <= 0x200f) ||
           (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
           (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xfffe || cp == 0xffff || (cp >= 0xe0000 && cp <= 0xe007f);
}

/* The escaped form of the rune at s into e (at most 10 bytes); returns its
 * length and sets *used to the input bytes it stands for. */
static size_t q_escape(const unsigned char *s, size_t n, char *e, size_t *used)
{
    static const char hex[] = "0123456789abcdef";
    uint32_t cp;
    size_t len = q_utf8(s, n, &cp);
    *used = len ? len : 1;
    if (!len || cp < 0x20 || cp == 0x7f) {
        const char *named = NULL;
        switch (len ? cp : 0x100) {
        case '\a': named = "\\a"; break;
        case '\b': named = "\\b"; break;
        case '\f': named = "\\f"; break;
        case '\n': named = "\\n"; break;
        case '\r': named = "\\r"; break;
        case '\t': named = "\\t"; break;
        case '\v': named = "\\v"; break;
        }
        if (named) {
            e[0] = named[0], e[1] = named[1];
            return 2;
        }
        e[0] = '\\', e[1] = 'x', e[2] = hex[s[0] >> 4], e[3] = hex[s[0] & 15];
        return 4;
    }
    if (cp == '"' || cp == '\\') {
        e[0] = '\\', e[1] = (char)cp;
        return 2;
    }
    if (q_invisible(cp)) {
        int digits = cp > 0xffff ? 8 : 4;
        e[0] = '\\', e[1] = cp > 0xffff ? 'U' : 'u';
        for (int i = 0; i < digits; i++)
            e[2 + i] = hex[(cp >> (4 * (digits - 1 - i))) & 15];
        return (size_t)digits + 2;
    }
    for (size_t i = 0; i < len; i++)
        e[i] = (char)s[i];
    return len;
}

size_t gs_quote(char *dst, size_t size, const char *str, size_t n, bool cut)
{
    if (!size)
        return 0;
    size_t limit = size - 1, k = 0;
    if (limit < 2 + Q_MARK_LEN) { /* no room for even `""...` */
        dst[0] = 0;
        return 0;
    }
    const unsigned char *s = (const unsigned char *)str;
    dst[k++] = '"';
    size_t i = 0;
    while (i < n) {
        char e[10];
        size_t used, elen = q_escape(s + i, n - i, e, &used);
        bool last = i + used == n && !cut;
        if (k + elen + 1 + (last ? 0 : Q_MARK_LEN) > limit) {
            cut = true;
            break;
        }
        for (size_t j = 0; j < elen; j++)
            dst[k++] = e[j];
        i += used;
    }
    dst[k++] = '"';
    if (cut)
        for (const char *m = Q_MARK; *m; m++)
            dst[k++] = *m;
    dst[k] = 0;
    return k;
}

static bool q_bare_ok(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\' || c == ',' || c == '=' || c == '[' || c == ']' ||
            c == '{' || c == '}')
            return false;
    }
    return true;
}

size_t gs_quote_if_needed(char *dst, size_t size, const char *s, size_t n, bool cut)
{
    if (!cut && n < size && q_bare_ok(s, n)) {
        for (size_t i = 0; i < n; i++)
            dst[i] = s[i];
        dst[n] = 0;
        return n;
    }
    return gs_quote(dst, size, s, n, cut);
}

/* ---- label lists */

#define Q_MORE_MAX 32 /* room kept for `, ... N more` */

void gs_labels_begin(gs_labels_out *o, char *buf, size_t size, bool dump_style)
{
    o->buf = buf;
    o->size = size;
    o->len = 0;
    o->omitted = 0;
    o->dump_style = dump_style;
    if (size)
        buf[0] = 0;
}

void gs_labels_add(gs_labels_out *o, const char *key, size_t klen, bool key_cut, const char *value,
                   size_t vlen, bool value_cut)
{
    char k[Q_STR_MAX], v[Q_STR_MAX];
    if (o->dump_style) {
        gs_quote(k, sizeof k, key, klen, key_cut);
        gs_quote(v, sizeof v, value, vlen, value_cut);
    } else {
        gs_quote_if_needed(k, sizeof k, key, klen, key_cut);
        gs_quote_if_needed(v, sizeof v, value, vlen, value_cut);
    }
    char one[2 * Q_STR_MAX + 8];
    int n = gs_snprintf(one, sizeof one, "%s%s%s%s", o->len ? ", " : "", k, o->dump_style ? ":" : "=", v);
    if (o->omitted || o->len + (size_t)n + Q_MORE_MAX >= o->size) {
        o->omitted++;
        return;
    }
    for (int i = 0; i <= n; i++)
        o->buf[o->len + (size_t)i] = one[i];
    o->len += (size_t)n;
}

/* Length of s, looking no further than what a quoted form can show. */
static size_t q_bounded_len(const char *s, bool *cut)
{
    size_t n = 0;
    while (n < Q_STR_MAX && s[n])
        n++;
    *cut = s[n] != 0;
    return n;
}

void gs_labels_add_str(gs_labels_out *o, const char *key, const char *value)
{
    bool kc, vc;
    size_t kl = q_bounded_len(key ? key : "", &kc), vl = q_bounded_len(value ? value : "", &vc);
    gs_labels_add(o, key ? key : "", kl, kc, value ? value : "", vl, vc);
}

void gs_labels_omit(gs_labels_out *o, size_t n)
{
    o->omitted += n;
}

const char *gs_labels_end(gs_labels_out *o)
{
    if (o->omitted && o->size > o->len)
        o->len += (size_t)gs_snprintf(o->buf + o->len, o->size - o->len, "%s... %zu more",
                                      o->len ? ", " : "", o->omitted);
    return o->buf;
}
