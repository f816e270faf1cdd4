#!/bin/sh
# The Python the .cocci files share (racy.py, lockvocab.py), unit-tested
# outside spatch.
. "$(dirname "$0")/lib.sh"

test_expect_success 'tests/unit/test_racy.py' '
	python3 "$TEST_DIRECTORY/unit/test_racy.py" -v >out 2>&1 || { cat out; false; } &&
	grep "^OK$" out
'

test_done
