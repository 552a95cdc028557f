/* parse.c - HTTP/1.1 request heads, parsed in place with limits.
 *
 * Safe for pipelining: the parser looks only at the head it is given the
 * length of and never past the blank line that ends it, so the next
 * request's bytes stay intact.  Garbage is refused as early as it can be
 * told apart (a bad method character or an over-long request line, before
 * the head is complete), so a client cannot hold a buffer with bytes that
 * will never parse.  Limits: max_head bytes of head (431), max_headers
 * header lines (431), Content-Length up to max_body (413).  Refused:
 * Transfer-Encoding (501: this server reads no chunked bodies), versions
 * other than HTTP/1.0 and 1.1 (505), any malformed line (400).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpd.h"

#define HTTPD_MAX_METHOD 16

/* RFC 9110 tchar. */
static bool parse_is_tchar(unsigned char ch)
{
    return isalnum(ch) || (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

/* Checks what has arrived of the request line; -400 for a prefix no valid
 * request line starts with. */
static long parse_check_prefix(const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len && i <= HTTPD_MAX_METHOD && parse_is_tchar((unsigned char)buf[i]))
        i++;
    if (i == len && i <= HTTPD_MAX_METHOD)
        return 0;
    if (i == 0 || i > HTTPD_MAX_METHOD || buf[i] != ' ')
        return -400;
    return 0;
}

/* The end of the head: the index after "\r\n\r\n" (or "\n\n"), or 0. */
static size_t parse_find_end(const char *buf, size_t len)
{
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + len - p))) != NULL; p++) {
        size_t i = (size_t)(p - buf) + 1;
        if (i < len && buf[i] == '\n')
            return i + 1;
        if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n')
            return i + 2;
    }
    return 0;
}

/* Cuts the line starting at *p (ending in "\n" or "\r\n" before end) and
 * returns it NUL-terminated; *p moves to the next line. */
static char *parse_line(char **p, char *end)
{
    char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
    if (!nl)
        return NULL;
    *p = nl + 1;
    if (nl > line && nl[-1] == '\r')
        nl--;
    *nl = '\0';
    return line;
}

static long parse_request_line(char *line, httpd_request *req)
{
    char *sp1 = strchr(line, ' ');
    if (!sp1 || sp1 == line)
        return -400;
    *sp1 = '\0';
    for (char *m = line; *m; m++)
        if (!parse_is_tchar((unsigned char)*m))
            return -400;
    char *target = sp1 + 1, *sp2 = strchr(target, ' ');
    if (!sp2 || target[0] != '/')
        return -400;
    *sp2 = '\0';
    for (char *t = target; *t; t++)
        if ((unsigned char)*t <= ' ' || *t == 0x7f)
            return -400;
    const char *version = sp2 + 1;
    if (strncmp(version, "HTTP/", 5) != 0 || !isdigit((unsigned char)version[5]) ||
        version[6] != '.' || !isdigit((unsigned char)version[7]) || version[8])
        return -400;
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
        return -505;
    req->method = line;
    req->minor = version[7] - '0';
    char *q = strchr(target, '?');
    if (q)
        *q++ = '\0';
    req->path = target;
    req->query = q ? q : "";
    return 0;
}

static char *parse_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static long parse_header_line(char *line, const httpd_limits *lim, httpd_request *req)
{
    char *colon = strchr(line, ':');
    if (!colon || colon == line)
        return -400;
    *colon = '\0';
    for (char *c = line; *c; c++)
        if (!parse_is_tchar((unsigned char)*c))
            return -400;
    char *value = parse_trim(colon + 1);
    for (char *v = value; *v; v++)
        if (((unsigned char)*v < ' ' && *v != '\t') || *v == 0x7f)
            return -400;
    if (req->nheaders >= lim->max_headers || req->nheaders >= HTTPD_HEADERS_CAP)
        return -431;
    req->headers[req->nheaders++] = (httpd_header){line, value};
    return 0;
}

/* Content-Length, Transfer-Encoding and Connection, once all headers are in. */
static long parse_framing(const httpd_limits *lim, httpd_request *req)
{
    if (httpd_header_get(req, "Transfer-Encoding"))
        return -501;
    req->content_length = 0;
    for (size_t i = 0; i < req->nheaders; i++) {
        if (strcasecmp(req->headers[i].name, "Content-Length") != 0)
            continue;
        const char *v = req->headers[i].value;
        char *end;
        if (!isdigit((unsigned char)*v))
            return -400;
        unsigned long long n = strtoull(v, &end, 10);
        if (*end || (req->content_length && n != req->content_length))
            return -400; /* conflicting lengths smuggle requests */
        if (n > lim->max_body)
            return -413;
        req->content_length = (size_t)n;
    }
    const char *conn = httpd_header_get(req, "Connection");
    req->keep_alive = req->minor == 1 ? !(conn && strcasecmp(conn, "close") == 0)
                                      : (conn && strcasecmp(conn, "keep-alive") == 0);
    return 0;
}

long httpd_parse_head(char *buf, size_t len, const httpd_limits *lim, httpd_request *req)
{
    long r = parse_check_prefix(buf, len);
    if (r < 0)
        return r;
    size_t end = parse_find_end(buf, len < lim->max_head ? len : lim->max_head);
    if (!end) {
        const char *nl = memchr(buf, '\n', len);
        /* Only a complete first line can say it is garbage. */
        if (nl && !memchr(buf, ' ', (size_t)(nl - buf)))
            return -400;
        return len >= lim->max_head ? -431 : 0;
    }
    memset(req, 0, offsetof(httpd_request, route));
    char *p = buf, *stop = buf + end;
    char *line = parse_line(&p, stop);
    if (!line || (r = parse_request_line(line, req)) < 0)
        return r < 0 ? r : -400;
    while ((line = parse_line(&p, stop)) && *line)
        if ((r = parse_header_line(line, lim, req)) < 0)
            return r;
    if ((r = parse_framing(lim, req)) < 0)
        return r;
    return (long)end;
}

const char *httpd_header_get(const httpd_request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

long httpd_query_long(const httpd_request *req, const char *key, long dflt)
{
    size_t klen = strlen(key);
    for (const char *q = req->query; *q;) {
        if (strncmp(q, key, klen) == 0 && q[klen] == '=')
            return strtol(q + klen + 1, NULL, 10);
        const char *amp = strchr(q, '&');
        if (!amp)
            break;
        q = amp + 1;
    }
    return dflt;
}
