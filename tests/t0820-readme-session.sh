#!/bin/sh
# The README's worked session runs as written: every "$ " command between
# the session markers runs in order in a copy of a fresh clone, exits 0
# (check: 1, a field must move), and prints every output line the README
# shows for it ("..." lines are the trimmed parts).
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a fresh clone, ./bitsplit built' '
	mkdir clone && cp -r "$ROOT/samples" clone/ && ln -s "$BITSPLIT" clone/bitsplit &&
	rm -f clone/samples/scripts/coccinelle/misc/racy_bitfields.cocci &&
	(cd clone && git init -q && git add -A &&
	 git -c user.name=Ada -c user.email=ada@example.org commit -qm "Add the samples" &&
	 git config user.name "Ada Lovelace" && git config user.email ada@example.org) &&
	sed -n "/^<!-- session -->$/,/^<!-- \/session -->$/p" "$ROOT/README.md" >session &&
	grep -c "^    \$ " session >count && test $(cat count) -ge 6
'

# Split the session into one script per command and the lines it must print.
test_expect_success 'the session names check, fix --verify, series, install-cocci, coccicheck' '
	awk "
		/^    \\\$ / { n++; sub(/^    \\\$ /, \"\"); print > (\"cmd\" n); printf \"\" > (\"want\" n); next }
		/^    / && n { sub(/^    /, \"\"); if (\$0 != \"...\") print >> (\"want\" n); next }
		{ if (n) close(\"want\" n) }
	" session &&
	cat cmd* >all &&
	for c in "bitsplit check " "bitsplit fix .*--verify" "bitsplit series " \
		 "bitsplit install-cocci " "make -s -C samples coccicheck " "make -C samples O="; do
		grep "$c" all || return 1
	done
'

n=1
while [ -f "$TRASH/cmd$n" ]; do
	cmd=$(cat "$TRASH/cmd$n")
	case $cmd in
	make) test_skip "$cmd" "the test harness built the binary"; n=$((n + 1)); continue ;;
	*"bitsplit check "*) want_rc=1 ;;
	*) want_rc=0 ;;
	esac
	test_expect_success "\$ $cmd" "
		cd clone && sh -c \"\$(cat ../cmd$n)\" >../out$n 2>&1
		rc=\$?
		cd .. && test \$rc = $want_rc || { cat out$n; exit 1; }
		while IFS= read -r line; do
			grep -F -x -e \"\$line\" out$n >/dev/null ||
				{ echo \"missing: \$line\"; cat out$n; exit 1; }
		done <want$n
	"
	n=$((n + 1))
done

test_expect_success 'the session left the clone clean but for what git ignores' '
	cp "$ROOT/.gitignore" clone/ && cd clone && git status --porcelain >../status &&
	echo "?? .gitignore" >../expect && test_cmp ../expect ../status
'

test_done
