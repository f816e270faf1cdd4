#!/bin/sh
# bitsplit facts on each sample: the exact fact lines, written from the
# writer/lock table in each sample's header comment.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null
'

for s in vfio mlx5 edge pthread negative nested; do
	test_expect_success "facts for samples/$s" "
		bitsplit facts -q --tree \"\$SAMPLES\" --build objs $s >actual &&
		test_cmp \"\$TEST_DIRECTORY/expect/facts/$s.tsv\" actual
	"
done

test_expect_success 'the summary counts structs, files, writes and untyped writes' '
	bitsplit facts --tree "$SAMPLES" --build objs edge negative >/dev/null 2>err &&
	cat >expect <<-\EOT &&
	bitsplit facts: 3 candidate structs, 2 of 2 files name a candidate field
	bitsplit facts: 16 writes (1 untyped), 0 not analysed
	EOT
	test_cmp expect err
'

test_expect_success 'the same facts whatever the number of spatch jobs' '
	bitsplit facts -q -j 1 --tree "$SAMPLES" --build objs mlx5 >j1 &&
	test_cmp "$TEST_DIRECTORY/expect/facts/mlx5.tsv" j1
'

test_expect_success '--layout takes the layout from a pahole dump instead' '
	pahole -I objs/negative/quiet.o >quiet.dump &&
	bitsplit facts -q --tree "$SAMPLES" --layout quiet.dump negative >actual &&
	test_cmp "$TEST_DIRECTORY/expect/facts/negative.tsv" actual
'

test_expect_success 'json carries the same facts' '
	bitsplit facts -q --format json --tree "$SAMPLES" --build objs negative >actual &&
	test_cmp "$TEST_DIRECTORY/expect/facts/negative.json" actual
'

test_done
