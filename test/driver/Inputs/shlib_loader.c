/* shlib_loader.c - dlopens argv[1] (argv[2]: "now" or "lazy" binding) and
 * prints the loader's error: a program that may or may not have gosan in it,
 * for the guard of gosan-cc's shared libraries (shared_library_guard.c). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    void *h = dlopen(argv[1], strcmp(argv[2], "now") ? RTLD_LAZY : RTLD_NOW);
    if (!h) {
        printf("dlopen failed: %s\n", dlerror());
        return 1;
    }
    printf("loaded\n");
    return 0;
}
