// A checked shared library loaded into a program without the checker (a
// --plain build, or no gosan at all): the loader's error names the
// checker's marker, with lazy and immediate binding alike; a checked
// program loads it.
// REQUIRES: plugin
// RUN: rm -rf %t && mkdir -p %t
// RUN: %gosan-cc -O1 -fPIC -shared -DP=dl_ %S/Inputs/shlib_part.c -o %t/checked.so
// RUN: %plain-cc -O1 %S/Inputs/shlib_loader.c -ldl -o %t/loader-plain
// RUN: %gosan-cc -O1 %S/Inputs/shlib_loader.c -ldl -o %t/loader-checked
// RUN: %gosan-clang -O1 %S/Inputs/shlib_loader.c -ldl -o %t/loader
// RUN: not %t/loader-plain %t/checked.so lazy | FileCheck --check-prefix=NOCHECKER %s
// RUN: not %t/loader-plain %t/checked.so now | FileCheck --check-prefix=NOCHECKER %s
// RUN: not %t/loader %t/checked.so lazy | FileCheck --check-prefix=NONE %s
// RUN: %t/loader-checked %t/checked.so now | FileCheck --check-prefix=LOADED %s
// NOCHECKER: dlopen failed: {{.*}}checked.so: undefined symbol: __gosan_checked_library_needs_a_program_linked_with_gosan_cc
// NONE: dlopen failed: {{.*}}checked.so: undefined symbol: {{go_shared_library_needs_a_program_linked_with_gosan|__gosan_checked_library_needs_a_program_linked_with_gosan_cc}}
// LOADED: loaded
