/* printf.c - the runtime's own formatter (see printf.h): no malloc, no
 * locale, no stdio, no lock, so it is safe inside a report, in a signal
 * handler and before libc's stdio is usable.  Output is cut to the
 * buffer's size but the full length is counted, as snprintf does.
 */
#include "printf.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "str.h"

typedef struct pf_sink {
    char *buf;
    size_t size, len; /* len counts every char produced, even past size */
} pf_sink;

static void pf_putc(pf_sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void pf_pad(pf_sink *s, int n, char c)
{
    while (n-- > 0)
        pf_putc(s, c);
}

static void pf_str(pf_sink *s, const char *str, int width, int prec, bool left)
{
    if (!str)
        str = "(null)";
    int len = 0;
    while (str[len] && (prec < 0 || len < prec))
        len++;
    if (!left)
        pf_pad(s, width - len, ' ');
    for (int i = 0; i < len; i++)
        pf_putc(s, str[i]);
    if (left)
        pf_pad(s, width - len, ' ');
}

static void pf_num(pf_sink *s, unsigned long long v, bool neg, unsigned base, int width, bool zero,
                    bool left, const char *prefix)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    int plen = (neg ? 1 : 0) + (prefix ? (int)gs_strlen(prefix) : 0);
    int pad = width - n - plen;
    if (!left && !zero)
        pf_pad(s, pad, ' ');
    if (neg)
        pf_putc(s, '-');
    for (const char *p = prefix; p && *p; p++)
        pf_putc(s, *p);
    if (!left && zero)
        pf_pad(s, pad, '0');
    while (n)
        pf_putc(s, tmp[--n]);
    if (left)
        pf_pad(s, pad, ' ');
}

int gs_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    pf_sink s = {buf, size, 0};
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            pf_putc(&s, *f);
            continue;
        }
        f++;
        bool left = false, zero = false;
        for (;; f++) {
            if (*f == '-')
                left = true;
            else if (*f == '0')
                zero = true;
            else
                break;
        }
        int width = 0, prec = -1;
        if (*f == '*') {
            width = va_arg(ap, int);
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            prec = 0;
            if (*f == '*') {
                prec = va_arg(ap, int);
                f++;
            } else {
                while (*f >= '0' && *f <= '9')
                    prec = prec * 10 + (*f++ - '0');
            }
        }
        int lng = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
        if (*f == 'z') {
            lng = 3;
            f++;
        } else {
            while (*f == 'l') {
                lng++;
                f++;
            }
        }
        switch (*f) {
        case 'd':
        case 'i': {
            long long v = lng == 0 ? va_arg(ap, int) : lng == 1 ? va_arg(ap, long)
                        : lng == 2 ? va_arg(ap, long long) : (long long)va_arg(ap, ssize_t);
            pf_num(&s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10, width, zero, left, NULL);
            break;
        }
        case 'u':
        case 'x': {
            unsigned long long v = lng == 0 ? va_arg(ap, unsigned) : lng == 1 ? va_arg(ap, unsigned long)
                                 : lng == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, size_t);
            pf_num(&s, v, false, *f == 'u' ? 10 : 16, width, zero, left, NULL);
            break;
        }
        case 'p':
            pf_num(&s, (uintptr_t)va_arg(ap, void *), false, 16, width, zero, left, "0x");
            break;
        case 's':
            pf_str(&s, va_arg(ap, const char *), width, prec, left);
            break;
        case 'c':
            pf_putc(&s, (char)va_arg(ap, int));
            break;
        case '%':
            pf_putc(&s, '%');
            break;
        case 0:
            f--;
            break;
        default: /* unknown conversion: print it, so the mistake shows */
            pf_putc(&s, '%');
            pf_putc(&s, *f);
        }
    }
    if (size)
        buf[s.len < size ? s.len : size - 1] = 0;
    return (int)s.len;
}

int gs_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = gs_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
