/* shared_marker.c - the name a shared library built with gosan-cc needs
 * from its program.
 *
 * A `gosan-cc -shared` library carries no copy of the library: it uses the
 * executable's (one scheduler).  Its guard object (tools/gosan-cc.in)
 * refers to this variable as data, which the dynamic loader binds when the
 * library is loaded: a program not linked with gosan has no such name, and
 * the loader's "undefined symbol" then says what is missing.  Exported by
 * the executable with the library's other public names. */
__attribute__((visibility("default"), used)) const char go_shared_library_needs_a_program_linked_with_gosan = 1;
