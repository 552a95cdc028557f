// The sealed runtimes export only public names: the checker's ABI
// (__gosan_*) and interceptors, the library's public headers.  Every other
// symbol is local, so a program may define any name (test/report/
// user_names.c).  Lists the offenders: globals that are not public, and
// interceptors left local.
// REQUIRES: plugin
// RUN: sh %S/Inputs/public_symbols.sh %gosan-src %gosan-libdir "$(%gosan-clang -print-file-name=libc.so.6)" > %t.offenders
// RUN: not grep . %t.offenders
// The checks see something: the archives hold the public names.
// RUN: llvm-nm -g --defined-only %gosan-libdir/libgosan_rt.a | FileCheck --check-prefix=RT %s
// RUN: llvm-nm -g --defined-only %gosan-libdir/libgosan_go.a | FileCheck --check-prefix=GO %s
// RT-DAG: T __gosan_read4
// RT-DAG: T malloc
// RT-DAG: T pthread_mutex_lock
// GO-DAG: T go_spawn
// GO-DAG: T gosan_dump
// GO-DAG: T go_hooks_install
// GO-DAG: T __morestack
