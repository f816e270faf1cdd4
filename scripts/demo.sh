#!/bin/sh
# "make demo": build the samples, ask bitsplit which bitfields of the
# vfio-like driver race, then write the patch and prove it with the
# compiler.  Nothing under samples/ is modified; everything the demo
# writes stays in demo-out/ (ignored by git) for the user to open.
cd "$(dirname "$0")/.." || exit 2
out=demo-out
rm -rf "$out" && mkdir "$out" || exit 2
step() { printf '\n=== %s\n' "$*"; }

step "make -C samples O=$out/build   (objects with DWARF, compile_commands.json)"
make -s -C samples O="$PWD/$out/build" >/dev/null || exit 2

step "./bitsplit facts --tree samples --build $out/build vfio >$out/facts.tsv   (spatch, once)"
./bitsplit facts --tree samples --build "$out/build" vfio >"$out/facts.tsv" || exit 2

step "./bitsplit check --tree samples --build $out/build --facts $out/facts.tsv vfio"
./bitsplit check --tree samples --build "$out/build" --facts "$out/facts.tsv" vfio
[ $? -le 1 ] || exit 2

step "./bitsplit fix --tree samples --build $out/build --facts $out/facts.tsv --verify --out $out/fix vfio"
./bitsplit fix --tree samples --build "$out/build" --facts "$out/facts.tsv" \
	--verify --out "$out/fix" vfio || exit 2

step "the verified patch, kept in $out/fix/vfpci_device.diff"
cat "$out/fix/vfpci_device.diff"
printf '\nThe objects, facts and patch are in %s/ (rm -rf %s when done).\n' "$out" "$out"
