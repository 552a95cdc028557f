/* debug_http.c - the debug endpoint's HTTP/1.x request parser.
 *
 * Reads a request head the server has already bounded (DEBUG_REQ_MAX bytes,
 * debug_server.c) and refuses, with a 4xx status, anything but a plain
 * `GET|HEAD /path?query HTTP/1.x` with at most DEBUG_HEADERS_MAX
 * well-formed header lines.  Headers are checked for shape only: the server
 * answers every request with `Connection: close` and reads no body, so none
 * of them changes the answer.
 *
 * Invariants: never reads outside buf[0..len), never writes past the
 * fields of debug_req, no allocation; a path is percent-decoded once and a
 * decoded NUL or control character refuses the request.
 */
#include <string.h>

#include "debug_server.h"

bool debug_http_complete(const char *buf, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (buf[i] != '\n')
            continue;
        if (buf[i + 1] == '\n')
            return true;
        if (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n')
            return true;
    }
    return false;
}

/* The line starting at *pos, without its CR LF (or LF); advances *pos. */
static bool next_line(const char *buf, size_t len, size_t *pos, const char **line, size_t *n)
{
    size_t i = *pos;
    const char *nl = memchr(buf + i, '\n', len - i);
    if (!nl)
        return false;
    size_t end = (size_t)(nl - buf);
    *line = buf + i;
    *n = end - i;
    if (*n && (*line)[*n - 1] == '\r')
        (*n)--;
    *pos = end + 1;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) into out; false on a bad escape, a control
 * character or no room. */
static bool decode_path(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n)
                return false;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            c = hi * 16 + lo;
            i += 2;
        }
        if (c < 0x20 || c == 0x7f)
            return false;
        if (o + 1 >= size)
            return false;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return true;
}

static bool is_token_char(char c)
{
    return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* `Name: value` with a token name and no control characters in the value. */
static bool header_ok(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && is_token_char(line[i]))
        i++;
    if (i == 0 || i >= n || line[i] != ':')
        return false;
    for (i++; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

static int parse_request_line(const char *line, size_t n, debug_req *req, const char **why)
{
    const char *sp1 = memchr(line, ' ', n);
    if (!sp1) {
        *why = "malformed request line";
        return 400;
    }
    size_t mlen = (size_t)(sp1 - line);
    const char *target = sp1 + 1;
    size_t rest = n - mlen - 1;
    const char *sp2 = memchr(target, ' ', rest);
    if (!sp2) {
        *why = "malformed request line";
        return 400;
    }
    size_t tlen = (size_t)(sp2 - target);
    const char *version = sp2 + 1;
    size_t vlen = rest - tlen - 1;
    if (vlen != 8 || memcmp(version, "HTTP/1.", 7) != 0 || (version[7] != '0' && version[7] != '1')) {
        *why = vlen >= 5 && memcmp(version, "HTTP/", 5) == 0 ? "HTTP version not supported"
                                                             : "malformed request line";
        return vlen >= 5 && memcmp(version, "HTTP/", 5) == 0 ? 505 : 400;
    }
    if (mlen == 4 && memcmp(line, "HEAD", 4) == 0)
        req->head = true;
    else if (!(mlen == 3 && memcmp(line, "GET", 3) == 0)) {
        *why = "only GET and HEAD are served";
        return 405;
    }
    if (tlen == 0 || target[0] != '/') {
        *why = "the request target must be a path";
        return 400;
    }
    const char *q = memchr(target, '?', tlen);
    size_t plen = q ? (size_t)(q - target) : tlen;
    if (plen >= sizeof req->path || (q && tlen - plen - 1 >= sizeof req->query)) {
        *why = "request target too long";
        return 414;
    }
    if (!decode_path(target, plen, req->path, sizeof req->path)) {
        *why = "malformed path";
        return 400;
    }
    size_t qlen = q ? tlen - plen - 1 : 0;
    for (size_t i = 0; i < qlen; i++)
        if ((unsigned char)q[1 + i] <= 0x20 || q[1 + i] == 0x7f) {
            *why = "malformed query";
            return 400;
        }
    if (qlen)
        memcpy(req->query, q + 1, qlen);
    req->query[qlen] = 0;
    return 0;
}

int debug_http_parse(const char *buf, size_t len, debug_req *req, const char **why)
{
    memset(req, 0, sizeof *req);
    if (memchr(buf, 0, len)) {
        *why = "NUL byte in the request";
        return 400;
    }
    size_t pos = 0;
    const char *line;
    size_t n;
    /* RFC 9112: a server should ignore empty lines before the request line. */
    do {
        if (!next_line(buf, len, &pos, &line, &n)) {
            *why = "incomplete request";
            return 400;
        }
    } while (n == 0 && pos < len);
    int status = parse_request_line(line, n, req, why);
    if (status)
        return status;
    for (int count = 0;; count++) {
        if (!next_line(buf, len, &pos, &line, &n)) {
            *why = "incomplete request";
            return 400;
        }
        if (n == 0)
            return 0;
        if (count == DEBUG_HEADERS_MAX) {
            *why = "too many header lines";
            return 431;
        }
        if (!header_ok(line, n)) {
            *why = "malformed header line";
            return 400;
        }
    }
}

bool debug_query_get(const char *query, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    for (const char *p = query; *p;) {
        const char *amp = strchr(p, '&');
        size_t plen = amp ? (size_t)(amp - p) : strlen(p);
        if (plen > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
            size_t vlen = plen - nlen - 1;
            if (vlen >= size)
                vlen = size - 1;
            memcpy(out, p + nlen + 1, vlen);
            out[vlen] = 0;
            return true;
        }
        if (plen == nlen && strncmp(p, name, nlen) == 0) {
            out[0] = 0;
            return true;
        }
        p += plen + (amp ? 1 : 0);
    }
    return false;
}
