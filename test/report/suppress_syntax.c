// Mistakes in the suppressions file are fatal and name FILE:LINE.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: echo '# comment' > %t.supp
// RUN: echo 'race:fine_*' >> %t.supp
// RUN: echo 'raec:typo' >> %t.supp
// RUN: env GOSAN_OPTIONS=suppressions=%t.supp not %t 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: echo 'no colon here' > %t.nocolon
// RUN: env GOSAN_OPTIONS=suppressions=%t.nocolon not %t 2>&1 | FileCheck %s --check-prefix=COLON
// RUN: env GOSAN_OPTIONS=suppressions=%t.does-not-exist not %t 2>&1 | FileCheck %s --check-prefix=MISSING
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// TYPE: gosan: FATAL: {{.*}}.supp:3: unknown suppression type 'raec' (known: race, deadlock, leak, misuse)
// TYPE-NOT: main ran
// COLON: {{.*}}.nocolon:1: suppression 'no colon here' has no type
// MISSING: cannot open suppressions file '{{.*}}does-not-exist'
