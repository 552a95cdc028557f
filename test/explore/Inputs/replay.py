# replay.py OUT N -- PROGRAM ARGS...: runs the replay command that
# gosan-explore printed in OUT, N times, and checks that each run fails with
# the same exit status and prints the same text as the failing schedule
# (OUT's lines before gosan-explore's own three).  What differs between two
# runs of one schedule is masked: the pid, addresses (ASLR) and how long a
# goroutine has waited (the checker reads the real clock for it).
import os
import re
import subprocess
import sys


def mask(text):
    text = re.sub(r"pid=\d+", "pid=N", text)
    text = re.sub(r"0x[0-9a-f]+", "0xADDR", text)
    return re.sub(r"\(for [0-9.]+ (minutes|s|ms)\)", "(for T)", text)


def main(argv):
    out_path, count, command = argv[1], int(argv[2]), argv[4:]
    lines = open(out_path, errors="replace").read().splitlines(True)
    failed = [l for l in lines if l.startswith("gosan-explore: schedule ")][0]
    status = int(re.search(r"exit status (\d+)", failed).group(1))
    replay = [l for l in lines if l.startswith("replay: ")][0].split()[1:]
    env = dict(os.environ)
    for word in replay:
        if "=" not in word:
            break
        key, value = word.split("=", 1)
        env[key] = value
    expected = mask("".join(lines[:-3]))
    for i in range(count):
        run = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=60)
        got = mask(run.stdout.decode(errors="replace"))
        if run.returncode != status:
            print("replay %d: exit status %d, want %d" % (i, run.returncode, status))
            return 1
        if got != expected:
            print("replay %d: output differs:\n--- want\n%s--- got\n%s" % (i, expected, got))
            return 1
    print("%d replays: exit status %d, same output" % (count, status))
    return 0


sys.exit(main(sys.argv))
