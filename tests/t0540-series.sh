#!/bin/sh
# bitsplit series on a scratch git repository built from the vfio sample:
# subjects, Fixes:, Signed-off-by:, Cc:, the cover letter, git am in a
# clone, and the kernel's checkpatch.pl --strict when the tarball is here.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_DATE="2026-05-11 16:16:02 -0600" GIT_COMMITTER_DATE="2026-05-11 16:16:02 -0600"

test_expect_success 'setup: a driver whose flags were packed by a later commit' '
	mkdir repo &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/Makefile" repo/ &&
	mkdir repo/scripts &&
	printf "#!/usr/bin/perl\nprint \"Alex Williamson <alex\\@example.org>\\\\nkvm\\@vger.kernel.org\\\\n\";\n" \
		>repo/scripts/get_maintainer.pl &&
	cd repo &&
	git init -q && git config user.name "Ada Lovelace" && git config user.email ada@example.org &&
	cp vfio/vfpci_core.h ../packed.h &&
	grep -v "virq_disabled:1\|bardirty:1" ../packed.h >vfio/vfpci_core.h &&
	git add -A && git commit -qm "vfio/pci: Add the vfpci core driver" &&
	cp ../packed.h vfio/vfpci_core.h &&
	git commit -qam "vfio/pci: Track INTx and BAR state in the device flags" &&
	make -s O="$TRASH/build" >/dev/null &&
	git status --porcelain >../status && test_cmp /dev/null ../status &&
	perl scripts/get_maintainer.pl >../cc && test $(wc -l <../cc) = 2
'

test_expect_success 'series writes a cover letter and one patch' '
	cd repo && git count-objects -v >../objects-before &&
	bitsplit series --build "$TRASH/build" --cc --out ../out vfio >../actual 2>../err &&
	cd .. &&
	cat >expect <<-\EOT &&
	../out/0000-cover-letter.patch
	../out/0001-vfio-pci-Fix-racy-bitfields-and-tighten-struct-layou.patch
	EOT
	test_cmp expect actual
'

test_expect_success 'the repository, its index and its objects are untouched' '
	cd repo && git status --porcelain >../status && git count-objects -v >../objects-after &&
	cd .. && test_cmp /dev/null status && test_cmp objects-before objects-after
'

test_expect_success 'subjects carry the prefix learned from git log' '
	grep -h "^Subject:" out/*.patch >actual &&
	cat >expect <<-\EOT &&
	Subject: [PATCH 0/1] vfio/pci: Fix racy bitfields
	Subject: [PATCH 1/1] vfio/pci: Fix racy bitfields and tighten struct layout
	EOT
	test_cmp expect actual
'

test_expect_success 'a capitalised first word is a sentence, not a subsystem prefix' '
	cp -r repo sentence && cd sentence &&
	for i in 1 2 3; do
		printf "/* note %s */\n" $i >>vfio/vfpci_core.h &&
		git commit -qam "Skeleton: Add note $i" || return 1
	done &&
	bitsplit series --build "$TRASH/build" --out ../out-sentence vfio >/dev/null 2>&1 &&
	grep -h "^Subject: \[PATCH 1/1\]" ../out-sentence/0001-*.patch >../actual &&
	echo "Subject: [PATCH 1/1] vfio/pci: Fix racy bitfields and tighten struct layout" >../expect &&
	test_cmp ../expect ../actual
'

test_expect_success 'trailers: Fixes: the commit that packed the racing fields, Cc:, Signed-off-by:' '
	sha=$(git -C repo rev-parse --short=12 HEAD) &&
	sed -n "/^Fixes:/,/^---$/p" out/0001-*.patch >actual &&
	cat >expect <<-EOT &&
	Fixes: $sha ("vfio/pci: Track INTx and BAR state in the device flags")
	Cc: stable@vger.kernel.org
	Cc: Alex Williamson <alex@example.org>
	Cc: kvm@vger.kernel.org
	Signed-off-by: Ada Lovelace <ada@example.org>
	---
	EOT
	test_cmp expect actual
'

test_expect_success 'the body lists the dedicated fields, the packed ones and the size' '
	sed -n "/^Dedicated storage units:/,/^$/p" out/0001-*.patch >actual &&
	cat >expect <<-\EOT &&
	Dedicated storage units:
	- virq_disabled, bardirty: vfpci_basic_config_write() (config-space
	  write), holding only a runtime-PM reference

	EOT
	test_cmp expect actual &&
	grep "^- has_dyn_msix, extended_caps: vfpci_init_caps() (probe)$" out/0001-*.patch &&
	grep "^after sriov_pwr_active: struct vfpci_device shrinks from 176 to 168$" out/0001-*.patch
'

test_expect_success 'the cover letter has the summary table' '
	sed -n "/^  struct /,/^  vfpci/p" out/0000-cover-letter.patch >actual &&
	printf "  %-24s %-28s %5s %6s  %s\n" struct header moved packed size \
		vfpci_device vfio/vfpci_core.h 2 11 "176 -> 168" >expect &&
	test_cmp expect actual
'

test_expect_success 'the series applies with git am in a clone' '
	git clone -q repo am && cd am &&
	git config user.name "Ada Lovelace" && git config user.email ada@example.org &&
	git am -q ../out/0001-*.patch &&
	git log -1 --format=%s >../actual && cd .. &&
	echo "vfio/pci: Fix racy bitfields and tighten struct layout" >expect &&
	test_cmp expect actual &&
	grep -c ":1;" am/vfio/vfpci_core.h >count && echo 11 >expect && test_cmp expect count &&
	grep "^	bool			virq_disabled;$" am/vfio/vfpci_core.h &&
	grep "^	bool			bardirty;$" am/vfio/vfpci_core.h
'

test_expect_success 'a repository without user.email cannot sign off' '
	git clone -q repo anon && git -C anon config user.email "" &&
	test_expect_code 2 bitsplit series --tree anon --build "$TRASH/build" --out out2 vfio 2>err &&
	echo "bitsplit: error: anon: git config user.name and user.email are not set: a patch needs a Signed-off-by" >expect &&
	tail -n 1 err >last && test_cmp expect last
'

if linux_extract linux scripts; then
	test_expect_success 'every patch passes the kernel checkpatch.pl --strict' '
		cd repo &&
		for p in ../out/0001-*.patch; do
			perl ../linux/scripts/checkpatch.pl --strict --no-tree "$p" >../cp ||
				{ cat ../cp; exit 1; }
			grep "^total: 0 errors, 0 warnings, 0 checks" ../cp || { cat ../cp; exit 1; }
		done
	'
else
	test_skip 'checkpatch.pl --strict' "$LINUX_TARBALL is absent"
fi

test_done
