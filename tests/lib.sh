# Test library for the end-to-end tests, in the style of git's test-lib.sh.
# A test script sources this, calls test_expect_success for each step of
# its story, and ends with test_done.

set -u
TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TEST_DIRECTORY/.." && pwd)
SAMPLES="$ROOT/samples"
# The sanitized build, so every end-to-end test is also an ASan/UBSan run.
BITSPLIT="${BITSPLIT:-$ROOT/build/san/bitsplit}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export BITSPLIT_DATADIR="$ROOT/semantic-patches"

bitsplit() { "$BITSPLIT" "$@"; }

test_count=0
test_passed=0
test_failed=0
test_skipped=0
TRASH="$(mktemp -d "${TMPDIR:-/tmp}/bitsplit-test.XXXXXX")" || exit 1
trap 'rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1

say() { printf '%s\n' "$*"; }

test_expect_success() {
	test_count=$((test_count + 1))
	# fd 9: the log, for test_expect_code behind a command's redirections
	if (eval "$2") >"$TRASH/.out" 2>&1 9>&2; then
		test_passed=$((test_passed + 1))
		say "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		say "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# test_expect_code CODE COMMAND...: run one command and require its exit
# status to be CODE, as git's test-lib does; the assertions about its
# output follow with &&, so a failing one fails the test whatever CODE is.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" = "$want" ] && return 0
	echo "test_expect_code: '$*' exited with $got, expected $want" >&9
	return 1
}

test_skip() {	# desc reason
	test_skipped=$((test_skipped + 1))
	say "ok - # SKIP $1: $2"
}

# test_cmp EXPECTED ACTUAL: a diff on mismatch, for the log.
test_cmp() { diff -u "$1" "$2"; }

test_done() {
	say "# passed $test_passed failed $test_failed skipped $test_skipped"
	[ "$test_failed" = 0 ]
}

# Debian's linux-source-6.12, for the tests that run on real kernel code:
# linux_tree and linux_extract DIR PART... (fail when the tarball is
# absent, so a test can skip visibly).
. "$ROOT/scripts/linux-source.sh"
