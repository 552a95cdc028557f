#!/usr/bin/env python3
"""check-ci-doc.py SRC: docs/ci.md and examples/ci agree.

- docs/ci.md's ```yaml block is examples/ci/github-actions.yml, byte for byte;
- its ```sh gosan-job.sh block is examples/ci/gosan-job.sh;
- every line of the workflow's `run:` steps from "Build the tests checked"
  on starts a line of gosan-job.sh (the job may add `|| status=1`), so the
  two jobs run the same commands, with the same GOSAN_OPTIONS.
Exits 1 naming the first difference."""
import re
import sys

src = sys.argv[1]
doc = open(src + '/docs/ci.md').read()
yml = open(src + '/examples/ci/github-actions.yml').read()
job = open(src + '/examples/ci/gosan-job.sh').read()


def block(tag):
    m = re.search(r'^```' + re.escape(tag) + r'\n(.*?)^```$', doc, re.S | re.M)
    if not m:
        sys.exit('docs/ci.md: no ```%s block' % tag)
    return m.group(1)


if block('yaml') != yml:
    sys.exit('docs/ci.md: the ```yaml block differs from examples/ci/github-actions.yml')
if block('sh gosan-job.sh') != job:
    sys.exit('docs/ci.md: the ```sh gosan-job.sh block differs from examples/ci/gosan-job.sh')

job_lines = [l.strip() for l in job.splitlines()]
steps = yml[yml.index('- name: Build the tests checked'):]
checked = 0
for step in re.finditer(r'run: \|\n((?:          .*\n)+)', steps):
    for line in step.group(1).splitlines():
        line = line.strip()
        if not any(j.startswith(line) for j in job_lines):
            sys.exit('github-actions.yml runs %r, which gosan-job.sh does not' % line)
        checked += 1
if checked < 5:
    sys.exit('github-actions.yml: only %d run lines found after "Build the tests checked"' % checked)
if 'github/codeql-action/upload-sarif' not in yml:
    sys.exit('github-actions.yml: no upload-sarif step')
