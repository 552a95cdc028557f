# Warning flags shared by every C target of the project.
set(GOSAN_C_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes)
