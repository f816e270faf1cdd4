#!/bin/sh
# The regroup remedy: a racing field whose writers all hold the lock of
# another memory location joins it (rg_port.cfg_dirty, behind the
# existing ":0"), fields that share a lock of their own go behind a new
# ":0" (rg_queue.paused and draining); both at no cost in size, so the
# rule picks regroup over split and bitops.  verify proves the planned
# locations on a rebuild.  Expected diffs in tests/expect/remedy/.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/remedy"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'the regroup remedy' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'build the samples and find the facts once' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null 2>&1 &&
	bitsplit facts --tree tree --build build remedy-regroup >facts.tsv 2>/dev/null
'

test_expect_success 'the rule picks regroup, says why and what the others cost' '
	bitsplit fix --tree tree --build build --facts facts.tsv --verify \
		--out out remedy-regroup >actual &&
	cat >expect <<-\EOF &&
	struct rg_port (remedy-regroup/rgport.h):
	  remedy regroup: cfg_dirty, written under cfg_lock like cfg_valid and cfg_pending, joins their location, at no cost in size
	  alternatives: split +0 bytes, bitops +8 bytes
	struct rg_port: size 32 -> 32, regroup
	  regroup  cfg_dirty                unsigned int:1           12:2 -> 16:2
	  before: size 32, cachelines 1, holes: 12:3 (5 bits), 13 (3 bytes), 16:2 (6 bits), 17 (7 bytes)
	  after:  size 32, cachelines 1, holes: 12:2 (6 bits), 13 (3 bytes), 16:3 (5 bits), 17 (7 bytes)
	  wrote out/rg_port.diff
	struct rg_queue (remedy-regroup/rgport.h):
	  remedy regroup: paused and draining, written under ctl_lock, go behind a new '"':0'"', at no cost in size
	  alternatives: split +4 bytes, bitops +8 bytes
	struct rg_queue: size 16 -> 16, regroup
	  regroup  paused                   u8:1                     8:3 -> 9:0
	  regroup  draining                 u8:1                     8:4 -> 9:1
	  before: size 16, cachelines 1, holes: 8:5 (3 bits), 9 (1 byte)
	  after:  size 16, cachelines 1, holes: 8:3 (5 bits), 9:2 (6 bits)
	  wrote out/rg_queue.diff
	verify out/rg_port.diff: struct rg_port
	  applied in a scratch copy of tree
	  rg_port: layout as planned in remedy-regroup/rgport.o: 9 members, 1 regrouped field in the planned memory locations, size 32
	verify out/rg_queue.diff: struct rg_queue
	  applied in a scratch copy of tree
	  rg_queue: layout as planned in remedy-regroup/rgport.o: 9 members, 2 regrouped fields in the planned memory locations, size 16
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/rg_port.diff" out/rg_port.diff &&
	test_cmp "$EXPECT/rg_queue.diff" out/rg_queue.diff
'

test_expect_success 'the plan numbers the memory location of each bitfield' '
	printf "%s\n" "struct	rg_queue	16	remedy-regroup/rgport.h" \
		"member	lock	0	0	stay" "member	ctl_lock	32	0	stay" \
		"member	running	64	1	packed	1" "member	stopped	65	1	packed	1" \
		"member	kicked	66	1	packed	1" "member	paused	72	1	regroup	2" \
		"member	draining	73	1	regroup	2" "member	depth	80	0	stay" \
		"member	head	96	0	stay" >expect &&
	test_cmp expect out/rg_queue.plan
'

test_expect_success 'no .c change and no hazard: the fields keep their width' '
	! test -e out/rg_port.cocci && ! test -e out/rg_queue.cocci &&
	! grep -q "^diff --git a/remedy-regroup/rgport.c" out/rg_port.diff
'

test_expect_success '--fix split overrides the rule, and meets the hazard regroup avoids' '
	test_expect_code 1 bitsplit fix --tree tree --build build --facts facts.tsv --fix split \
		-C rg_port --out split remedy-regroup >actual &&
	cat >expect <<-\EOF &&
	remedy-regroup/rgport.c:58: hazard: port->cfg_dirty = rg_config_changed(port): may store more than the 1 bit cfg_dirty keeps today; as unsigned int it keeps it
	struct rg_port (remedy-regroup/rgport.h): withheld: see the hazards above
	EOF
	test_cmp expect actual
'

test_expect_success '--fix split on rg_queue: the report names the override' '
	bitsplit fix --tree tree --build build --facts facts.tsv --fix split \
		-C rg_queue --out split remedy-regroup >actual &&
	sed -n 2,3p actual >head &&
	cat >expect <<-\EOF &&
	  remedy split: --fix split
	  alternatives: regroup +0 bytes, bitops +8 bytes
	EOF
	test_cmp expect head &&
	grep -x "+	u8			paused;" split/rg_queue.diff
'

test_expect_success 'verify refuses a regroup whose new :0 was dropped' '
	grep -v "^+	u8			:0;$" out/rg_queue.diff |
		sed "s/^@@ -33,9 +33,12 @@/@@ -33,9 +33,11 @@/" >broken.diff &&
	cp out/rg_queue.plan broken.plan &&
	test_expect_code 2 bitsplit verify --tree tree --build build broken.diff >out.txt 2>err &&
	grep "verify rg_queue: paused at bit 67 (width 1), the plan says 72 (1)" err
'

test_expect_success 'an unknown remedy is an error' '
	test_expect_code 2 bitsplit fix --tree tree --build build --facts facts.tsv --fix glue \
		--out x remedy-regroup 2>err &&
	grep "unknown remedy .glue.: expected split, regroup or bitops" err
'

test_done
