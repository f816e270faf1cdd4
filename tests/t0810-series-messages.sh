#!/bin/sh
# The series as a maintainer would send it, for the vfio and mlx5 samples
# under both policies: the commit messages and struct diffs are compared
# whole with hand-written ones (tests/expect/series/) modelled on the
# merged upstream fixes: the hazard, the policy in one sentence, the
# packed flags with their setup writers, the dedicated ones with their
# run-time writers and contexts, the holes filled and the size (planned,
# or verified by a rebuild with --verify), then the tags.
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/series"
export GIT_AUTHOR_DATE="2026-05-11 16:16:02 -0600" GIT_COMMITTER_DATE="2026-05-11 16:16:02 -0600"

test_expect_success 'setup: the two drivers, each added by its own commit' '
	mkdir repo &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/Makefile" repo/ &&
	cd repo &&
	git init -q && git config user.name "Ada Lovelace" && git config user.email ada@example.org &&
	git add -A && git commit -qm "vfio/pci: Add the vfpci core driver" &&
	cp -r "$SAMPLES/mlx5" . && git add -A && git commit -qm "vfio/mlx5: Add the mlx5vf driver" &&
	make -s O="$TRASH/build" >/dev/null
'

# tags FILE: the trailers of the commit that added FILE
tags() {
	git -C repo log -1 --abbrev=12 --format="Fixes: %h (\"%s\")" -- "$1" &&
	echo "Cc: stable@vger.kernel.org" &&
	echo "Signed-off-by: Ada Lovelace <ada@example.org>"
}

# expect_msg NAME FILE: the hand-written message with FILE's tags
expect_msg() {
	sed "/^@TAGS@$/d" "$EXP/$1.msg" >"$1.expect" && tags "$2" >>"$1.expect"
}

# am DIR POLICY: apply the series of DIR in a fresh clone named POLICY
am() {
	git clone -q repo "$2" &&
	git -C "$2" config user.name "Ada Lovelace" && git -C "$2" config user.email ada@example.org &&
	git -C "$2" am -q "$TRASH/$1"/000[1-9]-*.patch
}

for policy in proven-race setup-only; do
	case $policy in
	# setup-only: the rule would choose bitops (four contexts, no common
	# lock); the upstream fixes split, as these messages do
	setup-only) verify="--verify --fix split" ;;
	*) verify= ;;
	esac

	test_expect_success "series --policy $policy $verify: a cover letter and one patch per driver" "
		(cd repo && bitsplit series --build \"\$TRASH/build\" --policy $policy $verify \
			--out ../out-$policy vfio mlx5 >../out-$policy.log 2>&1) &&
		ls out-$policy >actual &&
		cat >expect <<-\EOT &&
		0000-cover-letter.patch
		0001-vfio-mlx5-Fix-racy-bitfields-and-tighten-struct-layo.patch
		0002-vfio-pci-Fix-racy-bitfields-and-tighten-struct-layou.patch
		EOT
		test_cmp expect actual && am out-$policy $policy
	"

	test_expect_success "$policy: the mlx5 commit message" "
		expect_msg mlx5-$policy mlx5/mlx5vf.h &&
		git -C $policy log -1 --format=%B HEAD~1 | sed '\$d' >actual &&
		test_cmp mlx5-$policy.expect actual
	"

	test_expect_success "$policy: the vfio commit message" "
		expect_msg vfio-$policy vfio/vfpci_core.h &&
		git -C $policy log -1 --format=%B HEAD | sed '\$d' >actual &&
		test_cmp vfio-$policy.expect actual
	"

	test_expect_success "$policy: the struct diffs, with a comment per group of writers" "
		git -C $policy show --format= HEAD~1 | grep -v '^index ' >actual &&
		test_cmp \"\$EXP/mlx5-$policy.diff\" actual &&
		git -C $policy show --format= HEAD | grep -v '^index ' >actual &&
		test_cmp \"\$EXP/vfio-$policy.diff\" actual
	"
done

test_expect_success 'the cover letter: the prefix both patches share, the policy, where the sizes come from' '
	grep -h "^Subject:" out-setup-only/0000-cover-letter.patch >actual &&
	echo "Subject: [PATCH 0/2] vfio: Fix racy bitfields" >expect && test_cmp expect actual &&
	sed -n "/^2 structs/,/^Sizes/p" out-setup-only/0000-cover-letter.patch >actual &&
	cat >expect <<-\EOT &&
	2 structs pack bitfields written at run time in a storage unit shared
	with other flags. Bitfields are kept only for flags written during setup
	or release; each patch gives every flag written at run time its own
	storage and lists the writer of each flag that stays packed.

	  struct                   header                       moved packed  size
	  mlx5vf_device            mlx5/mlx5vf.h                    3      2  40 -> 40
	  vfpci_device             vfio/vfpci_core.h                6      7  176 -> 176

	Sizes are pahole'"'"'s on objects rebuilt with the patches.
	EOT
	test_cmp expect actual &&
	grep "^Sizes are the planned layouts'"'"' (not rebuilt).$" out-proven-race/0000-cover-letter.patch
'

test_expect_success 'no message contradicts itself or miscounts' '
	! grep -h "do not serialize\|serialized by\|with 0 other\|1 candidate structs\|(pahole)" \
		out-*/*.patch
'

test_expect_success 'two structs of one header: one patch, every field named with its struct' '
	mkdir two && cd two && mkdir drv &&
	cat >drv/two.h <<-\EOT &&
	#include <stdbool.h>
	struct one {
		int id;
		bool a:1;
		bool b:1;
	};
	struct two {
		int id;
		bool c:1;
		bool d:1;
	};
	EOT
	cat >drv/two.c <<-\EOT &&
	#include "two.h"
	struct ops { long (*ioctl)(struct one *o, struct two *t); long (*write)(struct one *o, struct two *t); };
	static long two_ioctl(struct one *o, struct two *t) { o->a = true; t->c = true; return 0; }
	static long two_write(struct one *o, struct two *t) { o->b = true; t->d = true; return 0; }
	const struct ops two_ops = { .ioctl = two_ioctl, .write = two_write };
	EOT
	git init -q && git config user.name "Ada Lovelace" && git config user.email ada@example.org &&
	git add -A && git commit -qm "drv: Add the two driver" &&
	mkdir -p ../two-build/drv && gcc -g -c -o ../two-build/drv/two.o drv/two.c &&
	bitsplit series --build ../two-build --policy setup-only --out ../two-out drv >/dev/null 2>&1 &&
	cd .. && sed -n "/^Dedicated storage units:/,/^$/p" two-out/0001-*.patch >actual &&
	cat >expect <<-\EOT &&
	Dedicated storage units:
	- one.a, two.c: two_ioctl() (ioctl), with no lock
	- one.b, two.d: two_write() (write file op), with no lock

	EOT
	test_cmp expect actual
'

test_done
