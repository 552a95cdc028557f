// libc calls that read or write a string or struct in the program's memory
// are checked as the program's own accesses at the call site, as TSan's
// interceptors do: a plain write of the buffer in one goroutine and the call
// in another, unordered, is a race whichever comes first, also when main
// returns right after it; ordered by a WaitGroup it is none.  The call is
// chosen at compile time:
//   PUTS FPUTS STRDUP  read the string          FGETS GETLINE  write the line
//   SNPRINTF_OUT       writes the output        SNPRINTF_FMT   reads the format
//   STRERROR_R         writes the message (POSIX strerror_r in C, the GNU one
//                      in C++: libc_text.cpp)   STAT           writes the struct
// Only PUTS's reports are symbolized: a cold llvm-symbolizer costs seconds
// per racy run on a loaded host, and the verdict and 'Location is global'
// (from the symbol table) do not depend on it.
// REQUIRES: plugin
// RUN: for k in PUTS FPUTS STRDUP FGETS GETLINE SNPRINTF_OUT SNPRINTF_FMT STRERROR_R STAT; do \
// RUN:   %gosan-cc -O1 -Wno-format-security -D$k %s -o %t-$k || exit 1; \
// RUN:   opts=symbolize=0; if [ $k = PUTS ]; then opts=symbolize=1; fi; \
// RUN:   for o in plain-first libc-first "plain-first exit" "libc-first exit"; do \
// RUN:     env GOSAN_OPTIONS=$opts sh -c "%t-$k $o; echo status \$?" 2>&1 | FileCheck %s || { echo "failed: $k $o"; exit 1; }; \
// RUN:   done; \
// RUN:   sh -c "%t-$k ordered; echo status \$?" 2>&1 | FileCheck --check-prefix=ORDERED %s || { echo "failed: $k ordered"; exit 1; }; \
// RUN: done
#include "Inputs/libc_text.h"
// CHECK: WARNING: gosan: data race
// CHECK: {{Write|Read}} of size {{[0-9]+}} at {{.*}} by goroutine {{[0-9]+}}:
// CHECK: Previous {{write|read}} of size {{[0-9]+}} at {{.*}} by goroutine {{[0-9]+}}:
// CHECK: Location is global '{{buf|st}}'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
