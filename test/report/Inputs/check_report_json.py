#!/usr/bin/env python3
"""check_report_json.py SCHEMA LOG [KIND...]: every line of LOG is one JSON
object valid against SCHEMA (docs/report.schema.json), and the kinds of the
reports are KIND... in that order (when given).  Prints one line per report
(kind, fingerprint, the first stack's top function) for FileCheck.

A small validator for the part of JSON Schema the schema uses: type, enum,
required, properties, additionalProperties: false, items, minimum, pattern,
$ref to #/$defs; python3's standard library only."""
import json
import re
import sys

TYPES = {'object': dict, 'array': list, 'string': str, 'boolean': bool, 'null': type(None)}


def type_ok(value, t):
    if t == 'integer':
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[t])


def check(value, schema, root, path):
    if '$ref' in schema:
        name = schema['$ref'].split('/')[-1]
        return check(value, root['$defs'][name], root, path)
    errors = []
    if 'type' in schema:
        types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
        if not any(type_ok(value, t) for t in types):
            return ['%s: %r is not %s' % (path, value, '/'.join(types))]
    if 'enum' in schema and value not in schema['enum']:
        errors.append('%s: %r not in %r' % (path, value, schema['enum']))
    if 'minimum' in schema and isinstance(value, int) and value < schema['minimum']:
        errors.append('%s: %r < %r' % (path, value, schema['minimum']))
    if 'pattern' in schema and isinstance(value, str) and not re.search(schema['pattern'], value):
        errors.append('%s: %r does not match %s' % (path, value, schema['pattern']))
    if isinstance(value, dict):
        props = schema.get('properties', {})
        for key in schema.get('required', []):
            if key not in value:
                errors.append('%s: missing %s' % (path, key))
        for key, sub in value.items():
            if key in props:
                errors += check(sub, props[key], root, path + '.' + key)
            elif schema.get('additionalProperties') is False:
                errors.append('%s: unexpected %s' % (path, key))
    if isinstance(value, list) and 'items' in schema:
        for i, item in enumerate(value):
            errors += check(item, schema['items'], root, '%s[%d]' % (path, i))
    return errors


def main():
    schema = json.load(open(sys.argv[1]))
    kinds = []
    failed = False
    for n, line in enumerate(open(sys.argv[2], encoding='utf-8'), 1):
        try:
            report = json.loads(line)
        except ValueError as e:
            print('line %d: not JSON (%s): %s' % (n, e, line[:200].rstrip()))
            failed = True
            continue
        errors = check(report, schema, schema, 'line %d' % n)
        for e in errors:
            print(e)
        failed |= bool(errors)
        kinds.append(report.get('kind'))
        top = report['stacks'][0]['frames'][0]['function'] if report.get('stacks') and report['stacks'][0]['frames'] else '-'
        print('report: %s | %s | %s' % (report.get('kind'), report.get('fingerprint'), top))
    if len(sys.argv) > 3 and kinds != sys.argv[3:]:
        print('kinds %r, expected %r' % (kinds, sys.argv[3:]))
        failed = True
    if failed:
        sys.exit(1)
    print('valid: %d report(s)' % len(kinds))


main()
