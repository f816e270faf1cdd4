#!/bin/sh
# racy_bitfields.cocci is generated from facts.cocci and the shared Python;
# the committed copy is the one a kernel tree takes, so it must be current.
. "$(dirname "$0")/lib.sh"

SP="$ROOT/semantic-patches"
RULE="$SP/racy_bitfields.cocci"
GEN="$ROOT/scripts/gen-racy-cocci.sh"

test_expect_success 'the committed rule is what the generator makes of its sources' '
	sh "$GEN" "$SP" >gen.cocci &&
	{ cmp gen.cocci "$RULE" || { echo "stale: run make and commit $RULE"; false; }; } &&
	if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$ROOT" diff --quiet HEAD -- semantic-patches/racy_bitfields.cocci ||
		{ echo "regenerated but not committed: $RULE"; false; }
	fi
'

test_expect_success 'an edit to a shared rule of facts.cocci changes the rule' '
	cp -R "$SP" sp &&
	sed -i "s/^@cbarg@$/@cbarg@\n\/\/ a new comment/" sp/facts.cocci &&
	sh "$GEN" sp >new.cocci &&
	! cmp -s new.cocci "$RULE" &&
	grep -x "// a new comment" new.cocci
'

test_expect_success 'a facts-only region the template does not replace is an error' '
	rm -rf sp && cp -R "$SP" sp &&
	printf "# >>> facts only: extra\nx = 1\n# <<< facts only\n" >>sp/facts.cocci &&
	test_expect_code 2 sh "$GEN" sp >out 2>err &&
	grep "no racy region \"extra\" in the template" err
'

test_expect_success 'the rule stands alone: no input of bitsplit, no module to import' '
	! grep -n "virtual\.bitsplit_\|^import lockvocab\|sys\.path" "$RULE" &&
	grep -q "^lockvocab = types.SimpleNamespace" "$RULE" &&
	grep -q "^racy = types.SimpleNamespace" "$RULE" &&
	grep -q "^lock	mutex_lock	" "$RULE"
'

test_expect_success 'the rule follows the kernel conventions' '
	head -n 1 "$RULE" >actual &&
	echo "// SPDX-License-Identifier: GPL-2.0-only" >expect &&
	test_cmp expect actual &&
	grep -q "^/// " "$RULE" &&
	grep -x "// Confidence: Moderate" "$RULE" &&
	test $(grep -c "Options:" "$RULE") = 1 &&
	grep -x "// Options: --no-includes" "$RULE" &&
	test $(grep -c "Requires:" "$RULE") = 1 &&
	for m in patch context org report; do grep -x "virtual $m" "$RULE" || return 1; done &&
	grep "^//# .*bitsplit check" "$RULE" &&
	spatch --parse-cocci "$RULE" >/dev/null 2>err; ! grep -i "error" err
'

test_done
