#!/bin/sh
# "make demo": build the samples, ask bitsplit which bitfields of the
# vfio-like driver race, then write the patch and prove it with the
# compiler.  Nothing under samples/ is modified.
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bitsplit-demo.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
step() { printf '\n=== %s\n' "$*"; }

step "make -C samples O=\$BUILD   (objects with DWARF, compile_commands.json)"
make -s -C samples O="$tmp/build" >/dev/null || exit 2

step "bitsplit facts --tree samples --build \$BUILD vfio >\$FACTS   (spatch, once)"
./bitsplit facts --tree samples --build "$tmp/build" vfio >"$tmp/facts.tsv" || exit 2

step "bitsplit check --tree samples --build \$BUILD --facts \$FACTS vfio"
./bitsplit check --tree samples --build "$tmp/build" --facts "$tmp/facts.tsv" vfio
[ $? -le 1 ] || exit 2

step "bitsplit fix --tree samples --build \$BUILD --facts \$FACTS --verify --out \$OUT vfio"
./bitsplit fix --tree samples --build "$tmp/build" --facts "$tmp/facts.tsv" \
	--verify --out "$tmp/out" vfio || exit 2

step "the verified patch: \$OUT/vfpci_device.diff"
cat "$tmp/out/vfpci_device.diff"
