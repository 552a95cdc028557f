// The program of mix.h alone, for test/replay.
#include "mix.h"

int main(void)
{
    mix_run();
    return 0;
}
