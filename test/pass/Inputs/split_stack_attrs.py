# Prints, for each function named after the .ll file, whether its definition
# carries the "split-stack" attribute (split / nosplit), on one line.
import re
import sys

text = open(sys.argv[1]).read()
groups = {m.group(1): m.group(2) for m in re.finditer(r'^attributes #(\d+) = \{(.*)\}$', text, re.M)}
defs = {m.group(1): m.group(2) for m in re.finditer(r'^define [^@]*@(\w+)\(.*\)[^#{]*#(\d+)', text, re.M)}
print(' '.join(f + (' split' if 'split-stack' in groups[defs[f]] else ' nosplit') for f in sys.argv[2:]))
