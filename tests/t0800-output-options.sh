#!/bin/sh
# What a maintainer meets first: the report puts the driver's own structs
# before the headers it includes, says each "not analysed" once and counts
# the notes; -C and --data work wherever a layout or the facts pass does;
# "layout --build" needs no --tree.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a driver struct and a core struct it includes, both racy' '
	mkdir -p tree/core tree/drv b/drv &&
	cat >tree/core/core.h <<-\EOT &&
	#include <stdbool.h>
	struct core_dev {
		int id;
		bool up:1;
		bool busy:1;
	};
	EOT
	cat >tree/drv/drv.h <<-\EOT &&
	#include "../core/core.h"
	struct drv_dev {
		struct core_dev core;
		bool open:1;
		bool dirty:1;
	};
	struct drv_stats {
		int n;
	} __attribute__((aligned(8)));
	EOT
	cat >tree/drv/drv.c <<-\EOT &&
	#include "drv.h"
	struct ops { int (*ioctl)(struct drv_dev *d); int (*write)(struct drv_dev *d); };
	static int drv_ioctl(struct drv_dev *d)
	{
		d->open = true;
		d->core.up = true;
		return 0;
	}
	static int drv_write(struct drv_dev *d)
	{
		d->dirty = true;
		d->core.busy = true;
		return 0;
	}
	const struct ops drv_ops = { .ioctl = drv_ioctl, .write = drv_write };
	EOT
	(cd tree && gcc -g -c -o ../b/drv/drv.o drv/drv.c) &&
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

test_expect_success 'check: the structs declared under the PATHs come first' '
	test_expect_code 1 bitsplit check --tree tree --build b drv >out 2>err &&
	grep "^struct" out >actual &&
	cat >expect <<-\EOT &&
	struct drv_dev (drv/drv.h:2), 12 bytes
	struct core_dev (core/core.h:2), 8 bytes
	EOT
	test_cmp expect actual
'

test_expect_success 'check: a line spatch could not parse is said once, and counted' '
	grep -c "not analysed" err >count && echo 1 >expect && test_cmp expect count &&
	echo "bitsplit facts: 4 writes (0 untyped), 1 not analysed" >expect &&
	grep "not analysed" err >actual && test_cmp expect actual &&
	grep "not analysed" out >actual &&
	cat >expect <<-\EOT &&
	note: drv/drv.h:9: not analysed: parse error
	2 structs, 2 shared locations: proven-race moves 2 fields, setup-only moves 4 (policy proven-race: races found); 1 note, 1 line not analysed
	EOT
	test_cmp expect actual
'

test_expect_success 'check --layout twice: a header struct in both objects is one struct' '
	mkdir -p b2 && printf "#include \"drv.h\"\nstruct drv_dev *other;\n" >tree/drv/other.c &&
	(cd tree && gcc -g -c -o ../b2/other.o drv/other.c) &&
	bitsplit check --tree tree --layout b/drv/drv.o --layout b2/other.o drv >out 2>/dev/null
	test $? = 1 &&
	grep "^struct" out >actual &&
	cat >expect <<-\EOT &&
	struct drv_dev (drv/drv.h:2), 12 bytes
	struct core_dev (core/core.h:2), 8 bytes
	EOT
	test_cmp expect actual
'

test_expect_success 'fix: a lock known only by its text still heads its group' '
	printf "write\tdrv/drv.c\t5\t2\tdrv_ioctl\tdrv_dev\topen\td\tself\t=\ttrue\ttyped\t?d->lock:w@lexical\n" >lock.facts &&
	printf "write\tdrv/drv.c\t11\t2\tdrv_write\tdrv_dev\tdirty\td\tself\t=\ttrue\ttyped\t-\n" >>lock.facts &&
	printf "root\tdrv/drv.c\t15\tdrv_ioctl\truntime\tioctl\n" >>lock.facts &&
	printf "root\tdrv/drv.c\t15\tdrv_write\truntime\twrite\n" >>lock.facts &&
	bitsplit fix --tree tree --build b -C drv_dev --policy setup-only --facts lock.facts \
		--out lockfix drv >/dev/null &&
	grep "^+.*/\*" lockfix/drv_dev.diff >actual &&
	cat >expect <<-\EOT &&
	+/* written under d->lock */
	+/* no common lock: written by write file ops */
	EOT
	test_cmp expect actual
'

test_expect_success 'check -C keeps one struct' '
	bitsplit check --tree tree --build b -C core_dev drv >out 2>/dev/null; test $? = 1 &&
	grep "^struct" out >actual &&
	echo "struct core_dev (core/core.h:2), 8 bytes" >expect && test_cmp expect actual
'

test_expect_success 'check -C ... --data: a vocabulary file naming the learned unlock wrapper agrees' '
	printf "unlock\tmlx5vf_state_mutex_unlock\tw\n" >wrap.txt &&
	bitsplit check --tree "$SAMPLES" --build obj -C mlx5vf_device mlx5 vfio >without 2>/dev/null
	test $? = 1 &&
	bitsplit check --tree "$SAMPLES" --build obj -C mlx5vf_device --data "$TRASH/wrap.txt" \
		mlx5 vfio >with 2>/dev/null
	test $? = 1 &&
	grep "^struct" with >actual &&
	echo "struct mlx5vf_device (mlx5/mlx5vf.h:14), 40 bytes" >expect && test_cmp expect actual &&
	! grep "unknown lock-like" without &&
	! grep "unknown lock-like" with &&
	tail -n 1 with >actual &&
	echo "1 struct, 1 shared location: proven-race moves 1 field, setup-only moves 3 (policy proven-race: races found)" >expect &&
	test_cmp expect actual
'

test_expect_success 'check --data with a bad vocabulary line names it' '
	printf "unlock\n" >bad.txt &&
	test_expect_code 2 bitsplit check --tree "$SAMPLES" --build obj --data "$TRASH/bad.txt" mlx5 2>err &&
	grep "bad.txt:1: error: expected" err
'

test_expect_success 'fix -C ... --data: the facts pass takes the same vocabulary' '
	bitsplit fix --tree "$SAMPLES" --build obj -C mlx5vf_device --data "$TRASH/wrap.txt" \
		--out fixout mlx5 >out 2>err &&
	! grep "unknown lock-like" err out &&
	ls fixout >actual &&
	printf "mlx5vf_device.cocci\nmlx5vf_device.diff\nmlx5vf_device.plan\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'layout --build without --tree: the PATHs name directories of the build' '
	mkdir elsewhere && cd elsewhere &&
	bitsplit layout --build ../obj -C vfpci_device vfio >../out &&
	bitsplit layout --build ../obj -C vfpci_device vfio/vfpci_core.c >../out-c &&
	cd .. && head -n 2 out >actual &&
	printf "/* vfio/vfpci_core.h:41 */\nstruct vfpci_device {\n" >expect &&
	test_cmp expect actual && test_cmp out out-c
'

test_expect_success 'layout --build without --tree: a PATH with no objects is an error' '
	test_expect_code 2 bitsplit layout --build obj nowhere 2>err &&
	echo "bitsplit: error: nowhere: expected a .c file or a directory" >expect &&
	test_cmp expect err
'

export GIT_AUTHOR_DATE="2026-05-11 16:16:02 -0600" GIT_COMMITTER_DATE="2026-05-11 16:16:02 -0600"

test_expect_success 'series --policy setup-only -C: one struct, one patch' '
	mkdir repo && cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/mlx5" repo/ &&
	(cd repo && git init -q && git config user.name "Ada Lovelace" &&
	 git config user.email ada@example.org && git add -A &&
	 git commit -qm "vfio/pci: Add the vfpci core driver" &&
	 bitsplit series --build "$TRASH/obj" --policy setup-only --fix split -C vfpci_device \
		--out ../series vfio mlx5 >../actual 2>../err) &&
	cat >expect <<-\EOT &&
	../series/0000-cover-letter.patch
	../series/0001-vfio-pci-Fix-racy-bitfields-and-tighten-struct-layou.patch
	EOT
	test_cmp expect actual &&
	! grep -l mlx5vf series/*.patch &&
	grep "^-	bool			needs_reset:1;$" series/0001-*.patch
'

test_done
