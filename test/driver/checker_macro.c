// A checked compile defines GOSAN_CHECKER=1, so a header can tell a gosan
// build (and enable its TSan-style annotations, docs/race.md); a --plain
// compile does not, and neither defines __SANITIZE_THREAD__.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t | FileCheck --check-prefix=CHECKED %s
// RUN: %gosan-cc -O1 -c %s -o %t.o && %gosan-cc %t.o -o %t2 && %t2 | FileCheck --check-prefix=CHECKED %s
// RUN: %plain-cc -O1 %s -o %t-plain && %t-plain | FileCheck --check-prefix=PLAIN %s
// CHECKED: GOSAN_CHECKER=1
// CHECKED: __SANITIZE_THREAD__ undefined
// PLAIN: GOSAN_CHECKER undefined
// PLAIN: __SANITIZE_THREAD__ undefined
#include <stdio.h>

int main(void) {
#ifdef GOSAN_CHECKER
    printf("GOSAN_CHECKER=%d\n", GOSAN_CHECKER);
#else
    printf("GOSAN_CHECKER undefined\n");
#endif
#ifdef __SANITIZE_THREAD__
    printf("__SANITIZE_THREAD__ defined\n");
#else
    printf("__SANITIZE_THREAD__ undefined\n");
#endif
    return 0;
}
