# gosan_sealed_archive: a static library holding one relocatable object in
# which only the public names are global.
#
# The runtimes are linked into the user's program, which may define any name
# it likes (a function `gs_flush`, or one named like a library internal).  A
# global internal symbol would clash with it ('multiple definition') or take
# its place; hidden visibility alone does not help, since a static link
# resolves hidden symbols across objects like any other.  So the objects are
# linked into one (`-r`), and every symbol that is not public is made local
# to it: a program can no longer see, clash with or override them.
#
# The object's code is moved into the section TEXT_SECTION, for which the
# linker provides __start_TEXT_SECTION and __stop_TEXT_SECTION: the address
# range that tells the runtime's own frames from the program's in reports
# (no name test, which a user's function could fool).
#
#   gosan_sealed_archive(NAME TEXT_SECTION section
#                        OBJECT_LIBRARIES lib...
#                        [KEEP_LIST file]          symbols (globs) kept global
#                        [LOCALIZE_HIDDEN])        keep those not hidden
#
# Creates the STATIC library NAME (its archive is lib<NAME>.a).
function(gosan_sealed_archive name)
  cmake_parse_arguments(SA "LOCALIZE_HIDDEN" "TEXT_SECTION;KEEP_LIST" "OBJECT_LIBRARIES" ${ARGN})
  set(objects)
  foreach(lib ${SA_OBJECT_LIBRARIES})
    list(APPEND objects $<TARGET_OBJECTS:${lib}>)
  endforeach()
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.sealed)
  set(merged ${dir}/${name}.merged.o)
  set(sealed ${dir}/${name}.o)
  set(seal_opts --rename-section .text=${SA_TEXT_SECTION})
  set(deps ${SA_OBJECT_LIBRARIES})
  if(SA_KEEP_LIST)
    list(APPEND seal_opts --wildcard --keep-global-symbols=${SA_KEEP_LIST})
    list(APPEND deps ${SA_KEEP_LIST})
  endif()
  if(SA_LOCALIZE_HIDDEN)
    list(APPEND seal_opts --localize-hidden)
  endif()
  # The compiler driver runs the system linker, as the final link will; no
  # start files or libraries: only the objects are merged.
  add_custom_command(
    OUTPUT ${sealed}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${CMAKE_C_COMPILER} -nostdlib -r -o ${merged} ${objects}
    COMMAND ${CMAKE_OBJCOPY} ${seal_opts} ${merged} ${sealed}
    DEPENDS ${objects} ${deps}
    COMMAND_EXPAND_LISTS
    COMMENT "Sealing ${name}: one object, only public symbols global"
    VERBATIM)
  add_library(${name} STATIC ${sealed})
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE C)
endfunction()
