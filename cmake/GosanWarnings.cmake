# Warning flags shared by every C target of the project.
set(GOSAN_C_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes)
# Clang's lock analysis over the checker runtime's annotated spin locks
# (rt/gosan/common/spinlock.h); gcc has no such analysis.
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  set(GOSAN_C_THREAD_SAFETY -Wthread-safety)
else()
  set(GOSAN_C_THREAD_SAFETY)
endif()
