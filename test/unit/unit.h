/* unit.h - the unit tests' assertions (test/unit/README.md).
 *
 * UT_EXPECT(cond) records a failure with file:line and the condition and
 * goes on; UT_ASSERT(cond) also ends the test at once; UT_EQ(a, b) compares
 * two integers and prints both.  main returns ut_done(): 0 when nothing
 * failed, so lit sees a failing test as a non-zero exit.  stdio is fine
 * here: the tests are plain programs, not instrumented and not inside the
 * runtime.
 */
#ifndef GOSAN_UNIT_H
#define GOSAN_UNIT_H

#include <stdio.h>
#include <stdlib.h>

static int ut_failures;

#define UT_EXPECT(cond)                                                          \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);   \
            ut_failures++;                                                       \
        }                                                                        \
    } while (0)

#define UT_ASSERT(cond)                                                          \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: FAILED (fatal): %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

#define UT_EQ(a, b)                                                              \
    do {                                                                         \
        unsigned long long ut_a = (unsigned long long)(a), ut_b = (unsigned long long)(b); \
        if (ut_a != ut_b) {                                                      \
            fprintf(stderr, "%s:%d: FAILED: %s == %s (%llu != %llu)\n", __FILE__, __LINE__, \
                    #a, #b, ut_a, ut_b);                                         \
            ut_failures++;                                                       \
        }                                                                        \
    } while (0)

static inline int ut_done(const char *name)
{
    if (ut_failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, ut_failures);
        return 1;
    }
    printf("%s: OK\n", name);
    return 0;
}

#endif
