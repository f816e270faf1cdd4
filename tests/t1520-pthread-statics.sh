#!/bin/sh
# Per-file structs stay apart: samples/pthread-statics is one program of
# two files, each defining a struct state of its own with the same member
# names and another layout.  Each file's stores are judged against its own
# definition (scan.c's busy and done share a location and race; sort.c's
# done is alone and its busy shares with a setup flag), the reports name
# each struct with its file, and fix edits each in its own file.  Before,
# the layout kept the first struct state, with a warning, and judged
# sort.c's stores against scan.c's layout: a "data race on the field
# itself" between two different structs' fields.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'layout: two structs state, no warning' '
	bitsplit layout --tree "$SAMPLES" --build objs pthread-statics >out 2>err &&
	grep -B1 "^struct state {" out | grep "^/\*" >actual &&
	cat >expect <<-\EOT &&
	/* pthread-statics/scan.c:18 */
	/* pthread-statics/sort.c:17 */
	EOT
	test_cmp expect actual &&
	test ! -s err
'

test_expect_success 'check: each file'"'"'s stores against its own struct state' '
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-statics >facts 2>/dev/null &&
	test_expect_code 1 bitsplit check --facts facts --tree "$SAMPLES" --build objs \
		pthread-statics >out 2>err &&
	cat >expect <<-\EOT &&
	struct state (pthread-statics/scan.c:18, file-local), 16 bytes
	    proven-race moves busy
	    setup-only  moves busy, done
	      runtime  pthread-statics/scan.c:30  scan_thread
	      runtime  pthread-statics/scan.c:37  main
	struct state (pthread-statics/sort.c:17, file-local), 12 bytes
	    proven-race moves nothing
	    setup-only  moves busy
	      runtime  pthread-statics/sort.c:30  sort_thread
	      sorted             setup    pthread-statics/sort.c:39  sort_run, from main: main -> sort_run
	EOT
	grep -E "^struct |^    (proven-race|setup-only) +moves|^      (runtime|unknown) |^      [a-z]+ +(setup|teardown) " out >actual &&
	test_cmp expect actual &&
	! grep "data race on the field itself" out &&
	! grep "differs between" err
'

test_expect_success 'json: the scope of each struct state' '
	test_expect_code 1 bitsplit check --facts facts --tree "$SAMPLES" --build objs \
		--format json pthread-statics >out.json &&
	grep -E "^      \"(name|scope|file|line)\": " out.json >actual &&
	cat >expect <<-\EOT &&
	      "name": "state",
	      "scope": "pthread-statics/scan.c",
	      "file": "pthread-statics/scan.c",
	      "line": 18,
	      "name": "state",
	      "scope": "pthread-statics/sort.c",
	      "file": "pthread-statics/sort.c",
	      "line": 17,
	EOT
	test_cmp expect actual
'

test_expect_success 'fix: proven-race edits scan.c only' '
	bitsplit fix --facts facts --tree "$SAMPLES" --build objs --out race \
		pthread-statics >report 2>/dev/null &&
	grep "^struct state (" report >actual &&
	echo "struct state (pthread-statics/scan.c):" >expect &&
	test_cmp expect actual &&
	ls race >actual &&
	printf "state@scan.c.cocci\nstate@scan.c.diff\nstate@scan.c.plan\n" >expect &&
	test_cmp expect actual &&
	grep "^+++ " race/state@scan.c.diff >actual &&
	echo "+++ b/pthread-statics/scan.c" >expect &&
	test_cmp expect actual
'

test_expect_success 'fix: setup-only splits each struct in its own file, verified' '
	bitsplit fix --facts facts --policy setup-only --verify --tree "$SAMPLES" \
		--build objs --out setup pthread-statics >report 2>/dev/null &&
	grep "^struct state (" report >actual &&
	cat >expect <<-\EOT &&
	struct state (pthread-statics/scan.c):
	struct state (pthread-statics/sort.c):
	EOT
	test_cmp expect actual &&
	for f in scan sort; do
		grep "^+++ " setup/state@$f.c.diff >actual &&
		echo "+++ b/pthread-statics/$f.c" >expect &&
		test_cmp expect actual || return 1
	done &&
	grep "^  state: layout as planned in " report >actual &&
	cat >expect <<-\EOT &&
	  state: layout as planned in pthread-statics/scan.o: 3 members, 2 split fields each alone in its memory location, size 16
	  state: layout as planned in pthread-statics/sort.o: 4 members, 1 split field each alone in its memory location, size 16
	EOT
	test_cmp expect actual
'

test_expect_success 'fix --split: a struct kept apart is named as its files are' '
	test_expect_code 2 bitsplit fix --facts facts --split state.busy --tree "$SAMPLES" \
		--build objs --out split pthread-statics 2>err &&
	echo "bitsplit: error: --split state.busy: 2 files define a struct state of their own: name one as fix names its files, state@FILE.c.busy" >expect &&
	test_cmp expect err &&
	bitsplit fix --facts facts --split state@sort.c.busy --tree "$SAMPLES" \
		--build objs --out split pthread-statics >report 2>/dev/null &&
	grep "^+++ " split/state@sort.c.diff >actual &&
	echo "+++ b/pthread-statics/sort.c" >expect &&
	test_cmp expect actual
'

test_done
