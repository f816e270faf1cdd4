#!/bin/sh
# samples/lockchain: a lock reached through a pointer member is the lock of
# the struct that member points to.  lc_resume_write takes
# &migf->dev->state_mutex and lc_event &dev->state_mutex: one lock, struct
# lc_dev's, so resumed and detached do not race.  lc_arm takes
# &migf->arm->state_mutex, struct lc_arm's: armed races with both, and the
# report names each state_mutex by its struct.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: each lock is named by the struct the chain leads to' '
	bitsplit facts -q --tree "$SAMPLES" --build objs lockchain >facts &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	cat >expect <<-\EOT &&
	lc_resume_write	resumed	lc_dev.state_mutex:w@lexical
	lc_event	detached	lc_dev.state_mutex:w@lexical
	lc_arm	armed	lc_arm.state_mutex:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'check: only armed moves, and the two state_mutexes are told apart' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs lockchain >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves armed" >expect &&
	test_cmp expect actual &&
	grep -A3 "^    armed: moves" out | tr -s " \n" "  " >actual &&
	grep "holding lc_dev.state_mutex, and armed by lc_arm (from ioctl: lc_arm) holding lc_arm.state_mutex: no common lock" actual &&
	! grep -F "?" out
'

test_expect_success 'check -C: the structs with no bitfield still type the chain' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs -C lc_dev lockchain >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves armed" >expect &&
	test_cmp expect actual
'

test_expect_success 'fix: the comment names the other struct'"'"'s lock in full' '
	bitsplit fix --tree "$SAMPLES" --build objs -C lc_dev --out fx lockchain >/dev/null 2>&1 &&
	grep "^+	/\*" fx/lc_dev.diff >actual &&
	cat >expect <<-\EOT &&
	+	/* No two writers of these flags run concurrently - bitfield ok */
	+	/* written under lc_arm.state_mutex */
	EOT
	test_cmp expect actual
'

test_expect_success 'sweep: declarations type the chain too (2 races, not 3)' '
	test_expect_code 1 bitsplit sweep --tree "$SAMPLES" --out sw lockchain >/dev/null &&
	grep "^1\. struct lc_dev" sw/summary.txt >actual &&
	grep ": 2 races, 2 from two roots, 3 roots," actual
'

test_done
