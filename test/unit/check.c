/* Unit test of common/check.h: a failed GS_CHECK prints file:line, the
 * condition and the message on stderr and aborts; GS_DCHECK evaluates its
 * condition in debug builds (GOSAN_DEBUG=1) only.
 *
 * RUN: %unit_bin/unit_check
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "unit.h"

int main(void)
{
    int n = 0;
    GS_DCHECK(++n > 0);
    UT_EQ(n, GOSAN_DEBUG ? 1 : 0);
    GS_CHECK(n >= 0); /* holds: nothing happens */

    int fds[2];
    UT_ASSERT(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        int x = 5;
        GS_CHECK_MSG(x + 1 == 3, "x=%d", x);
        _exit(0);
    }
    close(fds[1]);
    char out[512] = {0};
    size_t len = 0;
    for (ssize_t r; len < sizeof out - 1 && (r = read(fds[0], out + len, sizeof out - 1 - len)) > 0;)
        len += (size_t)r;
    int status;
    UT_ASSERT(waitpid(pid, &status, 0) == pid);
    UT_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    UT_EXPECT(strstr(out, "gosan: CHECK failed: ") != NULL);
    UT_EXPECT(strstr(out, "check.c:28: x + 1 == 3 (x=5)\n") != NULL);
    if (ut_failures)
        fprintf(stderr, "child printed: %s", out);
    return ut_done("check");
}
