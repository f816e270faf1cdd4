#!/bin/sh
# semantic-patches/racy_bitfields.cocci on its own, in every coccicheck mode,
# with the options coccicheck passes it (its "// Options:" line).
. "$(dirname "$0")/lib.sh"

RULE="$ROOT/semantic-patches/racy_bitfields.cocci"
EXP="$TEST_DIRECTORY/expect/t0510"
OPTS=$(grep "Options:" "$RULE" | cut -d: -f2)

run_rule() {	# mode
	spatch --very-quiet -D "$1" --no-show-diff --sp-file "$RULE" $OPTS --dir . 2>&1
}

test_expect_success 'report: run-time writers of fields sharing a location, nested ones too' '
	cp "$TEST_DIRECTORY/t0510/dev.h" "$TEST_DIRECTORY/t0510/dev.c" . &&
	run_rule report >actual &&
	test_cmp "$EXP/report" actual
'

test_expect_success 'org: the same findings as TODO items' '
	run_rule org >actual &&
	sed -e "s/^\([^:]*\):\([0-9]*\):\([0-9]*\)-\([0-9]*\): \(.*\)$/* TODO [[view:\1::face=ovl-face1::linb=\2::colb=\3::cole=\4][\5]]/" \
		"$EXP/report" >expect &&
	test_cmp expect actual
'

test_expect_success 'context: marks the racy declarations and writes' '
	run_rule context >actual &&
	test_cmp "$EXP/context" actual
'

test_expect_success 'patch: gives each racy field its own location in place' '
	run_rule patch >actual &&
	test_cmp "$EXP/patch" actual
'

test_expect_success 'the vfio-like sample: every run-time flag, not the setup ones' '
	mkdir vfio && cp -r "$SAMPLES/include" "$SAMPLES/vfio" vfio/ &&
	(cd vfio && run_rule report) >out &&
	sed -e "s/: WARNING: racy bitfield vfpci_device\.\([a-z_]*\) written in \([a-z_]*\)().*/ \1 \2/" out >actual &&
	cat >expect <<-\EOT &&
	./vfio/vfpci_core.c:96:9-22 virq_disabled vfpci_basic_config_write
	./vfio/vfpci_core.c:99:9-22 virq_disabled vfpci_basic_config_write
	./vfio/vfpci_core.c:105:8-16 bardirty vfpci_basic_config_write
	./vfio/vfpci_core.c:130:8-19 needs_reset vfpci_try_reset
	./vfio/vfpci_core.c:138:7-25 pm_runtime_engaged vfpci_pm_entry
	./vfio/vfpci_core.c:144:7-25 pm_runtime_engaged __vfpci_pm_exit
	./vfio/vfpci_core.c:180:7-21 pm_intx_masked vfpci_runtime_suspend
	./vfio/vfpci_core.c:186:7-21 pm_intx_masked vfpci_runtime_resume
	./vfio/vfpci_core.c:198:7-23 sriov_pwr_active vfpci_sriov_configure
	EOT
	test_cmp expect actual
'

test_done
