// An unknown GOSAN_OPTIONS key is named in a warning; the program still runs.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=no_such_flag=1:verbosity=0 %t 2>&1 | FileCheck %s
// RUN: env "GOSAN_OPTIONS=exitcode=7 bogus=2" %t 2>&1 | FileCheck %s --check-prefix=SPACE
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// CHECK: gosan: WARNING: GOSAN_OPTIONS: unknown flag 'no_such_flag' ignored
// CHECK: main ran
// SPACE: unknown flag 'bogus'
// SPACE: main ran
