// A shared library built by gosan-cc loaded into a program that lacks what
// it needs: the loader's error names the missing part (a marker variable of
// the library, or of the checker, that the .so refers to as data), with
// lazy and immediate binding alike.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %plain-cc -O1 -fPIC -shared -DP=dl_ %S/Inputs/shlib_part.c -o %t/plain.so
// RUN: %gosan-clang -O1 %S/Inputs/shlib_loader.c -ldl -o %t/loader
// RUN: %plain-cc -O1 %S/Inputs/shlib_loader.c -ldl -o %t/loader-plain
// RUN: not %t/loader %t/plain.so lazy | FileCheck --check-prefix=NOLIB %s
// RUN: not %t/loader %t/plain.so now | FileCheck --check-prefix=NOLIB %s
// RUN: %t/loader-plain %t/plain.so now | FileCheck --check-prefix=LOADED %s
// NOLIB: dlopen failed: {{.*}}plain.so: undefined symbol: go_shared_library_needs_a_program_linked_with_gosan
// LOADED: loaded
