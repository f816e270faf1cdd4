#!/bin/sh
# samples/gadgets/usbx: where the dispatch search looks for a subsystem
# core.  udc/ucore.c calls ->pullup() and ->vbus_session() under the UDC's
# connect_lock.  pudc.c, beside it, is a PATH file whose core is in its
# own directory; dwc/, a directory of its own, finds it in the subtree of
# its parent.  aux/uaux.c, a library, also calls ->pullup(), with no lock,
# but the core calls more of the fields the controllers fill and is taken
# first, which leaves aux nothing.  peer/peer.c, another controller,
# calls ->wakeup(), which the core does not, but exports nothing: a
# driver, not a core.  With the core analysed the connect_lock serializes
# every writer and nothing races; without it, pullup and vbus_session are
# roots with no lock and race.
. "$(dirname "$0")/lib.sh"

G="$SAMPLES/gadgets/usbx"

test_expect_success 'build the two controllers with DWARF' '
	${CC:-cc} -g -O2 -c -o dwc.o "$G/dwc/dwc.c" &&
	${CC:-cc} -g -O2 -c -o pudc.o "$G/udc/pudc.c"
'

test_expect_success 'a PATH file: the core beside it is analysed' '
	bitsplit facts --tree "$SAMPLES" --layout pudc.o gadgets/usbx/udc/pudc.c \
		>facts 2>err &&
	grep "analysed for its calls" err >actual &&
	echo "bitsplit facts: gadgets/usbx/udc/ucore.c: analysed for its calls of the PATHs'"'"' ops" >expect &&
	test_cmp expect actual &&
	grep "^dispatch" facts | cut -f 2,4,5 >actual &&
	cat >expect <<-\EOT &&
	gadgets/usbx/udc/ucore.c	ug_connect_locked	pullup
	gadgets/usbx/udc/ucore.c	ug_vbus_store	vbus_session
	EOT
	test_cmp expect actual
'

test_expect_success 'check: pudc'"'"'s ops hold the core'"'"'s connect_lock' '
	bitsplit check --tree "$SAMPLES" --layout pudc.o gadgets/usbx/udc/pudc.c >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves nothing" >expect &&
	test_cmp expect actual &&
	grep -c "holds connect_lock (held by a caller on this path)" out >count &&
	echo 2 >expect &&
	test_cmp expect count
'

test_expect_success 'a directory PATH: the core in the parent'"'"'s subtree, not aux or peer' '
	bitsplit facts --tree "$SAMPLES" --layout dwc.o gadgets/usbx/dwc >facts 2>err &&
	grep "analysed for its calls" err >actual &&
	echo "bitsplit facts: gadgets/usbx/udc/ucore.c: analysed for its calls of the PATHs'"'"' ops" >expect &&
	test_cmp expect actual &&
	! grep "uaux\|peer" facts
'

test_expect_success 'check: dw'"'"'s pullup and vbus_session do not race' '
	bitsplit check --tree "$SAMPLES" --layout dwc.o gadgets/usbx/dwc >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves nothing" >expect &&
	test_cmp expect actual &&
	grep "from store: ug_soft_connect_store -> ug_connect_locked -> dw_pullup" out &&
	grep "from write: ug_vbus_store -> dw_vbus_session" out
'

test_done
