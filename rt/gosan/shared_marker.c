/* shared_marker.c - the name a checked shared library needs from its
 * program: the checker's counterpart of rt/go/shared_marker.c.
 *
 * A checked `gosan-cc -shared` library calls the checker of its program's
 * executable (__gosan_* of the ABI).  Its guard object refers to this
 * variable as data, bound when the library is loaded: loaded into a program
 * built without the checker (a --plain build, or no gosan at all), it fails
 * at once with this name in the loader's message, rather than at the first
 * instrumented access. */
__attribute__((used)) const char __gosan_checked_library_needs_a_program_linked_with_gosan_cc = 1;
