// help=1 and the docs say the same thing: every flag help=1 prints is a row
// of docs/usage.md's table word for word (name, default, meaning), and
// every flag row of the option tables in docs/usage.md and docs/deadlock.md
// is one help=1 prints.  The header states the separators and the boolean
// spellings the parser accepts, and the parser accepts them.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=help=1 %t 2>&1 | FileCheck %s --check-prefix=HEAD
// RUN: env GOSAN_OPTIONS=help=1 %t 2>&1 | sed -n 's/^  \([a-z_]*\) *(default \([^,)]*\)[^)]*)  \(.*\)$/| `\1` | \2 | \3 |/p' > %t.rows
// RUN: test $(wc -l < %t.rows) -ge 18
// RUN: not grep -vxF -f %S/../../docs/usage.md %t.rows
// RUN: grep -h '^| `[a-z_]*` |' %S/../../docs/usage.md %S/../../docs/deadlock.md > %t.docrows
// RUN: test $(wc -l < %t.docrows) -ge 18
// RUN: not grep -vxF -f %t.rows %t.docrows
// RUN: env "GOSAN_OPTIONS=exitcode=3,verbosity=0	halt_on_error=no:symbolize=true print_summary=yes" %t 2>&1 | FileCheck %s --check-prefix=SEPS
// RUN: env "GOSAN_OPTIONS=$(printf 'exitcode=3\nreport_dedup=false')" %t 2>&1 | FileCheck %s --check-prefix=SEPS
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// HEAD: gosan: GOSAN_OPTIONS flags (key=value pairs separated by ':', ',', spaces, tabs or newlines; booleans: 0/1, false/true, no/yes):
// HEAD: help {{ *}}(default 0, now 1)
// HEAD: main ran
// SEPS-NOT: gosan:
// SEPS: main ran
