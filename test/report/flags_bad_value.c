// A malformed GOSAN_OPTIONS value stops the program before main with an
// error naming the flag and what was expected.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=exitcode=abc not %t 2>&1 | FileCheck %s --check-prefix=INT
// RUN: env GOSAN_OPTIONS=halt_on_error=maybe not %t 2>&1 | FileCheck %s --check-prefix=BOOL
// RUN: env GOSAN_OPTIONS=exitcode=300 not %t 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: env GOSAN_OPTIONS=halt_on_error not %t 2>&1 | FileCheck %s --check-prefix=NOVALUE
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// INT: gosan: FATAL: GOSAN_OPTIONS: bad value 'abc' for flag 'exitcode' (expected an integer in 0..255)
// INT-NOT: main ran
// BOOL: bad value 'maybe' for flag 'halt_on_error' (expected a boolean: 0/1, false/true or no/yes)
// BOOL-NOT: main ran
// RANGE: bad value '300' for flag 'exitcode' (expected an integer in 0..255)
// NOVALUE: GOSAN_OPTIONS: 'halt_on_error' has no value
