// Production (--plain) code in shared libraries: one library, one
// scheduler, the executable's.  Inputs/shlib_part.c as a library linked at
// start and as one dlopen'd by Inputs/shlib_main.c (the latter also from a
// program that calls no library function of its own before the dlopen is
// the same program built without the start library): goroutines spawned in
// the .so send on the executable's channel, both count the same goroutines,
// and a goroutine of the .so's left blocked is in the all-asleep report.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %plain-cc -O1 -fPIC -shared -DP=start_ %S/Inputs/shlib_part.c -o %t/libstart.so
// RUN: %plain-cc -O1 -fPIC -shared -DP=dl_ %S/Inputs/shlib_part.c -o %t/dl.so
// RUN: llvm-nm --defined-only %t/libstart.so | FileCheck --check-prefix=NOCOPY %s
// RUN: %plain-cc -O1 %S/Inputs/shlib_main.c -L%t -lstart -Wl,-rpath,%t -o %t/main
// RUN: %plain-cc -O1 %S/Inputs/shlib_main.c -o %t/main-dl
//
// RUN: %t/main start - chan 2>&1 | FileCheck --check-prefix=CHAN %s
// RUN: %t/main dl %t/dl.so chan 2>&1 | FileCheck --check-prefix=CHAN %s
// RUN: %t/main-dl dl %t/dl.so chan 2>&1 | FileCheck --check-prefix=CHAN %s
//
// RUN: sh -c '%t/main start - asleep; echo "status $?"' 2>&1 | FileCheck --check-prefix=ASLEEP %s
// RUN: sh -c '%t/main-dl dl %t/dl.so asleep; echo "status $?"' 2>&1 | FileCheck --check-prefix=ASLEEP %s

// NOCOPY-NOT: go_spawn
// NOCOPY: start_write

// CHAN: received 4 distinct goroutine ids
// CHAN: goroutines exe 4 lib 4

// ASLEEP: fatal error: all goroutines are asleep - deadlock!
// ASLEEP-DAG: goroutine 1 [chan receive]:
// ASLEEP-DAG: created by {{start|dl}}_spawn_stuck
// ASLEEP: status 2
