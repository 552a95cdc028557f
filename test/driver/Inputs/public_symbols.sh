#!/bin/sh
# public_symbols.sh SRC LIBDIR LIBC: lists, as "ARCHIVE: global NAME" lines,
# every global symbol of the sealed runtimes that is not public, and, as
# "libgosan_rt.a: local interceptor NAME", every function of the checker
# runtime named like a C library function but left local (it would no
# longer override libc's).  No output: the rule holds.
#
# Public: in libgosan_rt.a the ABI (__gosan_*), the interceptors (names
# the C library defines) and the interfaces other tools define that gosan
# implements too (the C++ ABI's __cxa_guard_*, TSan's __tsan_acquire,
# __tsan_release and __tsan_mutex_*, the dynamic annotations' Annotate*
# and WTFAnnotate*); in libgosan_go.a the names of the public headers
# (include/gosan/*.h, rt/hooks/go_hooks.h), the split-stack entry
# __morestack that -fsplit-stack code calls, and the marker that a
# gosan-cc shared library binds when it is loaded (rt/go/shared_marker.c).
set -eu
src=$1 lib=$2 libc=$3
tmp=${TMPDIR:-/tmp}/public_symbols.$$
trap 'rm -f "$tmp".*' EXIT
llvm-nm -D --defined-only "$libc" | awk '{print $NF}' | sed 's/@.*//' | sort -u > "$tmp.libc"
cat "$src"/include/gosan/*.h "$src"/rt/hooks/go_hooks.h | grep -oE '\b[A-Za-z_][A-Za-z0-9_]*\b' |
  sort -u > "$tmp.headers"
echo __morestack >> "$tmp.headers"
echo go_shared_library_needs_a_program_linked_with_gosan >> "$tmp.headers"
# NAME per global defined symbol (llvm-nm prints "VALUE TYPE NAME").
globals() { llvm-nm -g --defined-only "$1" | awk 'NF == 3 {print $3}' | sort -u; }
globals "$lib/libgosan_rt.a" | grep -vE '^(__gosan_|__cxa_guard_|__tsan_(acquire|release|mutex_)|(WTF)?Annotate)' | grep -vxF -f "$tmp.libc" | sed 's/^/libgosan_rt.a: global /' || true
globals "$lib/libgosan_go.a" | grep -vxF -f "$tmp.headers" | sed 's/^/libgosan_go.a: global /' || true
llvm-nm --defined-only "$lib/libgosan_rt.a" | awk '$2 == "t" {print $3}' | sort -u | grep -xF -f "$tmp.libc" |
  sed 's/^/libgosan_rt.a: local interceptor /' || true
