#!/bin/sh
# bitsplit fix refuses structs whose layout is an ABI or relied on, and
# withholds a patch whose stores would change meaning; each says why.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/fix"

test_expect_success 'build the samples' '
	make -s -C "$SAMPLES" O="$TRASH/build" >/dev/null
'

refused() {	# STRUCT.FIELD, then the expected line
	bitsplit fix --tree "$SAMPLES" --build build --out out --split "$1" fixcases >actual
	rc=$?
	echo "$2" >expect &&
	test_cmp expect actual &&
	test "$rc" = 1 &&
	! test -e "out/${1%%.*}.diff"
}

test_expect_success '__packed is refused' '
	refused fc_packed.busy "struct fc_packed (fixcases/fixcases.h): refused: it is __packed: the layout is deliberate"
'

test_expect_success 'a static_assert on the size is refused' '
	refused fc_pinned.dirty "struct fc_pinned (fixcases/fixcases.h): refused: fixcases/fixcases.h:67 pins its layout: static_assert(sizeof(struct fc_pinned) == 8, \"fc_pinned is a wire format\");"
'

test_expect_success 'a register overlay is refused' '
	refused fc_regs.irq "struct fc_regs (fixcases/fixcases.h): refused: union fc_reg overlays it with an integer word: a hardware register layout"
'

test_expect_success 'a struct a __packed struct holds is refused' '
	refused fc_bd_mode.status "struct fc_bd_mode (fixcases/fixcases.h): refused: struct fc_bd, which is __packed, holds it as mode: the layout is deliberate"
'

test_expect_success 'a positional initializer is refused' '
	refused fc_init.dirty "struct fc_init (fixcases/fixcases.h): refused: fixcases/fixcases.c:79 initializes it by position: moving members would reorder the values"
'

test_expect_success 'a uapi header is refused' '
	refused fc_uapi_req.done "struct fc_uapi_req (fixcases/uapi/fc_uapi.h): refused: fixcases/uapi/fc_uapi.h is a uapi header: the layout is ABI"
'

test_expect_success '__randomize_layout is refused' '
	refused fc_random.a "struct fc_random (fixcases/fixcases.h): refused: it is __randomize_layout: no fixed order to plan"
'

test_expect_success 'a signed 1-bit field withholds the patch' '
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_signed.on fixcases >actual
	rc=$? &&
	cat >expect <<-\EOF &&
	fixcases/fixcases.h:99: hazard: on is a signed 1-bit field: it reads 0 or -1 today, 0 or 1 as int
	struct fc_signed (fixcases/fixcases.h): withheld: see the hazards above
	EOF
	test_cmp expect actual &&
	test "$rc" = 1 &&
	! test -e out/fc_signed.diff
'

test_expect_success 'a value-dependent store into a u8:1 withholds the patch' '
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_hazard.irq_pending \
		--facts "$EXPECT/fc_hazard.facts" fixcases >actual
	rc=$? &&
	cat >expect <<-\EOF &&
	fixcases/fixcases.c:52: hazard: h->irq_pending = status & BIT(3): the 1-bit field stores 0 today whatever the flag, u8 stores it: fix the store first (!!(...), see the .cocci)
	struct fc_hazard (fixcases/fixcases.h): withheld: see the hazards above
	  suggested store fix: out/fc_hazard-stores.diff (from out/fc_hazard.cocci)
	EOF
	test_cmp expect actual &&
	test "$rc" = 1 &&
	! test -e out/fc_hazard.diff &&
	test_cmp "$EXPECT/fc_hazard-stores.diff" out/fc_hazard-stores.diff
'

test_expect_success 'the kept .cocci lists the store for a reviewer' '
	(cd "$SAMPLES" && spatch --very-quiet --sp-file "$TRASH/out/fc_hazard.cocci" \
		-D report fixcases/fixcases.c) 2>/dev/null >actual &&
	echo "fixcases/fixcases.c:52:16-17: store into irq_pending may be neither 0 nor 1" >expect &&
	test_cmp expect actual
'

test_expect_success 'without the facts only declarations are checked: the patch is written' '
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_hazard.irq_pending \
		fixcases >actual &&
	test -e out/fc_hazard.diff
'

test_done
