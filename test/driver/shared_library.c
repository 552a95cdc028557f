// Checked code in shared libraries: one checker, the executable's.  A
// library linked at start (libstart.so) and one dlopen'd (dl.so), both from
// Inputs/shlib_part.c, with the program Inputs/shlib_main.c: goroutines the
// .so spawns send on the executable's channel, both sides count the same
// goroutines, a race between the .so's write and the executable's read is
// reported once with both stacks and the .so's global, in both real-time
// orders and with the program returning right after, and a goroutine of the
// .so's left blocked is in the deadlock report.
// REQUIRES: plugin
// RUN: rm -rf %t && mkdir -p %t
// RUN: %gosan-cc -O1 -fPIC -shared -DP=start_ %S/Inputs/shlib_part.c -o %t/libstart.so 2>&1 | FileCheck --allow-empty --check-prefix=QUIET %s
// RUN: %gosan-cc -O1 -fPIC -shared -DP=dl_ %S/Inputs/shlib_part.c -o %t/dl.so
// RUN: llvm-nm --defined-only %t/libstart.so | FileCheck --check-prefix=NOCOPY %s
// RUN: %gosan-cc -O1 %S/Inputs/shlib_main.c -L%t -lstart -Wl,-rpath,%t -o %t/main 2>&1 | FileCheck --allow-empty --check-prefix=QUIET %s
// RUN: %gosan-cc -O1 %S/Inputs/shlib_main.c -o %t/main-dl
//
// RUN: %t/main start - chan 2>&1 | FileCheck --check-prefix=CHAN %s
// RUN: %t/main dl %t/dl.so chan 2>&1 | FileCheck --check-prefix=CHAN %s
// RUN: %t/main-dl dl %t/dl.so chan 2>&1 | FileCheck --check-prefix=CHAN %s
//
// RUN: sh -c '%t/main start - race writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-START %s
// RUN: sh -c '%t/main start - race reader-first; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-START %s
// RUN: sh -c '%t/main start - race writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-START %s
// RUN: sh -c '%t/main start - race reader-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-START %s
// RUN: sh -c '%t/main-dl dl %t/dl.so race writer-first; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-DL %s
// RUN: sh -c '%t/main-dl dl %t/dl.so race reader-first; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-DL %s
// RUN: sh -c '%t/main-dl dl %t/dl.so race writer-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-DL %s
// RUN: sh -c '%t/main-dl dl %t/dl.so race reader-first exit; echo "status $?"' 2>&1 | FileCheck --check-prefixes=RACE,RACE-DL %s
//
// RUN: sh -c '%t/main start - asleep; echo "status $?"' 2>&1 | FileCheck --check-prefix=ASLEEP %s
// RUN: sh -c '%t/main-dl dl %t/dl.so asleep; echo "status $?"' 2>&1 | FileCheck --check-prefix=ASLEEP %s

// QUIET-NOT: {{.}}

// No copy of the library or the checker in the .so.
// NOCOPY-NOT: __gosan_init
// NOCOPY-NOT: go_spawn
// NOCOPY: start_write

// CHAN: received 4 distinct goroutine ids
// CHAN: goroutines exe 4 lib 4

// RACE-NOT: WARNING: gosan
// RACE: WARNING: gosan: data race
// RACE-DAG: #0 reader {{.*}}shlib_main.c:136
// RACE-START-DAG: #0 start_write {{.*}}shlib_part.c:19
// RACE-DL-DAG: #0 dl_write {{.*}}shlib_part.c:19
// RACE-START-DAG: Location is global 'start_shared'
// RACE-DL-DAG: Location is global 'dl_shared'
// RACE: SUMMARY: gosan: data race
// RACE-NOT: WARNING: gosan
// RACE: status 66

// ASLEEP: WARNING: gosan: deadlock
// ASLEEP-DAG: #0 stuck_receiver {{.*}}shlib_part.c:40
// ASLEEP-DAG: #0 asleep_mode {{.*}}shlib_main.c:160
// ASLEEP: status 66
