# Warning flags shared by every C target of the project.  A call to an
# undeclared function is an error for clang 16 and later; it is one for
# every compiler here, so a build with clang 14 or gcc catches it too.
set(GOSAN_C_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
    -Werror=implicit-function-declaration)
# Clang's lock analysis over the checker runtime's annotated spin locks
# (rt/gosan/common/spinlock.h); gcc has no such analysis.
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  set(GOSAN_C_THREAD_SAFETY -Wthread-safety)
else()
  set(GOSAN_C_THREAD_SAFETY)
endif()
