#!/bin/sh
# bitsplit install-cocci copies the coccicheck rule into a kernel tree.
. "$(dirname "$0")/lib.sh"

RULE="$ROOT/semantic-patches/racy_bitfields.cocci"

test_expect_success 'installs the rule into scripts/coccinelle/misc' '
	mkdir -p linux/scripts/coccinelle/misc &&
	: >linux/scripts/coccicheck &&
	bitsplit install-cocci --tree linux >actual &&
	cat >expect <<-\EOT &&
	installed: linux/scripts/coccinelle/misc/racy_bitfields.cocci
	run: make coccicheck MODE=report COCCI=scripts/coccinelle/misc/racy_bitfields.cocci M=<dir>
	EOT
	test_cmp expect actual &&
	cmp "$RULE" linux/scripts/coccinelle/misc/racy_bitfields.cocci
'

test_expect_success 'a second run leaves an identical copy alone' '
	bitsplit install-cocci --tree linux >actual &&
	head -n 1 actual >first &&
	echo "up to date: linux/scripts/coccinelle/misc/racy_bitfields.cocci" >expect &&
	test_cmp expect first
'

test_expect_success 'an edited copy is replaced' '
	echo "// local edit" >>linux/scripts/coccinelle/misc/racy_bitfields.cocci &&
	bitsplit install-cocci --tree linux >actual &&
	head -n 1 actual >first &&
	echo "updated: linux/scripts/coccinelle/misc/racy_bitfields.cocci" >expect &&
	test_cmp expect first &&
	cmp "$RULE" linux/scripts/coccinelle/misc/racy_bitfields.cocci
'

test_expect_success 'refuses a directory that is not a kernel tree' '
	mkdir notlinux &&
	test_expect_code 2 bitsplit install-cocci --tree notlinux 2>err &&
	echo "bitsplit: error: notlinux: not a kernel tree (no scripts/coccicheck or scripts/coccinelle/misc/)" >expect &&
	test_cmp expect err
'

test_expect_success 'needs --tree' '
	test_expect_code 2 bitsplit install-cocci
'

test_done
