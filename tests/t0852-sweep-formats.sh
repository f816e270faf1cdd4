#!/bin/sh
# The sweep's summary as JSON and SARIF on samples/sweeprank: the same
# ranking, reasons, commands, apart section and counts as the text (t0850),
# from sweep and from merge alike.
. "$(dirname "$0")/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
	test_skip "sweep --format json and sarif" "jq is not installed (scripts/install-deps.sh)"
	test_done
	exit 0
fi

# jq programs: one line per entry, in the words of the expect files
ranked='.ranked[] | "\(.rank) \(.struct) \(.file):\(.line) \(.fields | join(","))
 races=\(.races) cross=\(.cross_root) unlocked=\(.unlocked) roots=\(.roots) typed=\(.typed)
 files=\(.files | join(","))" | gsub("\n"; "")'
counts='"files=\(.files) candidates=\(.candidates) locations=\(.memory_locations)
 layout=\(.layout)", (.not_ranked | "private=\(.thread_private) setup=\(.setup_only)
 serialized=\(.serialized) unwritten=\(.no_shared_write) apart=\(.cannot_be_patched)")
 | gsub("\n"; "")'
sarif='.runs[0] | (.results[] | "\(.level) \(.ruleId)
 \(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine)
 rank=\(.properties.rank // "-") \(.message.text | sub("(?<w>race|patched): .*"; "\(.w)"))"),
 (.properties | "ranked=\(.ranked) private=\(.thread_private) setup=\(.setup_only)
 serialized=\(.serialized) unwritten=\(.no_shared_write) apart=\(.cannot_be_patched)")
 | gsub("\n"; "")'
related='.runs[0].results[0].relatedLocations[0] | "\(.message.text)
 \(.physicalLocation.artifactLocation.uri):\(.physicalLocation.region.startLine)" | gsub("\n"; "")'
export ranked counts sarif related

test_expect_success 'setup a tree and the text summary' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweeprank" tree/ &&
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out text sweeprank >summary.txt
'

test_expect_success 'json: the ranking in order, with its evidence' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --format json --out json \
		sweeprank >out.json &&
	test_cmp out.json json/summary.json &&
	jq -r "$ranked" out.json >actual &&
	test_cmp "$TEST_DIRECTORY/expect/t0852/ranked" actual
'

test_expect_success 'json: the uapi struct apart, the rest counted' '
	jq -r ".cannot_be_patched[] | \"\(.struct) \(.file):\(.line) \(.why)\"" out.json >actual &&
	test_cmp "$TEST_DIRECTORY/expect/t0852/apart" actual &&
	jq -r "$counts" out.json >actual &&
	test_cmp "$TEST_DIRECTORY/expect/t0852/counts" actual
'

test_expect_success 'json: the reasons and commands are the text summary'"'"'s' '
	grep "^	" summary.txt | grep -v "^	struct " | sed "s/^	//" >expect &&
	jq -r ".ranked[] | .why, .fix, .series" out.json >actual &&
	test_cmp expect actual &&
	jq -r ".ranked[0].locations[0].fields[] | .name + \" \" + (.writers | length | tostring)" \
		out.json >actual &&
	printf "a 1\nb 1\n" >expect && test_cmp expect actual
'

test_expect_success 'sarif: a warning per ranked race, a note for the uapi struct' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --format sarif --out sarif \
		sweeprank >out.sarif &&
	test_cmp out.sarif sarif/summary.sarif &&
	jq -r ".version, .runs[0].tool.driver.name" out.sarif >actual &&
	printf "2.1.0\nbitsplit\n" >expect && test_cmp expect actual &&
	jq -r "$sarif" out.sarif >actual &&
	test_cmp "$TEST_DIRECTORY/expect/t0852/sarif" actual
'

test_expect_success 'sarif: the racing write is related, the commands are the text'"'"'s' '
	jq -r "$related" out.sarif >actual &&
	echo "b is written here by rk_read sweeprank/rank.c:32" >expect && test_cmp expect actual &&
	grep "^	bitsplit " summary.txt | sed "s/^	//" >expect &&
	jq -r ".runs[0].results[] | select(.level == \"warning\") | .properties.fix, .properties.series" \
		out.sarif >actual &&
	test_cmp expect actual
'

test_expect_success 'merge --format json of two shards is the unsharded sweep'"'"'s' '
	bitsplit sweep --tree tree --jobs 1 --shard 1/2 --out s1 sweeprank >/dev/null &&
	bitsplit sweep --tree tree --jobs 1 --shard 2/2 --out s2 sweeprank >/dev/null &&
	test_expect_code 1 bitsplit merge --tree tree --format json --out all s1 s2 >merged.json &&
	test_cmp out.json merged.json && test_cmp merged.json all/summary.json
'

test_expect_success 'an unknown format is an error before any work' '
	test_expect_code 2 bitsplit sweep --tree tree --format xml --out bad sweeprank 2>err &&
	grep "unknown format .xml.: expected text, json or sarif" err &&
	test ! -e bad
'

test_done
