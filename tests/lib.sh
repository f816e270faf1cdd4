# Test library for the end-to-end tests, in the style of git's test-lib.sh.
# A test script sources this, calls test_expect_success for each step of
# its story, and ends with test_done.

set -u
TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TEST_DIRECTORY/.." && pwd)
SAMPLES="$ROOT/samples"
# The sanitized build, so every end-to-end test is also an ASan/UBSan run.
BITSPLIT="${BITSPLIT:-$ROOT/build/san/bitsplit}"
# Leaks are checked too.  Every sanitizer report (ASan, UBSan, LSan) goes
# to a file under $SANITIZER_LOGS, and a test after which one is found
# fails, however it treats the exit status: a test that expects exit 1 or
# runs '! bitsplit' cannot take a leak for the tool's own failure.  The
# process itself aborts (status 134), never exits 1 or 2.  Our options come
# after the caller's, so they cannot be turned off by the environment.
SANITIZER_LOGS="$(mktemp -d "${TMPDIR:-/tmp}/bitsplit-san.XXXXXX")" || exit 1
san_opts="abort_on_error=1:log_path=$SANITIZER_LOGS/report"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:$san_opts"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1:$san_opts"
export BITSPLIT_DATADIR="$ROOT/semantic-patches"

bitsplit() { "$BITSPLIT" "$@"; }

test_count=0
test_passed=0
test_failed=0
test_skipped=0
TRASH="$(mktemp -d "${TMPDIR:-/tmp}/bitsplit-test.XXXXXX")" || exit 1
trap 'rm -rf "$TRASH" "$SANITIZER_LOGS"' EXIT
cd "$TRASH" || exit 1

say() { printf '%s\n' "$*"; }

# sanitizer_reports: print and remove the reports written since the last
# call; fail if there were any.
sanitizer_reports() {
	set -- "$SANITIZER_LOGS"/report.*
	[ -e "$1" ] || return 0
	cat "$@"
	rm -f "$@"
	return 1
}

test_expect_success() {
	test_count=$((test_count + 1))
	# fd 9: the log, for test_expect_code behind a command's redirections
	(eval "$2") >"$TRASH/.out" 2>&1 9>&2
	test_rc=$?
	sanitizer_reports >>"$TRASH/.out" || test_rc=1
	if [ "$test_rc" = 0 ]; then
		test_passed=$((test_passed + 1))
		say "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		say "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
		# TEST_IMMEDIATE=1: stop at the first failure, as git's --immediate
		[ -z "${TEST_IMMEDIATE:-}" ] || { test_done; exit 1; }
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
	if ! sanitizer_reports >"$TRASH/.out"; then
		test_failed=$((test_failed + 1))
		say "not ok - sanitizer report outside the tests"
		sed 's/^/#   /' "$TRASH/.out"
	fi
	say "# passed $test_passed failed $test_failed skipped $test_skipped"
	[ "$test_failed" = 0 ]
}

# Debian's linux-source-6.12, for the tests that run on real kernel code:
# linux_tree and linux_extract DIR PART... (fail when the tarball is
# absent, so a test can skip visibly).
. "$ROOT/scripts/linux-source.sh"

# kernel_build SCRIPT DESC: set KERNEL_BUILD to the cached kernel build
# scripts/SCRIPT prints (DIR/src, DIR/O); without spatch, Debian's
# linux-source-6.12 or the kernel build tools, and while the cache is
# cold unless BITSPLIT_KERNEL_BUILD=1 asks to build it (CI does), skip
# the whole test as DESC and exit.
kernel_build() {
	kb_why=
	if ! command -v spatch >/dev/null 2>&1; then
		kb_why='spatch (coccinelle) is not installed'
	elif ! linux_tree >/dev/null; then
		kb_why='no /usr/src/linux-source-6.12.tar.xz (apt-get install linux-source-6.12)'
	elif [ "${BITSPLIT_KERNEL_BUILD:-}" = 1 ]; then
		KERNEL_BUILD=$(sh "$ROOT/scripts/$1") || kb_why='the kernel build tools are missing'
	else
		KERNEL_BUILD=$(sh "$ROOT/scripts/$1" --cached) ||
			kb_why="no cached build: run scripts/$1 or set BITSPLIT_KERNEL_BUILD=1"
	fi
	[ -z "$kb_why" ] && return 0
	test_skip "$2" "$kb_why"
	test_done
	exit 0
}
