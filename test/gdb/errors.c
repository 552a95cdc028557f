// (gdb -batch fails when its last command fails: each run ends with `echo`.)
// Misuse of the commands gets a message naming the problem: an unknown
// goroutine, an id that is not a number, a frame out of range, and a
// program that does not use the library.  gdb -x loads the installed
// script by hand where auto-loading is off.
// REQUIRES: gdb, plugin
// RUN: %gosan-cc --plain -g -O0 %S/Inputs/parked.c -o %t
// RUN: %gdb -iex 'set auto-load python-scripts off' -x %gosan-src/rt/go/gdb/gosan-gdb.py \
// RUN:   -ex 'break stop_here' -ex run -ex 'goroutine 99 bt' -ex 'goroutine x bt' \
// RUN:   -ex 'goroutine 2 frame 7' -ex 'goroutine' -ex 'goroutine all' -ex 'echo end\n' %t 2>&1 | FileCheck %s
// RUN: %gosan-clang -g %S/Inputs/no_library.c -o %t.nolib
// RUN: %gdb -x %gosan-src/rt/go/gdb/gosan-gdb.py -ex 'break main' -ex run -ex 'info goroutines' -ex 'echo end\n' \
// RUN:   %t.nolib 2>&1 | FileCheck --check-prefix=NOLIB %s

// CHECK: gosan: no goroutine 99 (`info goroutines` lists them)
// CHECK: gosan: `x` is not a goroutine id (usage: goroutine N bt)
// CHECK: gosan: goroutine 2 has frames 0..0
// CHECK: usage: goroutine N bt|frame K|CMD, goroutine all bt, goroutine off
// CHECK: usage: goroutine all bt [full]
// NOLIB: gosan: no goroutine library in this program
