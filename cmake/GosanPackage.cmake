# gosan as a package for other builds: the CMake package (find_package(gosan
# CONFIG)) and the pkg-config files (gosan.pc, gosan-checked.pc).
#
# The CMake package works from an install prefix (install(EXPORT)) and from
# this build tree (export(): -Dgosan_DIR=<build dir>); both define the same
# imported targets:
#   gosan::go       the library alone (libgosan_go.a + its headers)
#   gosan::rt       the checker runtime archive (linked whole by gosan::checked)
#   gosan::pass, gosan::plugin   the two plugin objects
# and cmake/package/gosanChecker.cmake adds gosan::checked and
# gosan_enable_checker() on top of them.
#
# Invariants: everything installed is relocatable (`cmake --install build
# --prefix P` may choose P after configuring): no file bakes
# CMAKE_INSTALL_PREFIX in; the .pc files find their prefix through
# ${pcfiledir}, the CMake files through their own location.  The LLVM major
# the plugin was built for travels with both, so a consumer with another
# clang is stopped at configure time.
include(CMakePackageConfigHelpers)
set(GOSAN_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/gosan)
set(GOSAN_PACKAGE_SRC ${CMAKE_SOURCE_DIR}/cmake/package)
if(NOT GOSAN_BUILD_PLUGIN)
  set(GOSAN_PACKAGE_LLVM_VERSION "")
else()
  set(GOSAN_PACKAGE_LLVM_VERSION ${GOSAN_LLVM_VERSION})
endif()

# --- CMake package -----------------------------------------------------
set_target_properties(gosan_go PROPERTIES EXPORT_NAME go)
set(gosan_exported gosan_go)
if(GOSAN_BUILD_PLUGIN)
  set_target_properties(gosan_rt PROPERTIES EXPORT_NAME rt)
  set_target_properties(gosan_pass PROPERTIES EXPORT_NAME pass)
  set_target_properties(gosan_plugin PROPERTIES EXPORT_NAME plugin)
  set_target_properties(gosan_stack PROPERTIES EXPORT_NAME stack)
  list(APPEND gosan_exported gosan_rt gosan_pass gosan_plugin gosan_stack)
endif()
# The targets' own install() rules put the files in place; this rule only
# records them in the export set (the same destinations, so no second copy).
install(TARGETS ${gosan_exported} EXPORT gosanTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT gosanTargets NAMESPACE gosan:: DESTINATION ${GOSAN_CMAKE_INSTALL_DIR})
export(EXPORT gosanTargets NAMESPACE gosan:: FILE ${CMAKE_BINARY_DIR}/gosanTargets.cmake)

configure_file(${GOSAN_PACKAGE_SRC}/gosanConfig.cmake.in ${CMAKE_BINARY_DIR}/gosanConfig.cmake @ONLY)
configure_file(${GOSAN_PACKAGE_SRC}/gosanChecker.cmake ${CMAKE_BINARY_DIR}/gosanChecker.cmake COPYONLY)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gosanConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gosanConfig.cmake ${CMAKE_BINARY_DIR}/gosanConfigVersion.cmake
              ${GOSAN_PACKAGE_SRC}/gosanChecker.cmake
        DESTINATION ${GOSAN_CMAKE_INSTALL_DIR})

# --- pkg-config ----------------------------------------------------------
# ${pcfiledir} is <prefix>/<libdir>/pkgconfig: the prefix is as many `..` up
# as the libdir has components, plus one.
set(GOSAN_PC_PREFIX "\${pcfiledir}/..")
string(REPLACE "/" ";" gosan_libdir_parts "${CMAKE_INSTALL_LIBDIR}")
foreach(part ${gosan_libdir_parts})
  string(APPEND GOSAN_PC_PREFIX "/..")
endforeach()
set(gosan_pc_files gosan)
if(GOSAN_BUILD_PLUGIN)
  list(APPEND gosan_pc_files gosan-checked)
endif()
foreach(pc ${gosan_pc_files})
  configure_file(${GOSAN_PACKAGE_SRC}/${pc}.pc.in ${CMAKE_BINARY_DIR}/pkgconfig/${pc}.pc @ONLY)
  install(FILES ${CMAKE_BINARY_DIR}/pkgconfig/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
