#!/usr/bin/env python3
"""check_sarif.py MULTITOOL OUTDIR FILE...: validates each SARIF log with
Microsoft's SARIF multitool (`validate`; any error-level finding fails),
then checks what code scanning relies on: SARIF 2.1.0, one run, every
result with a ruleId present in the rules, a location relative to SRCROOT,
and partialFingerprints.  Prints, per file, one line per result (ruleId,
fingerprint, location) for FileCheck.  MULTITOOL '-' skips the validator."""
import json
import os
import subprocess
import sys


def validate(tool, outdir, files):
    out = os.path.join(outdir, 'validation.sarif')
    if os.path.exists(out):
        os.remove(out)
    proc = subprocess.run([tool, 'validate', '--output', out] + files,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if proc.returncode != 0 or not os.path.exists(out):
        print('\n'.join(proc.stdout.splitlines()[-40:]))
        sys.exit('sarif-multitool validate failed (status %d)' % proc.returncode)
    errors = [r for run in json.load(open(out))['runs'] for r in run.get('results', [])
              if r.get('level', 'warning') == 'error']
    for r in errors:
        print('validator error:', r.get('ruleId'), json.dumps(r.get('message')),
              json.dumps(r.get('locations', [])[:1]))
    if errors:
        sys.exit(1)
    print('validator: no errors in %d file(s)' % len(files))


def check(path):
    log = json.load(open(path))
    assert log['version'] == '2.1.0', log['version']
    assert len(log['runs']) == 1, 'one run per process'
    run = log['runs'][0]
    rules = [r['id'] for r in run['tool']['driver']['rules']]
    print('%s: %d result(s)' % (os.path.basename(path).split('.')[0], len(run['results'])))
    for res in run['results']:
        assert rules[res['ruleIndex']] == res['ruleId'], res['ruleId']
        fp = res['partialFingerprints']['gosanStack/v1']
        loc = res['locations'][0]['physicalLocation']
        art = loc['artifactLocation']
        assert art.get('uriBaseId') == 'SRCROOT', art
        assert 'SRCROOT' in run['originalUriBaseIds']
        flows = sum(len(cf['threadFlows']) for cf in res.get('codeFlows', []))
        print('result: %s | %s | %s:%d | flows %d | related %d' % (
            res['ruleId'], fp, art['uri'], loc['region']['startLine'], flows, len(res.get('relatedLocations', []))))


def main():
    tool, outdir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    if tool != '-':
        validate(tool, outdir, files)
    for f in files:
        check(f)


main()
