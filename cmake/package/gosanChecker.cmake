# gosanChecker.cmake: building a target checked, the CMake spelling of
# gosan-cc (tools/gosan-cc.in); loaded by gosanConfig.cmake.
#
#   target_link_libraries(app PRIVATE gosan::checked)   or
#   gosan_enable_checker(app)
#
# compile every source of `app` with the plugin (-fplugin, -fpass-plugin),
# line tables, frame pointers and the split-stack frame check (from
# gosan::go), and link the checker runtime whole (its interceptors must win
# over libc's), the library, -ldl -lm -lpthread and -rdynamic, as the driver
# does.  A SHARED or MODULE library `app` gets the compile flags and no
# archive: it uses its executable's checker and library.
#
# Invariant: the plugin runs only inside the clang of the LLVM major it was
# built for.  A project whose C or C++ compiler is anything else cannot use
# gosan::checked, and learns it at configure time, not at the first compile:
# gosan_enable_checker() stops at once, COMPONENTS checked makes
# find_package fail, and a target linking gosan::checked stops the configure
# at the end of the top directory (a deferred check), each with the same
# message.  gosan::go stays usable with any compiler.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20)

# Why this project's compilers cannot use the plugin, or "".
function(_gosan_checker_problem out)
  set(problem "")
  if(NOT TARGET gosan::rt OR NOT gosan_LLVM_VERSION)
    set(problem "this gosan was built without its checker (GOSAN_BUILD_PLUGIN=OFF): only gosan::go is available")
  endif()
  foreach(lang C CXX)
    if(problem OR NOT CMAKE_${lang}_COMPILER_LOADED)
      continue()
    endif()
    set(id "${CMAKE_${lang}_COMPILER_ID}")
    set(ver "${CMAKE_${lang}_COMPILER_VERSION}")
    string(REGEX MATCH "^[0-9]+" major "${ver}")
    set(want "${gosan_CLANG}")
    if(lang STREQUAL "CXX")
      set(want "${gosan_CLANGXX}")
    endif()
    if(NOT id STREQUAL "Clang")
      set(problem "gosan's checker is a clang ${gosan_LLVM_VERSION} plugin, but CMAKE_${lang}_COMPILER is ${id} ${ver} (${CMAKE_${lang}_COMPILER}): configure with -DCMAKE_${lang}_COMPILER=${want} to build checked targets (gosan::go alone works with any compiler)")
    elseif(NOT major STREQUAL gosan_LLVM_VERSION)
      set(problem "gosan's checker was built for LLVM ${gosan_LLVM_VERSION}, but CMAKE_${lang}_COMPILER is clang ${ver} (${CMAKE_${lang}_COMPILER}): configure with -DCMAKE_${lang}_COMPILER=${want}, or use a gosan built for LLVM ${major} (cmake -DGOSAN_LLVM_VERSION=${major})")
    endif()
  endforeach()
  set(${out} "${problem}" PARENT_SCOPE)
endfunction()

function(gosan_enable_checker target)
  get_property(problem GLOBAL PROPERTY GOSAN_CHECKER_PROBLEM)
  if(problem)
    message(FATAL_ERROR "gosan_enable_checker(${target}): ${problem}")
  endif()
  # The property, not target_link_libraries(): works whichever signature
  # the project uses for this target.
  set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES gosan::checked)
endfunction()

# Targets under `dir` that link gosan::checked directly.
function(_gosan_checked_users dir out)
  set(users "")
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(libs ${t} LINK_LIBRARIES)
    get_target_property(ilibs ${t} INTERFACE_LINK_LIBRARIES)
    if("gosan::checked" IN_LIST libs OR "gosan::checked" IN_LIST ilibs)
      list(APPEND users ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _gosan_checked_users("${sub}" sub_users)
    list(APPEND users ${sub_users})
  endforeach()
  set(${out} "${users}" PARENT_SCOPE)
endfunction()

function(_gosan_checked_guard)
  get_property(problem GLOBAL PROPERTY GOSAN_CHECKER_PROBLEM)
  _gosan_checked_users("${CMAKE_SOURCE_DIR}" users)
  if(problem AND users)
    string(REPLACE ";" ", " users "${users}")
    message(FATAL_ERROR "gosan::checked (linked by ${users}): ${problem}")
  endif()
endfunction()

_gosan_checker_problem(_gosan_problem)
set_property(GLOBAL PROPERTY GOSAN_CHECKER_PROBLEM "${_gosan_problem}")
get_property(_gosan_guarded GLOBAL PROPERTY GOSAN_CHECKED_GUARD_DEFERRED)
if(_gosan_problem AND NOT _gosan_guarded)
  set_property(GLOBAL PROPERTY GOSAN_CHECKED_GUARD_DEFERRED TRUE)
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _gosan_checked_guard)
endif()

# The split-stack frame check, on every compile that uses the library with
# the clang of the LLVM major gosan's plugins were built for (gosan-cc does
# the same for plain and checked builds; docs/scheduler.md, "Stacks").  It
# comes with gosan-stack.so, the pass plugin that leaves variadic functions
# without it (LLVM's x86 backend stops with a fatal error on a variadic
# function with the prologue).  Other compilers' code, and code from a gosan
# built without its plugins, is covered by guard pages instead.
get_target_property(_gosan_go_opts gosan::go INTERFACE_COMPILE_OPTIONS)
if(TARGET gosan::stack AND gosan_LLVM_VERSION AND NOT _gosan_go_opts MATCHES "fsplit-stack")
  foreach(_gosan_lang C CXX)
    string(REGEX MATCH "^[0-9]+" _gosan_major "${CMAKE_${_gosan_lang}_COMPILER_VERSION}")
    if(CMAKE_${_gosan_lang}_COMPILER_ID STREQUAL "Clang" AND _gosan_major STREQUAL gosan_LLVM_VERSION)
      set_property(TARGET gosan::go APPEND PROPERTY INTERFACE_COMPILE_OPTIONS
        "$<$<COMPILE_LANGUAGE:${_gosan_lang}>:SHELL:-Xclang -fsplit-stack>"
        "$<$<COMPILE_LANGUAGE:${_gosan_lang}>:-fpass-plugin=$<TARGET_FILE:gosan::stack>>")
    endif()
  endforeach()
  unset(_gosan_lang)
  unset(_gosan_major)
endif()

if(NOT TARGET gosan::checked)
  add_library(gosan::checked INTERFACE IMPORTED)
  if(TARGET gosan::rt)
    # -gline-tables-only gives reports FILE:LINE without -g; a build type
    # with -g keeps its full debug information.
    set_property(TARGET gosan::checked PROPERTY INTERFACE_COMPILE_OPTIONS
      "-fplugin=$<TARGET_FILE:gosan::plugin>" "-fpass-plugin=$<TARGET_FILE:gosan::pass>"
      "$<$<NOT:$<CONFIG:Debug,RelWithDebInfo>>:-gline-tables-only>"
      -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer)
    # A shared library (SHARED or MODULE) links no gosan archive: it uses
    # the executable's library and checker (docs/usage.md, "Shared
    # libraries"); it takes gosan::go's headers and compile flags only.  An
    # executable links the runtime whole, in one -Wl token so nothing can
    # reorder it out of the --whole-archive bracket, pulls in the library's
    # one sealed object (-u: --whole-archive would define it twice in a
    # target that links gosan::go too), and exports both (-rdynamic) for
    # the libraries it loads.
    set(_gosan_shlib "$<OR:$<STREQUAL:$<TARGET_PROPERTY:TYPE>,SHARED_LIBRARY>,$<STREQUAL:$<TARGET_PROPERTY:TYPE>,MODULE_LIBRARY>>")
    set_property(TARGET gosan::checked PROPERTY INTERFACE_LINK_LIBRARIES
      "$<$<NOT:${_gosan_shlib}>:-Wl,--whole-archive,$<TARGET_FILE:gosan::rt>,--no-whole-archive>"
      "$<$<NOT:${_gosan_shlib}>:gosan::go>" ${CMAKE_DL_LIBS} m)
    set_property(TARGET gosan::checked APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES
      "$<${_gosan_shlib}:$<TARGET_PROPERTY:gosan::go,INTERFACE_INCLUDE_DIRECTORIES>>")
    set_property(TARGET gosan::checked APPEND PROPERTY INTERFACE_COMPILE_OPTIONS
      "$<${_gosan_shlib}:$<TARGET_PROPERTY:gosan::go,INTERFACE_COMPILE_OPTIONS>>")
    set_property(TARGET gosan::checked PROPERTY INTERFACE_LINK_OPTIONS
      "$<$<NOT:${_gosan_shlib}>:-rdynamic;LINKER:-u,go_shared_library_needs_a_program_linked_with_gosan>")
    unset(_gosan_shlib)
  endif()
endif()
unset(_gosan_problem)
unset(_gosan_guarded)
unset(_gosan_go_opts)
cmake_policy(POP)
