/* autoload.S - puts gosan-gdb.py into the program's .debug_gdb_scripts
 * section, so gdb loads the goroutine commands (info goroutines, goroutine
 * N bt) by itself, as it loads Go's runtime-gdb.py for Go programs.
 *
 * An entry of kind 4 is an inline Python script: its first line names it,
 * the rest is the script, a NUL ends it.  The section is not allocated, so
 * the program carries it only in its file and no linker option drops it;
 * "MS" with entry size 1 lets the linker keep one copy however many objects
 * bring it.  gdb runs it only from a file under its auto-load safe-path
 * (docs/debugging.md says how to allow one). */
    .pushsection .debug_gdb_scripts, "MS", @progbits, 1
    .byte 4
    .ascii "gosan-gdb.py\n"
    .incbin GOSAN_GDB_SCRIPT
    .byte 0
    .popsection
    .section .note.GNU-stack, "", @progbits
