#!/bin/sh
# The check report in each format, from the hand-written facts of the
# samples.  Every expected file was read line by line against the sample's
# code (see t0300 for why each field moves or stays).
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/check"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

check() {	# sample object, facts, then check options
	obj=$1 facts=$2
	shift 2
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/$obj" \
		--facts "$EXP/$facts" "$@"
}

test_expect_success 'text: the vfio report names the config-space pair' '
	check vfio/vfpci_core.o vfio.facts >actual; test $? = 1 &&
	test_cmp "$EXP/vfio.txt" actual
'

test_expect_success 'text: edge shows the sibling walk, the data race, untyped evidence' '
	check edge/edge.o edge.facts >actual; test $? = 1 &&
	test_cmp "$EXP/edge.txt" actual
'

test_expect_success 'json: the documented contract, for mlx5' '
	check mlx5/mlx5vf_main.o mlx5.facts --format json >actual; test $? = 1 &&
	test_cmp "$EXP/mlx5.json" actual
'

test_expect_success 'sarif: the output is the expected SARIF for mlx5' '
	check mlx5/mlx5vf_main.o mlx5.facts --format sarif >actual; test $? = 1 &&
	test_cmp "$EXP/mlx5.sarif" actual
'

# What GitHub code scanning and other SARIF consumers require.
test_expect_success 'sarif: version 2.1.0, driver with rules, located results' '
	check mlx5/mlx5vf_main.o mlx5.facts --format sarif >s.json
	grep -q "^  \"version\": \"2.1.0\",$" s.json &&
	grep -q "^  \"\$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",$" s.json &&
	grep -q "^          \"name\": \"bitsplit\",$" s.json &&
	grep -q "^          \"rules\": \[$" s.json &&
	grep -q "^              \"id\": \"bitsplit-racy-bitfield\",$" s.json &&
	grep -q "^          \"ruleId\": \"bitsplit-racy-bitfield\",$" s.json &&
	grep -q "^          \"level\": \"warning\",$" s.json &&
	grep -q "^            \"text\": \"mlx5vf_device.deferred_reset must move" s.json &&
	grep -q "^                  \"uri\": \"mlx5/mlx5vf_main.c\"$" s.json &&
	grep -q "^                  \"startLine\": 88,$" s.json
'

test_expect_success 'sarif: a clean run has an empty results array' '
	check negative/quiet.o quiet.facts --format sarif >s.json &&
	grep -q "^      \"results\": \[\]$" s.json
'

test_expect_success 'org: coccicheck-style TODO items under each policy' '
	check mlx5/mlx5vf_main.o mlx5.facts --format org >actual; test $? = 1 &&
	test_cmp "$EXP/mlx5.proven-race.org" actual &&
	check mlx5/mlx5vf_main.o mlx5.facts --format org --policy setup-only >actual
	test $? = 1 && test_cmp "$EXP/mlx5.setup-only.org" actual
'

test_done
