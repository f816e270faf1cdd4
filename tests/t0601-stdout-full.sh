#!/bin/sh
# A report that cannot be written is an error: every command's stdout on
# /dev/full (a full disk) exits 2 with one message, never 0 or 1.
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect"

full() {	# the command: exit 2, the message last on stderr
	bitsplit "$@" >/dev/full 2>err
	rc=$?
	echo "bitsplit: error: write error on standard output: No space left on device" >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	test "$rc" = 2
}

test_expect_success 'build the samples' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null
'

test_expect_success '--version and --help' '
	full --version && full --help && full help fix && full fix --help
'

test_expect_success 'layout' '
	full layout build/vfio/vfpci_core.o
'

test_expect_success 'facts' '
	full facts --tree tree --build build vfio
'

test_expect_success 'check (races found: 1 without the error)' '
	full check --tree tree --layout build/vfio/vfpci_core.o --facts "$EXP/check/vfio.facts"
'

test_expect_success 'fix' '
	full fix --tree tree --build build --facts "$EXP/check/vfio.facts" --out out vfio &&
	test -s out/vfpci_device.diff
'

test_expect_success 'verify' '
	full verify --tree tree --build build out/vfpci_device.diff
'

test_expect_success 'sweep and merge' '
	full sweep --tree tree --out sw vfio &&
	full merge --tree tree --out all sw
'

test_expect_success 'series' '
	mkdir repo &&
	cp -r tree/include tree/vfio tree/Makefile repo/ &&
	(cd repo && git init -q && git add -A &&
	 git -c user.name=A -c user.email=a@example.org commit -qm init) &&
	(cd repo && full series --build "$TRASH/build" --out ../series vfio)
'

test_expect_success 'install-cocci' '
	mkdir -p linux/scripts/coccinelle/misc &&
	: >linux/scripts/coccicheck &&
	full install-cocci --tree linux
'

test_done
