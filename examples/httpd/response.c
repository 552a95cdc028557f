/* response.c - response bodies (a growable buffer) and status texts.
 *
 * A buffer that fails to grow keeps what it had and reports false; the
 * connection then answers 500 rather than a truncated body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpd.h"

static bool buf_reserve(httpd_buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d)
        return false;
    b->data = d;
    b->cap = cap;
    return true;
}

bool httpd_buf_append(httpd_buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

/* Variadic, so it cannot carry the split-stack prologue; it runs in the
 * 4 KiB the library leaves below every goroutine's checked frames (vsnprintf
 * of a short line fits). */
__attribute__((no_split_stack)) bool httpd_buf_printf(httpd_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof tmp)
        return httpd_buf_append(b, tmp, (size_t)n);
    if (!buf_reserve(b, (size_t)n + 1))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

void httpd_buf_free(httpd_buf *b)
{
    free(b->data);
    *b = (httpd_buf){0};
}

const char *httpd_status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

void httpd_respond_error(httpd_response *resp, int status)
{
    resp->status = status;
    resp->content_type = "text/plain; charset=utf-8";
    resp->body.len = 0;
    httpd_buf_printf(&resp->body, "%s\n", httpd_status_text(status));
}
