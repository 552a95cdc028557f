# Finds the LLVM and clang of version GOSAN_LLVM_VERSION through llvm-config.
find_program(GOSAN_LLVM_CONFIG NAMES llvm-config-${GOSAN_LLVM_VERSION}
             PATHS /usr/lib/llvm-${GOSAN_LLVM_VERSION}/bin NO_DEFAULT_PATH)
find_program(GOSAN_LLVM_CONFIG NAMES llvm-config-${GOSAN_LLVM_VERSION})
if(NOT GOSAN_LLVM_CONFIG)
  message(FATAL_ERROR "llvm-config-${GOSAN_LLVM_VERSION} not found: apt-get install llvm-${GOSAN_LLVM_VERSION}-dev clang-${GOSAN_LLVM_VERSION} libclang-${GOSAN_LLVM_VERSION}-dev")
endif()
execute_process(COMMAND ${GOSAN_LLVM_CONFIG} --bindir OUTPUT_VARIABLE GOSAN_LLVM_BINDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${GOSAN_LLVM_CONFIG} --includedir OUTPUT_VARIABLE GOSAN_LLVM_INCLUDEDIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${GOSAN_LLVM_CONFIG} --cxxflags OUTPUT_VARIABLE GOSAN_LLVM_CXXFLAGS OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${GOSAN_LLVM_CONFIG} --version OUTPUT_VARIABLE GOSAN_LLVM_FULL_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
set(GOSAN_CLANG ${GOSAN_LLVM_BINDIR}/clang)
set(GOSAN_CLANGXX ${GOSAN_LLVM_BINDIR}/clang++)
set(GOSAN_FILECHECK ${GOSAN_LLVM_BINDIR}/FileCheck)
set(GOSAN_LLVM_SYMBOLIZER ${GOSAN_LLVM_BINDIR}/llvm-symbolizer)
if(NOT EXISTS ${GOSAN_CLANG})
  message(FATAL_ERROR "${GOSAN_CLANG} not found: apt-get install clang-${GOSAN_LLVM_VERSION}")
endif()
message(STATUS "gosan: LLVM ${GOSAN_LLVM_FULL_VERSION} at ${GOSAN_LLVM_BINDIR}")
# gosan-cc compiles and links with GOSAN_CLANG, against the library's
# sanitizer variants that CMAKE_C_COMPILER built: two clang versions would mix
# two compiler-rt ABIs (the Makefile passes the matching compilers).
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(WARNING "gosan: CMAKE_C_COMPILER is ${CMAKE_C_COMPILER_ID}, not clang: the library's ASan/TSan variants "
                  "(%cc-asan, %cc-tsan tests) are not built; configure with -DCMAKE_C_COMPILER=${GOSAN_CLANG}")
elseif(NOT CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL ${GOSAN_LLVM_VERSION} OR
       CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL ${GOSAN_LLVM_VERSION}.999)
  message(WARNING "gosan: CMAKE_C_COMPILER is clang ${CMAKE_C_COMPILER_VERSION} but GOSAN_LLVM_VERSION is "
                  "${GOSAN_LLVM_VERSION}: configure with -DCMAKE_C_COMPILER=${GOSAN_CLANG}")
endif()
