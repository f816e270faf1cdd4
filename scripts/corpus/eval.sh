#!/bin/sh
# Usage: scripts/corpus/eval.sh [--cases] DIR [OUT]
#
# Judge bitsplit against the labels of the corpus built by build.sh in DIR.
# For each distinct PATH list of scripts/corpus/cases/*.case (their "check"
# lines) and scripts/corpus/dirs/*.labels (their "path" lines) it runs
#     bitsplit check --build DIR/O --tree DIR/src --policy proven-race --format json PATH...
# once, keeps the report in OUT (default DIR/eval), and prints
#   per case:      recall (every pair the maintainers named is a proven
#                  race: 1 or 0), over-moves (fields moved that the upstream
#                  fix did not move: kept packed, or elsewhere in the
#                  struct), false structs (other structs moved that no
#                  directory label calls true);
#   per directory: structs moved under proven-race (and setup-only), how
#                  many a label calls true, false, or none (unlabelled)
#                  (not with --cases);
# then the totals.  BITSPLIT names the binary (default: ./bitsplit of this
# repository).  A check that fails counts as moving nothing and is printed
# (failed= on the summary line); the numbers themselves are not judged here.
here=$(cd "$(dirname "$0")" && pwd)
BITSPLIT=${BITSPLIT:-$here/../../bitsplit}
only_cases=
if [ "$1" = --cases ]; then
	only_cases=1
	shift
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: scripts/corpus/eval.sh [--cases] DIR [OUT]" >&2
	exit 2
fi
dir=$(cd "$1" && pwd) || exit 2
out=${2:-$dir/eval}
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
# The reports are shared between the cases of one run, never across runs.
rm -f "$out"/*.json "$out"/*.json.tmp "$out"/*.err "$out"/*.secs "$out"/*.times "$out"/*.failed
cases=$here/cases
dirs=$here/dirs

# field FILE KEY: the values of KEY lines (tab or space separated), one a line.
field() { sed -n "s/^$2[	 ]\{1,\}//p" "$1"; }

# report PATH...: the JSON report for these PATHs, run once per evaluation.
report() {
	key=$(echo "$*" | tr ' /' '+_')
	# (a long PATH list would make too long a file name)
	[ ${#key} -gt 100 ] && key=paths-$(echo "$*" | cksum | cut -d " " -f 1)
	json=$out/$key.json
	if [ ! -e "$json" ]; then
		t0=$(date +%s)
		(cd "$dir/src" && "$BITSPLIT" check --build "$dir/O" --tree "$dir/src" \
			--policy proven-race --format json "$@") >"$json.tmp" 2>"$out/$key.err"
		rc=$?
		t1=$(date +%s)
		# A check that fails is scored as moving nothing, and said so.
		if [ $rc -gt 1 ]; then
			echo "check failed (exit $rc): $(tail -1 "$out/$key.err")" >"$out/$key.failed"
			echo '{"structs": []}' >"$json.tmp"
		fi
		mv "$json.tmp" "$json"
		# CPU time too: on a loaded machine the wall time says little.
		# (times, not in a pipe: a subshell has no children of its own yet)
		times >"$out/$key.times"
		cpu=$(sed -n 2p "$out/$key.times" | awk '{ split($1, u, "m"); split($2, s, "m")
			printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
		echo "$((t1 - t0)) s, $cpu s CPU" >"$out/$key.secs"
	fi
	echo "$json"
}

# moved_structs JSON POLICY: the structs with a field moving under POLICY.
moved_structs() {
	jq -r --arg p "$2" '.structs[] |
		select([.locations[].fields[] | select(.moves[$p])] | length > 0) |
		.name' "$1" | sort -u
}

# moved_fields JSON STRUCT: its fields moving under proven-race.
moved_fields() {
	jq -r --arg s "$2" '.structs[] | select(.name == $s) |
		.locations[].fields[] | select(.moves["proven-race"]) | .name' "$1"
}

# proven JSON STRUCT A B: A and B are a proven-race pair.
proven() {
	jq -e --arg s "$2" --arg a "$3" --arg b "$4" '[.structs[] | select(.name == $s) |
		.locations[].races[] |
		select((.a == $a and .b == $b) or (.a == $b and .b == $a))] | length > 0' \
		"$1" >/dev/null
}

# why JSON STRUCT FIELD: the report's sentence for FIELD.
why() {
	jq -r --arg s "$2" --arg f "$3" '[.structs[] | select(.name == $s) |
		.locations[].fields[] | select(.name == $f) | .why] |
		if length == 0 then "not in the report (no writer seen, or no shared location)"
		else .[0] end' "$1"
}

# label STRUCT PATH...: "true REASON" or "false REASON" from the label file of
# a directory that holds or is held by one of the PATHs, else nothing.
label() {
	s=$1
	shift
	for l in "$dirs"/*.labels; do
		p=$(field "$l" path)
		for q in "$@"; do
			case "$q/" in
			"$p"/*) ;;
			*) case "$p/" in "$q"/*) ;; *) continue ;; esac ;;
			esac
			awk -F '\t' -v s="$s" '$1 == s && ($2 == "true" || $2 == "false") {
				print $2 " " $3; exit }' "$l"
			return
		done
	done
}

case_structs=$(cat "$cases"/*.case | sed -n 's/^struct[	 ]\{1,\}//p' | sort -u)
n_cases=0 n_recall=0 n_over=0 n_false=0 n_failed=0

for c in "$cases"/*.case; do
	name=$(basename "$c" .case)
	s=$(field "$c" struct)
	# shellcheck disable=SC2046
	json=$(report $(field "$c" check)) || exit 2
	key=$(basename "$json" .json)
	recall=1
	misses=""
	pairs=$(field "$c" pair | tr ' ' '/')
	for pr in $pairs; do
		a=${pr%/*} b=${pr#*/}
		if ! proven "$json" "$s" "$a" "$b"; then
			recall=0
			misses="$misses
  miss: $a/$b is not a proven race
    $a: $(why "$json" "$s" "$a")
    $b: $(why "$json" "$s" "$b")"
		fi
	done
	moved=$(moved_fields "$json" "$s" | tr "\n" " " | sed "s/ $//")
	# An over-move is a field the fix did not move: one it kept packed
	# beside the racing pair, or one elsewhere in the struct it left alone.
	over="" elsewhere=""
	for f in $moved; do
		echo " $(field "$c" moved) " | grep -q " $f " && continue
		if echo " $(field "$c" packed) " | grep -q " $f "; then
			over="$over $f"
		else
			elsewhere="$elsewhere $f"
		fi
	done
	nover=$(echo $over $elsewhere | wc -w)
	false_structs=""
	# shellcheck disable=SC2046
	for o in $(moved_structs "$json" proven-race); do
		echo "$case_structs" | grep -qx "$o" && continue
		# shellcheck disable=SC2046
		l=$(label "$o" $(field "$c" check))
		[ "${l%% *}" = true ] && continue
		false_structs="$false_structs $o"
	done
	nfalse=$(echo $false_structs | wc -w)
	n_cases=$((n_cases + 1))
	n_recall=$((n_recall + recall))
	n_over=$((n_over + nover))
	n_false=$((n_false + nfalse))
	echo "case $name: $s: recall $recall, over-moves $nover, false structs $nfalse ($(field "$c" commit) \"$(field "$c" subject)\"; check $(cat "$out/$key.secs"))"
	echo "  moved: ${moved:-nothing}"
	if [ -e "$out/$key.failed" ]; then
		echo "  $(cat "$out/$key.failed")"
		n_failed=$((n_failed + 1))
	fi
	[ -n "$misses" ] && echo "${misses#?}"
	[ -n "$over" ] && echo "  over-moves, kept packed by the fix:$over"
	[ -n "$elsewhere" ] && echo "  over-moves, elsewhere in the struct (the fix left them alone):$elsewhere"
	[ -n "$false_structs" ] && echo "  false structs:$false_structs"
done

n_dirs=0 d_moved=0 d_true=0 d_false=0 d_unl=0 d_maxfalse=0
for l in "$dirs"/*.labels; do
	[ -n "$only_cases" ] && break
	p=$(field "$l" path)
	# A "check" line narrows the PATHs (shell patterns, in the tree), to
	# the .c files this configuration builds.
	# shellcheck disable=SC2046
	paths=$(cd "$dir/src" && for f in $(field "$l" check); do
		case $f in *.c) [ -e "$dir/O/${f%.c}.o" ] || continue ;; esac
		echo "$f"
	done)
	# shellcheck disable=SC2086
	json=$(report ${paths:-$p}) || exit 2
	key=$(basename "$json" .json)
	# shellcheck disable=SC2086
	nfiles=$(cd "$dir/src" && find ${paths:-$p} -name '*.c' | wc -l)
	nt=0 nf=0 nu=0 unl="" fls=""
	structs=$(moved_structs "$json" proven-race)
	for s in $structs; do
		v=$(awk -F '\t' -v s="$s" '$1 == s { print $2; exit }' "$l")
		case $v in
		true) nt=$((nt + 1)) ;;
		false) nf=$((nf + 1)); fls="$fls $s" ;;
		*) nu=$((nu + 1)); unl="$unl $s($(moved_fields "$json" "$s" | tr '\n' ' ' | sed 's/ $//'))" ;;
		esac
	done
	nm=$(echo $structs | wc -w)
	nsetup=$(moved_structs "$json" setup-only | wc -l)
	stale=""
	for s in $(awk -F '\t' '$2 == "true" || $2 == "false" { print $1 }' "$l"); do
		echo "$structs" | grep -qx "$s" || stale="$stale $s"
	done
	n_dirs=$((n_dirs + 1))
	d_moved=$((d_moved + nm)) d_true=$((d_true + nt))
	d_false=$((d_false + nf)) d_unl=$((d_unl + nu))
	[ $nf -gt $d_maxfalse ] && d_maxfalse=$nf
	echo "dir $p: $nm structs moved: $nt true, $nf false, $nu unlabelled; setup-only moves $nsetup ($nfiles .c files; check $(cat "$out/$key.secs"))"
	if [ -e "$out/$key.failed" ]; then
		echo "  $(cat "$out/$key.failed")"
		n_failed=$((n_failed + 1))
	fi
	[ -n "$fls" ] && echo "  false:$fls"
	[ -n "$unl" ] && echo "  unlabelled:$unl"
	[ -n "$stale" ] && echo "  labelled but not moved:$stale"
done

dirs_total=
[ -n "$only_cases" ] ||
	dirs_total="; $n_dirs directories: $d_moved structs moved, $d_true true, $d_false false, $d_unl unlabelled, at most $d_maxfalse false in one directory"
echo "totals: recall $n_recall/$n_cases ($((100 * n_recall / n_cases)) %), over-moves $n_over, false structs $n_false in the cases$dirs_total; $n_failed checks failed"
echo "summary: failed=$n_failed recall=$n_recall cases=$n_cases over=$n_over false=$n_false dirs=$n_dirs moved=$d_moved true=$d_true dfalse=$d_false unlabelled=$d_unl maxfalse=$d_maxfalse"
