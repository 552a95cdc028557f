#!/usr/bin/env bash
# run-doc-recipe.sh DOC PREFIX LLVM DIR: builds in DIR the program of DOC's
# by-hand recipe, from the page itself, so the page cannot go stale.
#
# DOC's ```c prog.c block becomes DIR/prog.c; its ```sh recipe blocks run in
# order, as one bash -e script, in DIR.  Only the values of the first
# block's GOSAN= and LLVM= lines are replaced (by PREFIX and LLVM): every
# other line runs exactly as printed.
set -euo pipefail
doc=$1 prefix=$2 llvm=$3 dir=$4
mkdir -p "$dir"
# block TAG: the lines of every fenced block opened by ```TAG.
block() {
  awk -v tag="$1" '/^```/ { if (inb) { inb = 0; next } if ($0 == "```" tag) { inb = 1; next } } inb { print }' "$doc"
}
block "c prog.c" > "$dir/prog.c"
block "sh recipe" > "$dir/recipe.sh"
[ -s "$dir/prog.c" ] || { echo "run-doc-recipe: no \`\`\`c prog.c block in $doc" >&2; exit 1; }
grep -q '^GOSAN=' "$dir/recipe.sh" && grep -q '^LLVM=' "$dir/recipe.sh" ||
  { echo "run-doc-recipe: no GOSAN= / LLVM= line in $doc's \`\`\`sh recipe blocks" >&2; exit 1; }
sed -i -E "0,/^GOSAN=/s|^GOSAN=[^ ]*|GOSAN=$prefix|; 0,/^LLVM=/s|^LLVM=[^ ]*|LLVM=$llvm|" "$dir/recipe.sh"
cd "$dir"
bash -ex recipe.sh
