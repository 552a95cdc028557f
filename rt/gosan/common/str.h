/* str.h - string helpers for the runtime's own use.
 *
 * libc.c defines strlen, strcmp, ... so that the program's calls
 * are checked; the runtime must not go through those interceptors for its
 * own strings, so it uses these instead.
 */
#ifndef GOSAN_GS_STR_H
#define GOSAN_GS_STR_H

#include <stdbool.h>
#include <stddef.h>

static inline size_t gs_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static inline int gs_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

static inline int gs_strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

static inline bool gs_starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return false;
    return true;
}

static inline const char *gs_strstr(const char *hay, const char *needle)
{
    size_t n = gs_strlen(needle);
    for (; *hay; hay++)
        if (gs_strncmp(hay, needle, n) == 0)
            return hay;
    return n == 0 ? hay : NULL;
}

static inline const char *gs_strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (; *s; s++)
        if (*s == (char)c)
            last = s;
    return last;
}

#endif
